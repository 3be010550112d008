#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tsu::fs {

namespace stdfs = std::filesystem;

/// Read-only view of the files a build reads (config, content, theme, assets).
/// Stages read through this so unit tests run on an in-memory tree (MemoryFileSystem).
class FileSystem {
public:
  virtual ~FileSystem() = default;
  /// Whole file as bytes; nullopt when it does not exist or cannot be read.
  virtual std::optional<std::string> read(const stdfs::path& p) const = 0;
  virtual bool is_file(const stdfs::path& p) const = 0;
  virtual bool is_directory(const stdfs::path& p) const = 0;
  /// Every regular file below dir, as paths relative to dir, sorted bytewise so that
  /// results never depend on the order of a directory listing.
  /// Symbolic links to files outside dir are not listed: a site never publishes what
  /// lies outside its folders (a link to /etc/passwd in content/ stays private).
  virtual std::vector<stdfs::path> list_files(const stdfs::path& dir) const = 0;
  /// The links below dir that list_files leaves out because they point outside it.
  virtual std::vector<stdfs::path> links_outside(const stdfs::path&) const { return {}; }
};

/// The real disk.
class DiskFileSystem final : public FileSystem {
public:
  std::optional<std::string> read(const stdfs::path& p) const override;
  bool is_file(const stdfs::path& p) const override;
  bool is_directory(const stdfs::path& p) const override;
  std::vector<stdfs::path> list_files(const stdfs::path& dir) const override;
  std::vector<stdfs::path> links_outside(const stdfs::path& dir) const override;
};

/// A fake tree held in memory; paths are compared as given (use generic, relative paths).
class MemoryFileSystem final : public FileSystem {
public:
  void add(const stdfs::path& p, std::string bytes);
  std::optional<std::string> read(const stdfs::path& p) const override;
  bool is_file(const stdfs::path& p) const override;
  bool is_directory(const stdfs::path& p) const override;
  std::vector<stdfs::path> list_files(const stdfs::path& dir) const override;

private:
  std::map<std::string, std::string> m_files;
};

}  // namespace tsu::fs
