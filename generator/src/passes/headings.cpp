#include <dom/html.hpp>
#include <passes/passes.hpp>
#include <text/unicode.hpp>

#include <unicode/uchar.h>

#include <map>
#include <set>

namespace tsu::passes {

std::string slug(std::string_view text) {
  std::string out;
  bool dash = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    char32_t c = text::next_code_point(text, i);
    if (u_isalnum(static_cast<UChar32>(c))) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      if (c < 0x80) out += static_cast<char>(u_tolower(static_cast<UChar32>(c)));
      else out.append(text.substr(start, i - start));
    } else {
      dash = true;
    }
  }
  if (out.empty() || (static_cast<unsigned char>(out[0]) < 0x80 && !std::isalpha(out[0])))
    out = "h-" + out;
  return out;
}

namespace {
int level_of(pugi::xml_node n) {
  std::string_view name = n.name();
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return name[1] - '0';
  return 0;
}

void collect(pugi::xml_node n, std::vector<pugi::xml_node>& out) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (level_of(c)) out.push_back(c);
    else collect(c, out);
  }
}
}  // namespace

// The page title is the only h1 (written by the layout); body headings start at h2 and
// never skip a level (WCAG 1.3.1, technique H42; JIS X 8341-3 follows WCAG).
void headings(Context& ctx) {
  std::vector<pugi::xml_node> hs;
  collect(ctx.doc.body(), hs);
  // ids the layout itself uses; a heading must not take them.
  std::set<std::string> used = {"main",      "toc",        "toc-heading",     "site-nav",
                               "page-title", "subpages-heading", "goal-index-heading"};
  std::map<std::string, int> next_suffix;  // heading text → first suffix worth trying
  int previous = 1;
  for (auto h : hs) {
    int level = level_of(h);
    int line = h.attribute("data-line").as_int();
    if (level == 1) {
      ctx.diags.error("heading-h1", {ctx.page.display, line, 1},
                      "a page has one h1, its title from the front matter; this '#' heading is a "
                      "second one",
                      "use '##' for the page's sections");
    } else if (level > previous + 1) {
      ctx.diags.error("heading-skip", {ctx.page.display, line, 1},
                      "heading level skips from h" + std::to_string(previous) + " to h" +
                          std::to_string(level),
                      "use '" + std::string(static_cast<std::size_t>(previous + 1), '#') +
                          "' here, or add the missing level above");
    }
    previous = level;
    std::string text = dom::text_content(h);
    std::string base = slug(text);
    std::string id = base;
    // Suffixes below the last one given to this text were all taken already: start there,
    // else a page with many headings of one text (a department list) is quadratic.
    int& n = next_suffix[base];
    if (n < 2) n = 2;
    for (; used.count(id); ++n) id = base + "-" + std::to_string(n);
    used.insert(id);
    h.append_attribute("id").set_value(id.c_str());
    if (level == 2 || level == 3) ctx.toc.push_back({level, id, text, {}});
  }
}

}  // namespace tsu::passes
