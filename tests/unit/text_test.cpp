#include <text/unicode.hpp>

#include <doctest/doctest.h>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>

using namespace tsu::text;

TEST_CASE("text::find_invalid_utf8") {
  CHECK_FALSE(find_invalid_utf8("西東京市").has_value());
  CHECK(find_invalid_utf8("ab\xff") == 2u);
  CHECK(find_invalid_utf8("西\xe6\x9d") == 3u);  // truncated sequence
}

TEST_CASE("text::to_nfc joins a kana and its combining voiced mark") {
  // か + U+3099 (as a Mac writes it) → が
  CHECK(to_nfc("\xe3\x81\x8b\xe3\x82\x99") == "が");
  CHECK(to_nfc("地域福祉") == "地域福祉");
}

// to_nfc works on the UTF-8 itself; it must give what normalising a UTF-16 copy gives
// (its former way), for text already in NFC and for text that is not: every code point
// from U+0020 to U+FFFF and a sample above, alone, after a base letter and before a
// combining mark (voiced marks, accents, Hangul jamo, CJK compatibility ideographs).
TEST_CASE("text::to_nfc gives what ICU's UTF-16 normalisation gives") {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  REQUIRE(U_SUCCESS(status));
  auto reference = [&](const std::string& s) {
    icu::UnicodeString u = nfc->normalize(icu::UnicodeString::fromUTF8(s), status);
    std::string out;
    u.toUTF8String(out);
    return out;
  };
  auto utf8 = [](char32_t c) {
    std::string out;
    icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out);
    return out;
  };
  int differ = 0, changed = 0;
  for (char32_t c = 0x20; c < 0x30000; c += (c < 0x10000 ? 1 : 7)) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // not characters
    const std::string ch = utf8(c);
    for (const std::string& s : {ch, "か" + ch, ch + "\xe3\x82\x99", "e" + ch + "\xcc\x81", "\xe1\x84\x80" + ch}) {
      auto ours = to_nfc(s);
      differ += ours != reference(s);
      changed += ours != s;
    }
  }
  CHECK(differ == 0);
  CHECK(changed > 1000);  // the loop did reach text that is not NFC
  REQUIRE(U_SUCCESS(status));
}

TEST_CASE("text::is_wide") {
  CHECK(is_wide(U'漢'));
  CHECK(is_wide(U'あ'));
  CHECK(is_wide(U'、'));
  CHECK_FALSE(is_wide(U'A'));
  CHECK_FALSE(is_wide(U'ｱ'));  // half-width katakana
}

TEST_CASE("text::grapheme_count counts characters as people do") {
  CHECK(grapheme_count("西東京市") == 4);
  CHECK(grapheme_count("が") == 1);
  CHECK(grapheme_count("\xe3\x81\x8b\xe3\x82\x99") == 1);  // か + combining mark
  CHECK(grapheme_count("👨‍👩‍👧") == 1);                  // ZWJ family
}

TEST_CASE("text::line_col_at") {
  auto lc = line_col_at("ab\n西東x", 8);  // the byte of x
  CHECK(lc.line == 2);
  CHECK(lc.column == 3);
}

TEST_CASE("text code points") {
  CHECK(first_code_point("市民") == U'市');
  CHECK(last_code_point("市民") == U'民');
  CHECK(last_code_point("") == 0);
}

TEST_CASE("tsu::text::to_cp932 writes Shift_JIS and lists what it cannot") {
  auto e = tsu::text::to_cp932("西東京市①〜～A");
  CHECK(e.replaced.empty());
  // 西 = 0x90BC, ① = 0x8740 (an NEC extension CP932 has), ～ (U+FF5E) = 0x8160
  CHECK(e.bytes.substr(0, 2) == "\x90\xBC");
  CHECK(e.bytes.find("\x87\x40") != std::string::npos);
  CHECK(e.bytes.find("\x81\x60\x81\x60") != std::string::npos);  // 〜 (fallback) and ～
  CHECK(e.bytes.back() == 'A');
  auto bad = tsu::text::to_cp932("A↩B🙂");
  REQUIRE(bad.replaced.size() == 2);
  CHECK(bad.replaced[0] == U'↩');
  CHECK(bad.replaced[1] == U'🙂');
  CHECK(bad.bytes == "A\x81\xAC" "B\x81\xAC");  // 〓 = 0x81AC
}

TEST_CASE("tsu::text::to_cp932 converts a whole text as it converts each character") {
  // A text with a code for every character is converted in one call, one with a character
  // without a code character by character: both must give the same bytes.
  const std::string text =
      "地域福祉計画（第４期）では、「誰もが安心して暮らせるまち」を目指します。\r\n"
      "① 相談窓口～18~29歳・70〜79歳、約3割（45.6％）※注 ＃１ A-Z a/z\r\n";
  auto whole = tsu::text::to_cp932(text);
  CHECK(whole.replaced.empty());
  std::string each;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    tsu::text::next_code_point(text, i);
    each += tsu::text::to_cp932(std::string_view(text).substr(start, i - start)).bytes;
  }
  CHECK(whole.bytes == each);
  auto mixed = tsu::text::to_cp932(text + "🙂" + text);
  REQUIRE(mixed.replaced.size() == 1);
  CHECK(mixed.bytes == each + "\x81\xAC" + each);
  // Every character of the BMP with a code: the one call (from UTF-8) gives the bytes the
  // character-by-character way (from UTF-16) gives, which a character without one forces.
  std::string coded;
  for (char32_t c = 0x20; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string one;
    tsu::text::append_utf8(one, c);
    if (tsu::text::to_cp932(one).replaced.empty()) coded += one;
  }
  CHECK(coded.size() > 20000);
  auto at_once = tsu::text::to_cp932(coded);
  CHECK(at_once.replaced.empty());
  auto one_by_one = tsu::text::to_cp932(coded + "🙂");
  CHECK(one_by_one.bytes == at_once.bytes + "\x81\xAC");
}
