// libFuzzer target (issue 10): reading alignment. The input is "surface\treading"; the
// runs returned must spell the surface again, whatever the reading.
#include <ja/align.hpp>
#include <text/unicode.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (tsu::text::find_invalid_utf8(in)) return 0;
  auto tab = in.find('\t');
  if (tab == std::string_view::npos) return 0;
  auto surface = in.substr(0, tab), reading = in.substr(tab + 1);
  static const tsu::ja::KanjiDic dic = tsu::ja::KanjiDic::parse(
      "取 3C68 U53d6 G3 シュ と.る\n組 3448 U7d44 G2 ソ く.む くみ\n学 3358 U5b66 G1 ガク まな.ぶ\n"
      "校 3955 U6821 G1 コウ キョウ\n人 3F4D U4eba G1 ジン ニン ひと\n々 2139 U3005\n");
  std::string spelled;
  for (const auto& run : tsu::ja::align(surface, reading, &dic)) spelled += run.base;
  if (spelled != surface) std::abort();  // alignment must never lose or add characters
  return 0;
}
