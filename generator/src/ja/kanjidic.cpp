#include <ja/kana.hpp>
#include <ja/kanjidic.hpp>
#include <text/unicode.hpp>

#include <unicode/ucnv.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <memory>
#include <sstream>

namespace tsu::ja {

namespace {

// Rendaku: a compound's later kanji may start voiced (人々 ひとびと) or, after は行, half-voiced.
char32_t voiced(char32_t c) {
  static const std::u32string plain = U"かきくけこさしすせそたちつてとはひふへほ";
  static const std::u32string with = U"がぎぐげござじずぜぞだぢづでどばびぶべぼ";
  auto i = plain.find(c);
  return i == std::u32string::npos ? 0 : with[i];
}
char32_t semi_voiced(char32_t c) {
  static const std::u32string plain = U"はひふへほ";
  static const std::u32string with = U"ぱぴぷぺぽ";
  auto i = plain.find(c);
  return i == std::u32string::npos ? 0 : with[i];
}

std::vector<std::u32string> make_variants(const std::vector<std::string>& readings, bool last) {
  std::vector<std::u32string> out;
  for (const auto& rd : readings) {
    auto r = text::to_utf32(rd);
    if (r.empty()) continue;
    out.push_back(r);
    if (auto v = voiced(r[0])) out.push_back(v + r.substr(1));
    if (auto v = semi_voiced(r[0])) out.push_back(v + r.substr(1));
    // 学校 がっこう, 一緒 いっしょ: a final つ/く/ち/き doubles the next consonant.
    if (!last && r.size() > 1 && (r.back() == U'つ' || r.back() == U'く' || r.back() == U'ち' || r.back() == U'き'))
      out.push_back(r.substr(0, r.size() - 1) + U"っ");
  }
  // じつ is both 実's own reading and しつ voiced: one way to read it, not two.
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

KanjiDic KanjiDic::parse(std::string_view utf8) {
  static std::atomic<std::uint64_t> next_id{1};
  KanjiDic dic;
  dic.m_id = next_id.fetch_add(1, std::memory_order_relaxed);
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    auto end = utf8.find('\n', pos);
    std::string_view line = utf8.substr(pos, end == std::string_view::npos ? utf8.size() - pos : end - pos);
    pos = end == std::string_view::npos ? utf8.size() : end + 1;
    if (line.empty() || line[0] == '#') continue;
    std::size_t i = 0;
    char32_t kanji = text::next_code_point(line, i);
    Entry e;
    // Fields are separated by spaces; {English meanings} come last.
    std::size_t f = i;
    while (f < line.size()) {
      while (f < line.size() && line[f] == ' ') ++f;
      if (f >= line.size() || line[f] == '{') break;
      auto fe = line.find(' ', f);
      std::string_view field = line.substr(f, fe == std::string_view::npos ? line.size() - f : fe - f);
      f = fe == std::string_view::npos ? line.size() : fe;
      if (field.size() == 2 && field[0] == 'G' && field[1] >= '1' && field[1] <= '6') {
        e.grade = field[1] - '0';
        continue;
      }
      if (field == "T1" || field == "T2") break;  // name readings follow: not for ruby
      char32_t first = text::first_code_point(field);
      if (!is_kana(first) && first != U'-') continue;
      std::string r(field);
      if (auto dot = r.find('.'); dot != std::string::npos) r.resize(dot);
      std::string clean;
      for (char c : r)
        if (c != '-') clean += c;
      if (!clean.empty()) e.readings.push_back(to_hiragana(clean));
    }
    e.inner = make_variants(e.readings, false);
    e.last = make_variants(e.readings, true);
    dic.m_entries[kanji] = std::move(e);
  }
  dic.m_unified_grades.assign(last_unified - first_unified + 1, 0);
  for (const auto& [k, e] : dic.m_entries)
    if (k >= first_unified && k <= last_unified) dic.m_unified_grades[k - first_unified] = static_cast<std::int8_t>(e.grade);
  return dic;
}

std::optional<KanjiDic> KanjiDic::load(const std::filesystem::path& path, diag::Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error("kanjidic-missing", {path.string(), 0, 0}, "cannot read the kanji dictionary",
                "install Debian's kanjidic package (apt-get install kanjidic)");
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string euc = ss.str();
  UErrorCode status = U_ZERO_ERROR;
  std::string utf8(euc.size() * 2 + 16, '\0');
  auto n = ucnv_convert("UTF-8", "EUC-JP", utf8.data(), static_cast<int32_t>(utf8.size()),
                        euc.data(), static_cast<int32_t>(euc.size()), &status);
  if (U_FAILURE(status)) {
    diags.error("kanjidic-encoding", {path.string(), 0, 0}, "the kanji dictionary is not EUC-JP text");
    return std::nullopt;
  }
  utf8.resize(static_cast<std::size_t>(n));
  return parse(utf8);
}

int KanjiDic::grade(char32_t kanji) const {
  if (kanji >= first_unified && kanji <= last_unified && !m_unified_grades.empty())
    return m_unified_grades[kanji - first_unified];
  auto it = m_entries.find(kanji);
  return it == m_entries.end() ? 0 : it->second.grade;
}

const std::vector<std::string>& KanjiDic::readings(char32_t kanji) const {
  static const std::vector<std::string> none;
  auto it = m_entries.find(kanji);
  return it == m_entries.end() ? none : it->second.readings;
}

const std::vector<std::u32string>& KanjiDic::variants(char32_t kanji, bool last) const {
  static const std::vector<std::u32string> none;
  auto it = m_entries.find(kanji);
  if (it == m_entries.end()) return none;
  return last ? it->second.last : it->second.inner;
}

std::array<int, 7> KanjiDic::grade_counts() const {
  std::array<int, 7> counts{};
  for (const auto& [k, e] : m_entries) ++counts[static_cast<std::size_t>(e.grade)];
  counts[0] = 0;
  return counts;
}

}  // namespace tsu::ja
