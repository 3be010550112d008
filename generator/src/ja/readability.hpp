#pragma once
#include <ja/furigana.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tsu::ja {

/// What a sentence is made of, for やさしい日本語 metrics (issue 4).
struct SentenceStats {
  std::size_t chars = 0;        ///< grapheme clusters, without spaces (ruby never counted)
  std::size_t kanji = 0;        ///< kanji among them
  std::size_t longest_run = 0;  ///< longest run of kanji, terms of the reading list excepted
  std::string longest_run_text;
  // words (tokens without symbols and spaces), for jReadability
  std::size_t words = 0;
  std::size_t kango = 0;     ///< approximated: two or more kanji and no kana
  std::size_t wago = 0;      ///< approximated: every other word that is not katakana or a number
  std::size_t verbs = 0;     ///< 動詞
  std::size_t particles = 0; ///< 助詞
  std::size_t content_words = 0;  ///< 名詞, 動詞, 形容詞, 副詞
  std::size_t beyond_basic = 0;   ///< content words with a kanji not taught in grades 1–2
  std::size_t conjunctive = 0;    ///< が/けど/けれど/ので joining predicates (接続助詞)
};

/// Analyses one sentence (base text, no ruby). exempt: words that do not count towards a
/// kanji run (the plan's explained terms and department names).
SentenceStats analyse_sentence(std::string_view sentence, const Services& ja,
                               const std::set<std::string>& exempt);

/// jReadability (Lee & Hasebe 2016): 11.724 − 0.056·words per sentence − 0.126·漢語% −
/// 0.042·和語% − 0.145·動詞% − 0.044·助詞%. About 0.5 (上級後半) to 6.4 (初級前半).
double jreadability(double words_per_sentence, double kango_pct, double wago_pct, double verb_pct,
                    double particle_pct);
/// The level jReadability names for a score: 初級前半 … 上級後半.
std::string jreadability_level(double score);

/// Sentences of a text block (ICU sentence break iterator, Japanese rules), trimmed.
std::vector<std::string> split_sentences(std::string_view text);

}  // namespace tsu::ja
