#pragma once
#include <config/site_config.hpp>
#include <diag/diagnostic.hpp>
#include <outputs/outputs.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace tsu::write {

/// Where a finished site goes. A sink receives the whole site at once, so it can make the
/// change all-or-nothing.
class OutputSink {
public:
  virtual ~OutputSink() = default;
  /// Stores every file; false (with diagnostics) when it could not.
  virtual bool commit(const std::vector<outputs::OutputFile>& files, diag::Diagnostics& diags) = 0;
};

/// Keeps the site in memory (tests; `serve` later).
class MemorySink final : public OutputSink {
public:
  bool commit(const std::vector<outputs::OutputFile>& files, diag::Diagnostics& diags) override;
  const std::map<std::string, std::string>& files() const { return m_files; }
  /// The files, moved out (the sink is empty afterwards).
  std::map<std::string, std::string> take() { return std::move(m_files); }

private:
  std::map<std::string, std::string> m_files;
};

enum class Clean { Keep, Remove };

/// Writes the site to a folder on disk without ever leaving it half-written: the new site
/// is built in a staging folder beside it and swapped in with one rename. Files in the old
/// output that tsutawaru did not write (listed in its manifest) are carried over and
/// reported, unless Clean::Remove.
class DiskSink final : public OutputSink {
public:
  DiskSink(std::filesystem::path out_dir, std::string out_display, Clean clean);
  bool commit(const std::vector<outputs::OutputFile>& files, diag::Diagnostics& diags) override;

  /// What the manifest records besides the files (write/manifest.hpp): the build's input
  /// fingerprint, its page count and its warnings.
  void record(std::uint64_t inputs, int pages, std::vector<diag::Diagnostic> warnings) {
    m_inputs = inputs;
    m_pages = pages;
    m_warnings = std::move(warnings);
  }

private:
  std::filesystem::path m_out;
  std::string m_display;
  Clean m_clean;
  std::uint64_t m_inputs = 0;
  int m_pages = 0;
  std::vector<diag::Diagnostic> m_warnings;
};

/// The output-foreign warning for files in the output folder that tsutawaru did not write.
void report_foreign(const std::vector<std::string>& foreign, Clean clean, const std::string& display,
                    diag::Diagnostics& diags);

/// Refuses output folders whose replacement could destroy something: "/", the home folder,
/// the content or theme folder, or any folder that contains them (the site's own root).
bool check_output_dir(const std::filesystem::path& out, const config::SiteConfig& cfg,
                      diag::Diagnostics& diags);

}  // namespace tsu::write
