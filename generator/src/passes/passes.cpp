#include <passes/passes.hpp>

namespace tsu::passes {

const std::vector<Pass>& registry() {
  static const std::vector<Pass> passes = {
      {"headings", headings},        // ids, level checks, table of contents
      {"tables", tables},            // captions, header scopes, scroll regions
      {"links", links},              // .md links to page URLs; broken links are errors
      {"wakachi", wakachi},          // easy pages: a space between bunsetsu, if [easy] wakachi
      {"ruby", ruby},                // furigana: author ruby, reading list, analyser, policy
      {"strip-source-marks", strip_source_marks},  // last: drop data-line attributes
  };
  return passes;
}

bool leaves_text_alone(std::string_view n) {
  return n == "code" || n == "pre" || n == "ruby" || n == "rt" || n == "rp" || n == "script" || n == "style";
}

void run_all(Context& ctx) {
  for (const auto& p : registry()) p.run(ctx);
}

}  // namespace tsu::passes
