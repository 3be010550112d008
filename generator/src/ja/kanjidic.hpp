#pragma once
#include <diag/diagnostic.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tsu::ja {

/// Kanji facts from Debian's kanjidic (/usr/share/edict/kanjidic, EUC-JP): the school grade
/// of each kanji (学年別漢字配当表, G1–G6; G8 = secondary school) and its readings.
class KanjiDic {
public:
  /// Parses kanjidic text (already UTF-8).
  static KanjiDic parse(std::string_view utf8);
  /// Reads and converts the file; nullopt (with a diagnostic) when it cannot.
  static std::optional<KanjiDic> load(const std::filesystem::path& path, diag::Diagnostics& diags);

  /// 1–6 for kanji taught in elementary school, 0 otherwise (secondary or unlisted).
  int grade(char32_t kanji) const;
  /// Readings in hiragana, without okurigana: on'yomi (カ → か) and kun'yomi (はな.す → はな).
  const std::vector<std::string>& readings(char32_t kanji) const;
  /// The ways a kanji may be read inside a compound, as UTF-32: its readings, voiced at the
  /// start (rendaku) and, unless it is the last kanji, with a final つ/く/ち/き as っ.
  /// Computed once when the dictionary is read.
  const std::vector<std::u32string>& variants(char32_t kanji, bool last) const;
  /// How many kanji each grade 1–6 has (index 0 unused).
  std::array<int, 7> grade_counts() const;
  /// Says which dictionary this is (unique per parse, kept by copies), so a cache of
  /// results computed with it never serves another one that took its address.
  std::uint64_t id() const { return m_id; }

private:
  struct Entry {
    int grade = 0;
    std::vector<std::string> readings;
    std::vector<std::u32string> inner, last;  // variants()
  };
  std::unordered_map<char32_t, Entry> m_entries;
  /// grade() for the CJK Unified Ideographs block (U+4E00–U+9FFF, every kanji taught in
  /// school): asked for every kanji of every page, a hash lookup was 2.5% of a build.
  static constexpr char32_t first_unified = 0x4E00, last_unified = 0x9FFF;
  std::vector<std::int8_t> m_unified_grades;
  std::uint64_t m_id = 0;
};

}  // namespace tsu::ja
