#pragma once
#include <string>
#include <string_view>

/// Japanese language services: kana, kanji data, tokens, readings, alignment.
namespace tsu::ja {

/// Katakana to hiragana (ICU transliterator "Katakana-Hiragana"); other text unchanged.
std::string to_hiragana(std::string_view s);

/// A kanji for ruby purposes: Han script, plus 々 (repetition) and 〆, which take readings.
bool is_kanji(char32_t c);
/// Hiragana, katakana, the prolonged sound mark ー and the iteration marks ゝゞヽヾ.
bool is_kana(char32_t c);
/// Every character of s is kana (and s is not empty).
bool all_kana(std::string_view s);
/// s holds at least one kanji.
bool has_kanji(std::string_view s);

}  // namespace tsu::ja
