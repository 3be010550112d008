#include <ja/align.hpp>
#include <ja/kana.hpp>
#include <text/unicode.hpp>

#include <algorithm>
#include <set>

#include <unicode/uchar.h>

namespace tsu::ja {

namespace {

enum class Kind { Kanji, Kana, Other };

struct Run {
  Kind kind;
  std::string text;
  std::u32string hira;  // kana runs: as hiragana, for matching
};

Kind kind_of(char32_t c) {
  if (is_kanji(c)) return Kind::Kanji;
  if (is_kana(c)) return Kind::Kana;
  return Kind::Other;
}

std::vector<Run> runs_of(std::string_view surface) {
  std::vector<Run> runs;
  for (std::size_t i = 0; i < surface.size();) {
    std::size_t start = i;
    char32_t c = text::next_code_point(surface, i);
    Kind k = kind_of(c);
    if (runs.empty() || runs.back().kind != k) runs.push_back({k, {}, {}});
    runs.back().text.append(surface.substr(start, i - start));
  }
  for (auto& r : runs)
    if (r.kind == Kind::Kana) r.hira = text::to_utf32(to_hiragana(r.text));
  return runs;
}

int splits(const std::u32string& kanji, std::size_t i, const std::u32string& r, std::size_t pos,
           const KanjiDic& dic, std::vector<std::u32string>& cur, std::vector<std::u32string>& found);

// No word is longer than this; past it the reading is not split per kanji (bounds the work
// on hostile input).
constexpr std::size_t max_split_reading = 24;
constexpr std::size_t max_word = 64;

// Whether reading r[pos, end) is made of the kanji's known readings.
bool plausible(const Run& run, const std::u32string& r, std::size_t pos, std::size_t end, const KanjiDic* dic) {
  if (!dic) return true;
  if (end - pos > max_split_reading) return false;
  std::vector<std::u32string> cur, found;
  return splits(text::to_utf32(run.text), 0, r.substr(pos, end - pos), 0, *dic, cur, found) > 0;
}

// Backtracking match of runs against the reading; ends[i] is where run i's reading ends.
// Kanji runs take the shortest reading that lets the rest match (kana anchor them),
// preferring readings made of the kanji's known readings (小・中学校: 小 is しょう, not し).
// (run, position) pairs already known not to lead to a match: keeps the backtracking
// polynomial on hostile input (found by the align fuzzer).
using Failed = std::set<std::pair<std::size_t, std::size_t>>;

bool match_from(const std::vector<Run>& runs, std::size_t i, const std::u32string& r, std::size_t pos,
                std::vector<std::size_t>& ends, const KanjiDic* dic, Failed& failed);

bool match(const std::vector<Run>& runs, std::size_t i, const std::u32string& r, std::size_t pos,
           std::vector<std::size_t>& ends, const KanjiDic* dic, Failed& failed) {
  if (failed.count({i, pos})) return false;
  if (match_from(runs, i, r, pos, ends, dic, failed)) return true;
  failed.insert({i, pos});
  return false;
}

bool match_from(const std::vector<Run>& runs, std::size_t i, const std::u32string& r, std::size_t pos,
                std::vector<std::size_t>& ends, const KanjiDic* dic, Failed& failed) {
  if (i == runs.size()) return pos == r.size();
  const Run& run = runs[i];
  if (run.kind == Kind::Kana) {
    if (r.compare(pos, run.hira.size(), run.hira) != 0) return false;
    ends[i] = pos + run.hira.size();
    return match(runs, i + 1, r, ends[i], ends, dic, failed);
  }
  if (run.kind == Kind::Other) {
    // Punctuation inside a word (小・中学校) is not read; digits and letters are, in ways
    // the reading does not show, so a word holding them is not aligned.
    for (std::size_t k = 0; k < run.text.size();) {
      char32_t c = text::next_code_point(run.text, k);
      if (u_isalnum(static_cast<UChar32>(c))) return false;
    }
    ends[i] = pos;
    return match(runs, i + 1, r, pos, ends, dic, failed);
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t end = pos + 1; end <= r.size(); ++end) {
      bool known = plausible(run, r, pos, end, dic);
      if ((pass == 0) != known || (pass == 1 && !dic)) continue;
      ends[i] = end;
      if (match(runs, i + 1, r, end, ends, dic, failed)) return true;
    }
  }
  return false;
}

// Counts (up to 2) the ways reading r splits over kanji[i..]; keeps the first split found.
int splits(const std::u32string& kanji, std::size_t i, const std::u32string& r, std::size_t pos,
           const KanjiDic& dic, std::vector<std::u32string>& cur, std::vector<std::u32string>& found) {
  if (i == kanji.size()) {
    if (pos != r.size()) return 0;
    if (found.empty()) found = cur;
    return 1;
  }
  char32_t k = kanji[i] == U'々' && i > 0 ? kanji[i - 1] : kanji[i];
  int n = 0;
  for (const auto& v : dic.variants(k, i + 1 == kanji.size())) {
    if (r.compare(pos, v.size(), v) != 0) continue;
    cur.push_back(v);
    n += splits(kanji, i + 1, r, pos + v.size(), dic, cur, found);
    cur.pop_back();
    if (n > 1) return n;
  }
  return n;
}

}  // namespace

std::vector<RubyRun> align(std::string_view surface, std::string_view reading, const KanjiDic* dic) {
  auto runs = runs_of(surface);
  auto r = text::to_utf32(to_hiragana(reading));
  std::vector<RubyRun> out;
  std::vector<std::size_t> ends(runs.size());
  Failed failed;
  bool too_long = r.size() > 2 * max_word || surface.size() > 4 * max_word;
  if (r.empty() || too_long || !match(runs, 0, r, 0, ends, dic, failed)) {
    bool has_other = false;
    for (const auto& run : runs)
      for (std::size_t k = 0; run.kind == Kind::Other && k < run.text.size();) {
        char32_t c = text::next_code_point(run.text, k);  // always advance (fuzzer found a hang)
        if (u_isalnum(static_cast<UChar32>(c))) has_other = true;
      }
    if (has_other || r.empty() || !has_kanji(surface)) {
      for (const auto& run : runs) out.push_back({run.text, {}, {}});
      return out;
    }
    return {{std::string(surface), text::to_utf8(r), {}}};
  }
  std::size_t pos = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    RubyRun rr{runs[i].text, {}, {}};
    if (runs[i].kind == Kind::Kanji) {
      auto part = r.substr(pos, ends[i] - pos);
      rr.reading = text::to_utf8(part);
      auto kanji = text::to_utf32(runs[i].text);
      if (dic && kanji.size() > 1 && part.size() <= max_split_reading) {
        std::vector<std::u32string> cur, found;
        if (splits(kanji, 0, part, 0, *dic, cur, found) == 1)
          for (const auto& f : found) rr.per_char.push_back(text::to_utf8(f));
      }
    }
    pos = ends[i];
    out.push_back(std::move(rr));
  }
  return out;
}

}  // namespace tsu::ja
