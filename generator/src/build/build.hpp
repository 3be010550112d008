#pragma once
#include <cache/cache.hpp>
#include <check/easy.hpp>
#include <content/site.hpp>
#include <diag/diagnostic.hpp>
#include <fs/file_system.hpp>
#include <ja/furigana.hpp>
#include <outputs/outputs.hpp>
#include <write/sink.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tsu::build {

struct Options {
  std::filesystem::path config = "site.toml";
  std::optional<std::filesystem::path> out;  ///< overrides site.toml's output_dir
  write::Clean clean = write::Clean::Keep;
  bool proof = false;  ///< print pages draw the voice-code slot and the notch (--proof)
  bool pdf = false;    ///< also print the print pages to PDF with headless Chromium (--pdf)
  /// Language services to use instead of loading MeCab, kanjidic and readings.toml
  /// (tests pass a fake tokenizer here).
  const ja::Services* ja = nullptr;
  /// Threads for the per-page work; 0: one per core. The output does not depend on it.
  unsigned jobs = 0;
  /// Outputs to leave out of this build only ("print", "epub"), as if site.toml [outputs]
  /// said false. No cache key depends on it: `serve` first builds without the slow
  /// outputs so the edited page reloads at once, then builds them.
  std::vector<std::string> skip_outputs;
  /// Pages a batch when the site is made a batch at a time (no cache, no --pdf): each batch
  /// is parsed, passed, rendered, written and freed before the next. A fixed number, not
  /// one per thread, so the messages come in the same order for any --jobs; the files never
  /// depend on it.
  std::size_t batch = 64;
  /// Results of earlier builds to reuse and to keep for the next one (`serve` keeps one
  /// across rebuilds); none: everything is built afresh.
  cache::Cache* cache = nullptr;
};

/// How long a stage took.
struct Timing {
  std::string stage;
  double ms = 0;
};

struct Result {
  bool ok = false;
  /// The output folder already held what this build would write (its inputs had not
  /// changed since the build that wrote it): nothing was done, the warnings of that build
  /// are repeated, and pages/files are its counts.
  bool unchanged = false;
  diag::Diagnostics diags;
  std::vector<Timing> timings;
  /// Parts of a stage (the batch build's "pages": batches, generated pages, print pages,
  /// EPUB, copied files), "stage/part", for --verbose; included in the stage's time.
  std::vector<Timing> parts;
  std::filesystem::path out_dir;
  std::string out_display;
  int pages = 0;
  int files = 0;
  cache::Stats cache_stats;  ///< how many pages were passed and rendered, and how many reused
  std::unique_ptr<write::OutputSink> sink;  ///< the sink the site went to (if it got that far)
};

/// What `tsutawaru check` found.
struct CheckResult {
  bool ok = false;  ///< the site could be read (errors in diags otherwise)
  diag::Diagnostics diags;
  std::optional<content::Site> site;
  std::vector<check::PageReport> reports;
};

/// Reads the site as a build does (config, content, markdown, ja) and measures every page
/// against site.toml's [easy] rules.
CheckResult check_site(const fs::FileSystem& fs, const Options& options);

/// Where the finished site goes; the default writes to the output folder on disk.
using SinkFactory =
    std::function<std::unique_ptr<write::OutputSink>(const std::filesystem::path& out,
                                                     const std::string& display)>;

/// Builds a site: the stages in order, each timed, stopping at the first stage that
/// reports errors. Nothing is written unless every stage succeeded.
Result run(const fs::FileSystem& fs, const Options& options, const SinkFactory& sink = {});

}  // namespace tsu::build
