// libFuzzer target (issue 10): GFM tables through cmark-gfm and our tables pass — captions,
// scopes, row groups from empty first cells, number columns.
#include <dom/html.hpp>
#include <passes/passes.hpp>
#include <text/unicode.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view md(reinterpret_cast<const char*>(data), size);
  if (tsu::text::find_invalid_utf8(md)) return 0;
  tsu::content::Site site;
  tsu::content::Page page;
  site.pages = {page};
  tsu::diag::Diagnostics ds;
  auto doc = tsu::markdown::parse({md, "fuzz.md", 1}, ds);
  std::vector<tsu::passes::Heading> toc;
  tsu::passes::Context ctx{site, site.pages[0], doc, toc, ds};
  tsu::passes::headings(ctx);
  tsu::passes::tables(ctx);
  (void)tsu::dom::serialize_children(doc.body());
  return 0;
}
