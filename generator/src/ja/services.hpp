#pragma once
#include <config/site_config.hpp>
#include <fs/file_system.hpp>
#include <ja/furigana.hpp>

#include <memory>
#include <optional>

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

}  // namespace tsu::ja
