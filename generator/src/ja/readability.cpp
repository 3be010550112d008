#include <ja/kana.hpp>
#include <ja/readability.hpp>
#include <text/unicode.hpp>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>

#include <memory>
#include <stdexcept>

namespace tsu::ja {

namespace {
bool is_space(char32_t c) { return c == U' ' || c == U'\u3000' || c == U'\t' || c == U'\n'; }
}  // namespace

SentenceStats analyse_sentence(std::string_view s, const Services& ja, const std::set<std::string>& exempt) {
  SentenceStats st;
  // characters and kanji
  std::string compact;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    char32_t c = text::next_code_point(s, i);
    if (!is_space(c)) compact.append(s.substr(start, i - start));
  }
  st.chars = text::grapheme_count(compact);
  std::size_t run = 0, run_start = 0;
  for (std::size_t i = 0; i < s.size();) {
    // an exempt term breaks the run and is skipped whole
    const std::string* term = nullptr;
    for (const auto& t : exempt)
      if (s.compare(i, t.size(), t) == 0 && (!term || t.size() > term->size())) term = &t;
    if (term) {
      for (std::size_t k = 0; k < term->size();) st.kanji += is_kanji(text::next_code_point(*term, k));
      i += term->size();
      run = 0;
      continue;
    }
    std::size_t start = i;
    char32_t c = text::next_code_point(s, i);
    if (is_kanji(c)) {
      ++st.kanji;
      if (run++ == 0) run_start = start;
      if (run > st.longest_run) {
        st.longest_run = run;
        st.longest_run_text = std::string(s.substr(run_start, i - run_start));
      }
    } else {
      run = 0;
    }
  }
  // words
  if (!ja.tokenizer) return st;
  for (const auto& t : ja.tokenizer->tokenize(s)) {
    if (t.pos == "記号" || t.surface.find_first_not_of(" \t\n") == std::string::npos) continue;
    ++st.words;
    bool kanji_only = !t.surface.empty();
    std::size_t n_kanji = 0;
    bool katakana = true;
    for (std::size_t i = 0; i < t.surface.size();) {
      char32_t c = text::next_code_point(t.surface, i);
      if (is_kanji(c)) ++n_kanji;
      else kanji_only = false;
      if (!(c >= 0x30A0 && c <= 0x30FF)) katakana = false;
    }
    if (t.pos1 == "数") {
      // numbers are neither 漢語 nor 和語
    } else if (kanji_only && n_kanji >= 2) {
      ++st.kango;
    } else if (!katakana) {
      ++st.wago;
    }
    if (t.pos == "動詞") ++st.verbs;
    if (t.pos == "助詞") ++st.particles;
    if (t.pos == "助詞" && t.pos1 == "接続助詞" &&
        (t.surface == "が" || t.surface == "けど" || t.surface == "けれど" || t.surface == "けれども" ||
         t.surface == "ので"))
      ++st.conjunctive;
    if ((t.pos == "名詞" && t.pos1 != "数") || t.pos == "動詞" || t.pos == "形容詞" || t.pos == "副詞") {
      ++st.content_words;
      bool hard = false;
      for (std::size_t i = 0; i < t.surface.size();) {
        char32_t c = text::next_code_point(t.surface, i);
        if (!is_kanji(c) || c == U'々') continue;
        int g = ja.kanji ? ja.kanji->grade(c) : 0;
        if (g == 0 || g > 2) hard = true;
      }
      st.beyond_basic += hard;
    }
  }
  return st;
}

double jreadability(double wps, double kango, double wago, double verb, double particle) {
  return 11.724 - 0.056 * wps - 0.126 * kango - 0.042 * wago - 0.145 * verb - 0.044 * particle;
}

std::string jreadability_level(double x) {
  if (x >= 5.5) return "初級前半";
  if (x >= 4.5) return "初級後半";
  if (x >= 3.5) return "中級前半";
  if (x >= 2.5) return "中級後半";
  if (x >= 1.5) return "上級前半";
  return "上級後半";
}

std::vector<std::string> split_sentences(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getJapanese(), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU: no sentence break iterator");
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  it->setText(u);
  std::vector<std::string> out;
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    std::string s;
    u.tempSubStringBetween(start, end).toUTF8String(s);
    // trim spaces and line breaks at both ends
    auto b = s.find_first_not_of(" \t\n");
    if (b == std::string::npos) continue;
    s = s.substr(b);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.pop_back();
    if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\u3000") == 0) s.resize(s.size() - 3);
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

}  // namespace tsu::ja
