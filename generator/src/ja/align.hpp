#pragma once
#include <ja/kanjidic.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tsu::ja {

/// A run of a word: kanji with their reading, or kana / digits / symbols without.
struct RubyRun {
  std::string base;
  std::string reading;                ///< hiragana; empty: no ruby on this run
  std::vector<std::string> per_char;  ///< one reading per kanji when it splits cleanly (mono-ruby)
};

/// Aligns a word's reading (hiragana) to its surface so that kana in the word is never
/// covered: 取り組み/とりくみ → 取[と] り 組[く] み. Digits and symbols get no ruby. Each kanji run
/// is split per kanji when its reading divides into the kanji's known readings in exactly one
/// way (民生/みんせい → 民[みん]生[せい]); otherwise it stays group ruby. When the reading does not
/// fit the surface, the whole word becomes one group ruby (or none if it has digits).
std::vector<RubyRun> align(std::string_view surface, std::string_view reading, const KanjiDic* dic);

}  // namespace tsu::ja
