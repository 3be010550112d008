#include <speech/speech.hpp>

namespace tsu::speech {

// The symbol table, as data (docs/speech.md lists the same rows with their reasons). TTS
// engines read these by their names (●: くろまる, ※: こめじるし, ①: まるいち) or not at all;
// a listener needs the meaning or nothing.
const std::vector<SymbolRule>& default_symbols() {
  static const std::vector<SymbolRule> table = [] {
    std::vector<SymbolRule> t = {
        // list markers and decoration: dropped at the start of a line, where they mark an item
        {"●", "", true}, {"○", "", true}, {"〇", "", true}, {"◎", "", true},
        {"■", "", true}, {"□", "", true}, {"◆", "", true}, {"◇", "", true},
        {"★", "", true}, {"☆", "", true}, {"▶", "", true}, {"▷", "", true},
        {"►", "", true}, {"・", "", true},
        // the same decoration inside a line: dropped (〇 inside a line is a numeral: kept)
        {"●", ""}, {"■", ""}, {"◆", ""}, {"★", ""}, {"☆", ""}, {"▶", ""}, {"▷", ""}, {"►", ""},
        // a note mark
        {"※", "注、"},
        // an ellipsis or a run of middle dots (例えば・・・): a pause is enough
        {"・・・", "、"}, {"…", "、"}, {"……", "、"},
        // a middle dot between words (保健・医療・福祉): a short pause
        {"・", "、"},
        // arrows: "then", a pause
        {"→", "、"}, {"⇒", "、"},
        // ranges: 18~29歳 (the plan writes a half-width tilde) → 18から29歳
        {"~", "から"}, {"〜", "から"}, {"～", "から"},
        // colons in captions (市が取り組むこと：(1)…) → a pause
        {"：", "、"}, {":", "、"},
        // brackets for quotations 「」『』 and parentheses are kept: engines pause at them
        // and do not name them.
    };
    // ①–⑳ (U+2460–2473): a number and a pause; engines say まるいち otherwise.
    for (int n = 1; n <= 20; ++n) {
      std::string circled;
      char32_t c = U'\u2460' + static_cast<char32_t>(n - 1);
      circled += static_cast<char>(0xE0 | (c >> 12));
      circled += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      circled += static_cast<char>(0x80 | (c & 0x3F));
      t.push_back({circled, std::to_string(n) + "、"});
      // (1)–(20) numbering a heading or item: the number and a pause (not かっこいち)
      t.push_back({"(" + std::to_string(n) + ")", std::to_string(n) + "、", true});
      t.push_back({"（" + std::to_string(n) + "）", std::to_string(n) + "、", true});
    }
    return t;
  }();
  return table;
}

}  // namespace tsu::speech
