#pragma once
#include <config/site_config.hpp>
#include <fs/file_system.hpp>
#include <ja/furigana.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace tsu::ja {

/// The language services as site.toml [ruby] names them: the MeCab dictionary, kanjidic and
/// the plan's readings.toml (optional). Owns them; view() lends them to the passes.
struct LoadedServices {
  std::unique_ptr<MecabTokenizer> tokenizer;
  std::optional<KanjiDic> kanji;
  std::optional<ReadingList> readings;
  /// Set by `serve` to remember results across rebuilds; a plain build leaves it off, so
  /// its memory does not grow with the site.
  std::unique_ptr<AnnotationMemo> memo;

  /// nullopt (with diagnostics) when the dictionary, kanjidic or readings.toml is unusable.
  static std::optional<LoadedServices> load(const fs::FileSystem& fs, const config::SiteConfig& cfg,
                                            diag::Diagnostics& diags);
  Services view() const {
    return {tokenizer.get(), kanji ? &*kanji : nullptr, readings ? &*readings : nullptr, memo.get()};
  }
};

/// The services as each of a pool's threads uses them: with a memo of its own for texts
/// and sentences, which recur from page to page (headings, list items, table cells,
/// labels, a plan's standing phrases), so a build analyses each once per thread. No
/// thread waits for another's. When the caller's services remember already (serve; the
/// 所管課 pages), every thread uses those.
class ThreadServices {
public:
  ThreadServices(const Services& base, unsigned threads);
  /// The services for thread `worker` (0 … threads-1).
  const Services& operator[](unsigned worker) const { return m_services[m_services.size() == 1 ? 0 : worker]; }
  /// Texts (sentences, mostly) longer than 1 KB are not remembered; each thread's memo
  /// turns at about 16 MB (AnnotationMemo::Limits), so it holds at most about 32 MB.
  static constexpr AnnotationMemo::Limits limits{1024, static_cast<std::size_t>(-1), true, 16u << 20};

private:
  std::vector<std::unique_ptr<AnnotationMemo>> m_memos;
  std::vector<Services> m_services;
};

}  // namespace tsu::ja
