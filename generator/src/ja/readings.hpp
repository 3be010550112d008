#pragma once
#include <diag/diagnostic.hpp>

#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tsu::ja {

/// One entry of content/readings.toml: the plan's own reading of a word.
struct ReadingEntry {
  std::string surface;
  std::string reading;                ///< hiragana, whole word
  std::vector<std::string> per_char;  ///< optional: one reading per character of surface
};

/// The plan's reading list (content/readings.toml). Entries are `"西東京市" = "にしとうきょうし"`
/// or, to place ruby per character, `"民生委員" = ["みん", "せい", "い", "いん"]`; tables group
/// entries and may nest. Readings may be hiragana or katakana; they are kept as hiragana.
class ReadingList {
public:
  /// Parses TOML text; reports bad entries (non-kana readings, wrong per-character counts).
  static std::optional<ReadingList> parse(std::string_view toml, const std::string& display,
                                          diag::Diagnostics& diags);
  void add(ReadingEntry e);
  /// Whether some entry may start with c: false means longest_at finds none there.
  bool may_start(char32_t c) const { return !m_by_first.empty() && (c >= m_starts.size() || m_starts[c]); }
  /// The longest entry whose surface starts text at byte pos, if any.
  const ReadingEntry* longest_at(std::string_view text, std::size_t pos) const;
  std::size_t size() const { return m_count; }
  /// Whether some entry holds a 。, so a match could run across a sentence_end().
  bool spans_period() const { return m_spans_period; }
  /// Every entry (in no particular order).
  std::vector<ReadingEntry> entries() const;

private:
  // Entries by their first character, longest first.
  std::unordered_map<char32_t, std::vector<ReadingEntry>> m_by_first;
  std::vector<bool> m_starts = std::vector<bool>(0x10000);  ///< BMP characters some entry starts with
  std::size_t m_count = 0;
  bool m_spans_period = false;
};

}  // namespace tsu::ja
