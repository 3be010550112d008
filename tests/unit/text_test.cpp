#include <text/unicode.hpp>

#include <doctest/doctest.h>

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
