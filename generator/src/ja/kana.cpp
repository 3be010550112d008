#include <ja/kana.hpp>
#include <text/unicode.hpp>

#include <unicode/translit.h>
#include <unicode/uscript.h>

#include <memory>
#include <mutex>
#include <stdexcept>

namespace tsu::ja {

namespace {
const icu::Transliterator& katakana_hiragana() {
  static std::unique_ptr<icu::Transliterator> t;
  static std::once_flag once;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    t.reset(icu::Transliterator::createInstance("Katakana-Hiragana", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: no Katakana-Hiragana transliterator");
  });
  return *t;
}
}  // namespace

std::string to_hiragana(std::string_view s) {
  // Fast path for the common katakana ァ–ヶ (U+30A1–30F6), which ICU's Katakana-Hiragana
  // maps one to one to ぁ–ゖ; anything else goes through ICU.
  std::string fast;
  fast.reserve(s.size());
  bool simple = true;
  for (std::size_t i = 0; i < s.size() && simple;) {
    std::size_t start = i;
    char32_t c = text::next_code_point(s, i);
    if (c >= 0x30A1 && c <= 0x30F6) {
      text::append_utf8(fast, c - 0x60);
    } else if (c >= 0x30A0 && c <= 0x30FF) {
      simple = false;  // ヷ, ヽ, ・ …: let ICU decide
    } else {
      fast.append(s.substr(start, i - start));
    }
  }
  if (simple) return fast;
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  // A transliterator per thread: pages are furiganised on several threads at once.
  thread_local std::unique_ptr<icu::Transliterator> mine(katakana_hiragana().clone());
  mine->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool is_kanji(char32_t c) {
  if (c == U'々' || c == U'〆') return true;
  // Fast path: the CJK blocks that hold nearly every kanji of a Japanese text.
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) return true;
  if (c < 0x3400) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN && U_SUCCESS(status);
}

bool is_kana(char32_t c) {
  if (c == U'・' || c == U'゠') return false;  // punctuation in the katakana block
  return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF) || c == U'ー';
}

bool all_kana(std::string_view s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size();)
    if (!is_kana(text::next_code_point(s, i))) return false;
  return true;
}

bool has_kanji(std::string_view s) {
  // Only a byte from 0xE3 up can start a kanji (U+3005 々 and up; U8_NEXT starts reading at
  // every byte that is not a continuation byte, and those are below 0xC0), and E3 81–8F
  // starts kana and the symbols up to U+33FF, none of them kanji: the rest are skipped a
  // byte at a time, without decoding (a kana text is most of what the listening text asks).
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0xE3) continue;
    if (b == 0xE3 && i + 1 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      if (b1 >= 0x81 && b1 <= 0x8F) continue;
    }
    std::size_t at = i;
    if (is_kanji(text::next_code_point(s, at))) return true;
  }
  return false;
}

}  // namespace tsu::ja
