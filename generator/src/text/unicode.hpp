#pragma once
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tsu::text {

/// Byte offset of the first byte that is not well-formed UTF-8, or nullopt if all is well.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

/// Unicode NFC (ICU Normalizer2). Input must be valid UTF-8. Text in NFC already (most
/// is) comes back as it is, moved, not copied.
std::string to_nfc(std::string s);

/// The code point that starts at s[i] (s valid UTF-8); i is advanced past it. Always
/// inline: the furigana, speech and check loops call it for every character of a build
/// (4% of its instructions went to the call itself), and GCC kept a plain `inline` a call.
[[gnu::always_inline]] inline char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  auto idx = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, idx, static_cast<int32_t>(s.size()), c);
  i = static_cast<std::size_t>(idx);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}
/// The last code point of s, or 0 when s is empty.
char32_t last_code_point(std::string_view s);
/// The first code point of s, or 0 when s is empty.
char32_t first_code_point(std::string_view s);

/// s as code points (s valid UTF-8).
std::u32string to_utf32(std::string_view s);
/// Appends the UTF-8 encoding of c to out.
void append_utf8(std::string& out, char32_t c);
/// Code points back to UTF-8.
std::string to_utf8(std::u32string_view s);

/// East Asian Width is Wide or Fullwidth (UAX #11), e.g. kanji, kana, 全角 punctuation.
bool is_wide(char32_t c);

/// Number of user-perceived characters (extended grapheme clusters, UAX #29).
std::size_t grapheme_count(std::string_view s);
/// Where each grapheme cluster of s ends, as byte offsets (the last is s.size()); empty
/// for an empty s. Breaking only at these never splits a character as people see it.
std::vector<std::size_t> grapheme_ends(std::string_view s);

/// 1-based line and column (in code points) of a byte offset.
struct LineCol {
  int line = 1;
  int column = 1;
};
LineCol line_col_at(std::string_view s, std::size_t offset);

/// Text in Windows-31J (CP932, "Shift_JIS" as Windows writes it; ICU's converter
/// "windows-932"), for older TTS tools and screen readers. A character CP932 has no code
/// for is written as `replacement` (which must be encodable) and listed, in order, in
/// `replaced`, so the caller can report it. ICU fallback mappings are used (〜 U+301C to
/// 0x8160); nothing is guessed beyond them.
struct Encoded {
  std::string bytes;
  std::vector<char32_t> replaced;
};
Encoded to_cp932(std::string_view utf8, std::string_view replacement = "〓");

}  // namespace tsu::text
