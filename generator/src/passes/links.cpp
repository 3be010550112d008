#include <passes/passes.hpp>

#include <filesystem>
#include <vector>

namespace tsu::passes {

namespace stdfs = std::filesystem;

namespace {

void collect(pugi::xml_node n, std::vector<pugi::xml_node>& out) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (std::string_view(c.name()) == "a" && c.attribute("href")) out.push_back(c);
    collect(c, out);
  }
}

bool has_scheme(std::string_view href) {
  auto colon = href.find(':');
  auto slash = href.find('/');
  return colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash);
}

}  // namespace

// Every link is relative ("../goal-2/index.html"), so the site works from any folder of
// the city's server and straight from file:// on an editor's machine.
std::string relative_url(const std::string& from, const std::string& target) {
  std::string up;
  for (char c : from)
    if (c == '/') up += "../";
  return up + target;
}

// Links between pages are written to the Markdown files (`../goal-2/index.md`), as editors
// see them, and become links to the pages' URLs. A link to a page that does not exist is
// an error, never a 404 for a resident.
void links(Context& ctx) {
  std::vector<pugi::xml_node> anchors;
  collect(ctx.doc.body(), anchors);
  for (auto a : anchors) {
    std::string href = a.attribute("href").value();
    int line = a.attribute("data-line").as_int();
    a.remove_attribute("data-line");
    if (href.empty() || href[0] == '#' || has_scheme(href) || href[0] == '/') continue;
    std::string fragment;
    if (auto hash = href.find('#'); hash != std::string::npos) {
      fragment = href.substr(hash);
      href.resize(hash);
    }
    if (href.size() < 3 || href.compare(href.size() - 3, 3, ".md") != 0) continue;
    auto target = (stdfs::path(ctx.page.rel).parent_path() / href).lexically_normal().generic_string();
    const content::Page* found = nullptr;
    for (const auto& p : ctx.site.pages)
      if (p.rel == target) found = &p;
    if (!found) {
      ctx.diags.error("link-broken", {ctx.page.display, line, 1},
                      "link to '" + href + "', but there is no page content/" + target);
      continue;
    }
    a.attribute("href").set_value((relative_url(ctx.page.url_path, found->url_path) + fragment).c_str());
  }
}

void strip_source_marks(Context& ctx) {
  struct Walk {
    static void run(pugi::xml_node n) {
      for (auto c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        for (auto a = c.first_attribute(); a;) {
          auto next = a.next_attribute();
          std::string_view name = a.name();
          if (name == "data-line" || name == "data-container") c.remove_attribute(a);
          a = next;
        }
        // The furigana pass made every <ruby> after parsing: nothing in one has a mark.
        if (std::string_view(c.name()) != "ruby") run(c);
      }
    }
  };
  Walk::run(ctx.doc.body());
}

}  // namespace tsu::passes
