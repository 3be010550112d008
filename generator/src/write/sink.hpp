#pragma once
#include <config/site_config.hpp>
#include <diag/diagnostic.hpp>
#include <outputs/outputs.hpp>
#include <parallel/pool.hpp>
#include <write/manifest.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>
#include <string>
#include <vector>

namespace tsu::write {

/// A file stored ahead of its place in the site (OutputSink::store_ahead), for put_ahead().
struct Ahead {
  outputs::OutputFile file;            ///< its path, and its bytes while they are not stored
  std::optional<ManifestFile> stored;  ///< DiskSink: written to the staging folder (nullopt: not, or failed)
};

/// Where a finished site goes, file by file: begin(), put() each file (a build may put
/// pages as soon as they are rendered), finish() to make it the site. Until finish() the
/// previous site stays as it was; a sink dropped before finish() leaves nothing behind.
class OutputSink {
public:
  virtual ~OutputSink() = default;
  /// Starts a new site; false (with diagnostics) when it cannot.
  virtual bool begin(diag::Diagnostics& diags) = 0;
  /// Stores one file of the new site.
  virtual bool put(const outputs::OutputFile& file, diag::Diagnostics& diags) = 0;
  /// Stores several, as put() of each in turn would; a sink may store them side by side
  /// on the pool (null: one at a time).
  virtual bool put_many(const std::vector<outputs::OutputFile>& files, parallel::Pool* pool, diag::Diagnostics& diags);
  /// Stores a file ahead of its place in the site, on a thread of its own while the
  /// build thread put()s other files (the EPUB, tens of MB, written while the 所管課
  /// pages are made instead of after everything); put_ahead() then gives it its place,
  /// as a put() there would. Not beside begin() or finish(). By default the bytes are
  /// kept and put then.
  virtual Ahead store_ahead(outputs::OutputFile file) { return {std::move(file), std::nullopt}; }
  virtual bool put_ahead(Ahead ahead, diag::Diagnostics& diags) { return put(ahead.file, diags); }
  /// Makes the new site the site, all or nothing.
  virtual bool finish(diag::Diagnostics& diags) = 0;
  /// The whole site at once: begin(), put() each file, finish().
  bool commit(const std::vector<outputs::OutputFile>& files, diag::Diagnostics& diags);
};

/// Keeps the site in memory (tests; `serve`).
class MemorySink final : public OutputSink {
public:
  bool begin(diag::Diagnostics& diags) override;
  bool put(const outputs::OutputFile& file, diag::Diagnostics& diags) override;
  bool finish(diag::Diagnostics& diags) override;
  const std::map<std::string, std::string>& files() const { return m_files; }
  /// The files, moved out (the sink is empty afterwards).
  std::map<std::string, std::string> take() { return std::move(m_files); }

private:
  std::map<std::string, std::string> m_files, m_pending;
};

enum class Clean { Keep, Remove };

/// Writes the site to a folder on disk without ever leaving it half-written: the new site
/// is built in a staging folder beside it and swapped in with one rename. Files in the old
/// output that tsutawaru did not write (listed in its manifest) are carried over and
/// reported, unless Clean::Remove.
class DiskSink final : public OutputSink {
public:
  DiskSink(std::filesystem::path out_dir, std::string out_display, Clean clean);
  ~DiskSink() override;
  bool begin(diag::Diagnostics& diags) override;
  bool put(const outputs::OutputFile& file, diag::Diagnostics& diags) override;
  /// Writes the files on the pool's threads (the hashing, linking and writing of a page's
  /// files was a fifth of a build's time on the calling thread alone).
  bool put_many(const std::vector<outputs::OutputFile>& files, parallel::Pool* pool, diag::Diagnostics& diags) override;
  /// Writes the file into the staging folder now.
  Ahead store_ahead(outputs::OutputFile file) override;
  bool put_ahead(Ahead ahead, diag::Diagnostics& diags) override;
  bool finish(diag::Diagnostics& diags) override;

  /// What the manifest records besides the files (write/manifest.hpp): the build's input
  /// fingerprint, its page count and its warnings. Call before finish().
  void record(std::uint64_t inputs, int pages, std::vector<diag::Diagnostic> warnings) {
    m_inputs = inputs;
    m_pages = pages;
    m_warnings = std::move(warnings);
  }

private:
  /// Writes (or links) one file into the staging folder: its manifest entry, or nullopt
  /// when it cannot. Touches no member but reads, so threads may run it side by side.
  std::optional<ManifestFile> store(const outputs::OutputFile& f) const;
  /// Adds what store() gave to the manifest, or fails the build when it could not.
  bool keep(const outputs::OutputFile& f, std::optional<ManifestFile> stored, diag::Diagnostics& diags);
  void abandon();  // removes the staging folder (after a store_ahead() in flight)
  bool fail(const std::string& what, diag::Diagnostics& diags);
  std::filesystem::path m_out;
  std::string m_display;
  Clean m_clean;
  std::uint64_t m_inputs = 0;
  int m_pages = 0;
  std::vector<diag::Diagnostic> m_warnings;
  // the site being made
  std::filesystem::path m_staging;  ///< empty: none
  std::shared_mutex m_staging_lock;  ///< store_ahead() against abandon(): no file after the folder is gone
  bool m_existed = false;
  Manifest m_previous;
  std::unordered_map<std::string_view, const ManifestFile*> m_before;
  Manifest m_written;
};

/// The output-foreign warning for files in the output folder that tsutawaru did not write.
void report_foreign(const std::vector<std::string>& foreign, Clean clean, const std::string& display,
                    diag::Diagnostics& diags);

/// Refuses output folders whose replacement could destroy something: "/", the home folder,
/// the content or theme folder, or any folder that contains them (the site's own root).
bool check_output_dir(const std::filesystem::path& out, const config::SiteConfig& cfg,
                      diag::Diagnostics& diags);

}  // namespace tsu::write
