// libFuzzer target (issue 10): author ruby ({漢字|かんじ}, {漢字|かん|じ}) and the ruby pass
// over arbitrary Markdown, with a fake tokenizer so the run needs no dictionary.
#include <dom/html.hpp>
#include <passes/passes.hpp>
#include <text/unicode.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view md(reinterpret_cast<const char*>(data), size);
  if (tsu::text::find_invalid_utf8(md)) return 0;  // content::load rejects these before
  static const tsu::ja::FakeTokenizer tokenizer(
      std::map<std::string, std::string>{{"漢字", "かんじ"}, {"西東京市", "にしとうきょうし"}, {"取り組み", "とりくみ"}});
  static const tsu::ja::Services services{&tokenizer, nullptr, nullptr};
  tsu::content::Site site;
  site.config.ruby.policy = tsu::config::RubyPolicy::First;
  tsu::content::Page page;
  page.body = std::string(md);
  site.pages = {page};
  tsu::diag::Diagnostics ds;
  auto doc = tsu::markdown::parse({md, "fuzz.md", 1}, ds);
  std::vector<tsu::passes::Heading> toc;
  std::string title;
  tsu::passes::Context ctx{site, site.pages[0], doc, toc, ds, &services, &title};
  tsu::passes::ruby(ctx);
  (void)tsu::dom::serialize_children(doc.body());
  return 0;
}
