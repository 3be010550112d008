#pragma once
#include <diag/diagnostic.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The record a build leaves at the top of its output folder (`.tsutawaru-manifest`):
/// which files tsutawaru wrote (so files it did not write are never removed without
/// --clean), each with its size, modification time and a hash of its bytes, the
/// fingerprint of every input of the build, and the warnings it gave.
///
/// With it, a build whose inputs did not change does nothing (and repeats the warnings),
/// and a build that does run links each file whose bytes did not change from the previous
/// site instead of writing it again: its modification time stays, so a deployment by
/// rsync or an HTTP cache sees only the files that really changed.
namespace tsu::parallel {
class Pool;
}

namespace tsu::write {

/// Its name, at the top of the output folder.
inline constexpr const char* manifest_name = ".tsutawaru-manifest";

struct ManifestFile {
  std::string path;  ///< below the output folder, with '/'
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  ///< as the file system reported it after the write
  std::uint64_t hash = 0;     ///< content_hash() of the bytes
};

struct Manifest {
  std::uint64_t inputs = 0;  ///< the build's input fingerprint; 0: unknown
  int pages = 0;
  std::vector<ManifestFile> files;
  std::vector<diag::Diagnostic> warnings;  ///< replayed when the build has nothing to do

  /// The manifest in dir; empty when there is none. A manifest of an older version (one
  /// path a line) gives the paths only.
  static Manifest read(const std::filesystem::path& dir);
  std::string serialize() const;
};

/// A hash of a file's bytes (cache::Hasher): a content comparison, not a security measure.
std::uint64_t content_hash(std::string_view bytes);

/// The size and modification time of a file; false when it is not a regular file.
bool stat_file(const std::filesystem::path& p, std::uint64_t& size, std::int64_t& mtime_ns);
/// The same of a file open as fd (no path to look up again).
bool stat_open_file(int fd, std::uint64_t& size, std::int64_t& mtime_ns);

/// The files below dir (paths with '/', in path order) for which ours() says no, the
/// manifest itself aside; nullopt when the folder could not be read to the end. Regular
/// files and symbolic links to them count; links to folders are not followed.
std::optional<std::vector<std::string>> foreign_files(const std::filesystem::path& dir,
                                                      const std::function<bool(std::string_view)>& ours);

/// Whether dir holds every file of the manifest as it was written (same size and
/// modification time). Files in dir that the manifest does not list go to foreign (as
/// foreign_files gives them). With a pool, the folders are looked at side by side.
bool intact(const std::filesystem::path& dir, const Manifest& m, std::vector<std::string>& foreign,
            parallel::Pool* pool = nullptr);

}  // namespace tsu::write
