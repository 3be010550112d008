#include <text/unicode.hpp>

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/ucnv.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <memory>
#include <stdexcept>

namespace tsu::text {

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  auto n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::nullopt;
}

namespace {
const icu::Normalizer2& nfc_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: no NFC normaliser");
  return *nfc;
}
// Checked on the UTF-8 itself: a UTF-16 copy of every page (most are NFC already) was
// most of the content stage's time.
bool is_nfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  return nfc_instance().isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status) &&
         U_SUCCESS(status);
}
}  // namespace

std::string to_nfc(std::string s) {
  if (is_nfc(s)) return s;
  UErrorCode status = U_ZERO_ERROR;
  std::string r;
  r.reserve(s.size());
  icu::StringByteSink<std::string> sink(&r, static_cast<int32_t>(s.size()));
  nfc_instance().normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFC normalisation failed");
  return r;
}

char32_t first_code_point(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = 0;
  return next_code_point(s, i);
}

char32_t last_code_point(std::string_view s) {
  if (s.empty()) return 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  auto idx = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(p, 0, idx, c);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

std::u32string to_utf32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size() / 2);
  for (std::size_t i = 0; i < s.size();) out += next_code_point(s, i);
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  uint8_t buf[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(c));
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

bool is_wide(char32_t c) {
  auto w = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
}

std::vector<std::size_t> grapheme_ends(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getJapanese(), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU: no character break iterator");
  // UText over the UTF-8 itself: offsets come out in bytes, with no UTF-16 copy.
  std::unique_ptr<UText, UText* (*)(UText*)> ut(
      utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status), utext_close);
  it->setText(ut.get(), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot read the text");
  std::vector<std::size_t> out;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) out.push_back(static_cast<std::size_t>(b));
  return out;
}

std::size_t grapheme_count(std::string_view s) { return grapheme_ends(s).size(); }

LineCol line_col_at(std::string_view s, std::size_t offset) {
  LineCol lc;
  std::size_t i = 0;
  while (i < offset && i < s.size()) {
    if (s[i] == '\n') {
      ++lc.line;
      lc.column = 1;
      ++i;
    } else {
      next_code_point(s, i);
      ++lc.column;
    }
  }
  return lc;
}

Encoded to_cp932(std::string_view utf8, std::string_view replacement) {
  Encoded out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> cnv(ucnv_open("windows-932", &status), ucnv_close);
  if (U_FAILURE(status)) throw std::runtime_error("ICU has no windows-932 converter");
  // Stop at an unmappable character instead of writing the converter's substitute.
  ucnv_setFromUCallBack(cnv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  // Fallback mappings are the ones every Japanese Windows tool makes (WAVE DASH 〜 to
  // 0x8160, which CP932 decodes as ～): a listener hears the same.
  ucnv_setFallback(cnv.get(), true);
  // Appends u in CP932; false, with into as it was, when a character has no code.
  auto encode = [&](std::u16string_view u, std::string& into) {
    const std::size_t at = into.size();
    into.resize(at + 2 * u.size() + 4);  // CP932: at most 2 bytes a UTF-16 unit
    UErrorCode st = U_ZERO_ERROR;
    ucnv_resetFromUnicode(cnv.get());
    int32_t n = ucnv_fromUChars(cnv.get(), into.data() + at, static_cast<int32_t>(into.size() - at), u.data(),
                                static_cast<int32_t>(u.size()), &st);
    const bool ok = U_SUCCESS(st) && n > 0;
    into.resize(ok ? at + static_cast<std::size_t>(n) : at);
    return ok;
  };
  // Nearly every text has a code for each character: then one call converts it all (a
  // call per character was 3% of a build with every output), else each character below.
  // The call reads the UTF-8 itself (ICU's direct UTF-8 to MBCS conversion): making UTF-16
  // of the text first was a third of the work.
  {
    std::unique_ptr<UConverter, void (*)(UConverter*)> from(ucnv_open("UTF-8", &status), ucnv_close);
    if (U_FAILURE(status)) throw std::runtime_error("ICU has no UTF-8 converter");
    out.bytes.resize(utf8.size() + 4);  // CP932 never takes more bytes than UTF-8 for a character
    char* target = out.bytes.data();
    const char* source = utf8.data();
    UChar pivot[256];
    UChar* pivot_source = pivot;
    UChar* pivot_target = pivot;
    UErrorCode st = U_ZERO_ERROR;
    ucnv_convertEx(cnv.get(), from.get(), &target, out.bytes.data() + out.bytes.size(), &source,
                   utf8.data() + utf8.size(), pivot, &pivot_source, &pivot_target, pivot + 256, true, true, &st);
    // nothing written (ICU drops an unmappable default-ignorable such as U+200B without a
    // word): character by character, as the UTF-16 call did, so such a text gets its 〓
    if (U_SUCCESS(st) && source == utf8.data() + utf8.size() && target != out.bytes.data()) {
      out.bytes.resize(static_cast<std::size_t>(target - out.bytes.data()));
      return out;
    }
    out.bytes.clear();
    ucnv_resetFromUnicode(cnv.get());
  }
  std::string fallback;
  std::u16string repl;
  for (std::size_t i = 0; i < replacement.size();) {
    char32_t c = next_code_point(replacement, i);
    if (c > 0xFFFF) continue;
    repl += static_cast<char16_t>(c);
  }
  if (!encode(repl, fallback)) fallback = "?";
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t c = next_code_point(utf8, i);
    std::u16string u;
    if (c > 0xFFFF) {
      u += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
      u += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      u += static_cast<char16_t>(c);
    }
    if (!encode(u, out.bytes)) {
      out.bytes += fallback;
      out.replaced.push_back(c);
    }
  }
  return out;
}

}  // namespace tsu::text
