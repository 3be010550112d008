#pragma once
#include <ja/align.hpp>
#include <ja/kanjidic.hpp>
#include <ja/readings.hpp>
#include <ja/tokenizer.hpp>

#include <string_view>
#include <vector>

namespace tsu::ja {

/// The language services a build uses, loaded once and shared by every page and thread.
struct Services {
  const Tokenizer* tokenizer = nullptr;
  const KanjiDic* kanji = nullptr;       ///< grades and per-kanji readings; may be null
  const ReadingList* readings = nullptr; ///< the plan's own list; may be null
};

/// Text as runs with readings: the plan's reading list first (longest match wins), then
/// the analyser for the rest; every run aligned so kana is never covered.
std::vector<RubyRun> annotate(std::string_view text, const Services& ja);

}  // namespace tsu::ja
