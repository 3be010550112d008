// libFuzzer target (issue 10): reading a content file — UTF-8 check, BOM, CRLF, NFC — and
// splitting its +++ front matter, then the TOML in it. Must never crash or hang.
#include <config/toml_reader.hpp>
#include <content/site.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tsu::diag::Diagnostics ds;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto text = tsu::content::normalise_source(bytes, "fuzz.md", ds);
  if (!text) return 0;
  auto split = tsu::content::split_front_matter(*text, "fuzz.md", ds);
  if (!split) return 0;
  tsu::config::TomlReader reader("fuzz.md", split->front_line - 1, ds);
  if (auto table = reader.parse(split->front)) reader.reject_unknown_keys(*table, tsu::content::front_matter_keys());
  return 0;
}
