#include <dom/html.hpp>
#include <passes/passes.hpp>
#include <render/page.hpp>

#include <kainjow/mustache.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <regex>

namespace tsu::render {

namespace mu = kainjow::mustache;

struct Renderer::Impl {
  const Theme& theme;
  std::map<std::string, std::unique_ptr<mu::mustache>> layouts;
};

Renderer::Renderer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Renderer::~Renderer() = default;

namespace {

// kainjow reports "Unclosed section "x" at 123" with a character offset; editors want a line.
diag::Location locate(const std::string& file, const std::string& text, const std::string& message) {
  static const std::regex at_re(R"( at (\d+)$)");
  std::smatch m;
  diag::Location loc{file, 0, 0};
  if (std::regex_search(message, m, at_re)) {
    auto offset = std::stoul(m[1].str());
    loc.line = 1;
    loc.column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++loc.line;
        loc.column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++loc.column;
      }
    }
  }
  return loc;
}

bool compiles(const std::string& file, const std::string& text, diag::Diagnostics& diags) {
  mu::mustache t(text);
  if (t.is_valid()) return true;
  std::string msg = t.error_message();
  auto loc = locate(file, text, msg);
  msg = std::regex_replace(msg, std::regex(R"( at \d+$)"), "");
  diag::Diagnostic d{"template-syntax", diag::Severity::Error, loc, "Mustache syntax error: " + msg,
                     "", diag::line_of(text, loc.line)};
  diags.add(std::move(d));
  return false;
}

// kainjow renders a section for an empty string too; leaving the key out makes
// {{#label}}…{{/label}} skip it, as a theme author expects.
void set_text(mu::data& d, const std::string& key, const std::string& value) {
  if (!value.empty()) d.set(key, value);
}

mu::data nav_item(const content::Page& target, const content::Page& current, const std::string& here) {
  mu::data d;
  d.set("label", target.front.label);
  d.set("title", target.front.title);
  d.set("full_title", target.full_title());
  d.set("url", passes::relative_url(here, target.url_path));
  d.set("current", here == target.url_path && &target == &current);
  return d;
}

// The view model: everything a layout may print. Keep themes/default/README.md in step.
mu::data view(const content::Site& site, const PageInput& in) {
  const auto& cfg = site.config;
  const auto& page = in.page;
  // Relative links are computed from where this rendering is written (a read-aloud page
  // lives one folder below its page).
  const std::string& here = in.out_path.empty() ? page.url_path : in.out_path;
  const content::Page* home = &site.pages.front();  // content::load puts it first
  mu::data d;
  mu::data s;
  s.set("title", cfg.title);
  set_text(s, "subtitle", cfg.subtitle);
  set_text(s, "publisher", cfg.publisher);
  set_text(s, "description", cfg.description);
  s.set("language", cfg.language);
  d.set("site", s);

  mu::data p;
  p.set("title", page.front.title);
  // the title and label as HTML: with their ruby when the passes gave it, else escaped text
  auto as_html = [](const std::string& text, const std::string& html) {
    if (!html.empty()) return html;
    pugi::xml_document tmp;
    tmp.append_child("span").append_child(pugi::node_pcdata).set_value(text.c_str());
    return dom::serialize_children(tmp.child("span"));
  };
  p.set("title_html", as_html(page.front.title, in.title_html));
  p.set("label_html", as_html(page.front.label, in.label_html));
  set_text(p, "label", page.front.label);
  p.set("full_title", page.full_title());
  set_text(p, "description", page.front.description.empty() ? cfg.description : page.front.description);
  p.set("is_home", page.kind == content::PageKind::Home);
  p.set("is_easy", page.easy);
  d.set("page", p);

  // The other version of this page: やさしい日本語 ↔ ふつうの日本語 (issue 4).
  d.set("has_alternate", page.alternate.has_value());
  if (page.alternate) {
    d.set("alternate_url", passes::relative_url(here, site.pages[*page.alternate].url_path));
    d.set("alternate_label", page.easy ? "ふつうの日本語" : "やさしい日本語");
  }

  // <title>: the page first, then the site, so a tab or a screen reader's window list
  // says which page it is (WCAG 2.4.2, technique G88).
  d.set("document_title", (page.kind == content::PageKind::Home
                               ? cfg.title + (cfg.subtitle.empty() ? "" : " " + cfg.subtitle)
                               : page.full_title() + " | " + cfg.title) +
                              (page.easy ? "（やさしい日本語）" : "") +
                              (in.standard_path.empty() ? "" : "（読み上げ用）"));
  // The read-aloud version and back (issue 7).
  d.set("has_read", !in.read_path.empty());
  if (!in.read_path.empty()) d.set("read_url", passes::relative_url(here, in.read_path));
  d.set("is_read", !in.standard_path.empty());
  if (!in.standard_path.empty()) d.set("standard_url", passes::relative_url(here, in.standard_path));
  set_text(d, "read_title", in.read_title);
  std::string root;
  for (char c : here)
    if (c == '/') root += "../";
  d.set("root", root);
  d.set("home_url", passes::relative_url(here, home->url_path));

  // The site navigation lists the top page's children (the goals); a goal's own pages
  // (its comparison) are listed on the goal page.
  // Pages the generator makes (department index, accessibility policy) are not in
  // site.pages: they have no index and no children.
  // The page's own index (once, not per page of the site: that made a build quadratic).
  std::optional<std::size_t> self;
  const content::Page* first = site.pages.data();
  if (!std::less<>{}(&page, first) && std::less<>{}(&page, first + site.pages.size()))
    self = static_cast<std::size_t>(&page - first);
  std::vector<std::size_t> ancestors;
  for (auto up = page.parent; up; up = site.pages[*up].parent) ancestors.insert(ancestors.begin(), *up);
  mu::data nav{mu::data::type::list};
  mu::data children{mu::data::type::list};
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    const auto& p2 = site.pages[i];
    if (p2.easy) continue;  // reached through its standard page's やさしい日本語 link
    if (p2.parent && *p2.parent == 0) {
      auto item = nav_item(p2, page, here);
      bool ancestor = std::find(ancestors.begin(), ancestors.end(), i) != ancestors.end();
      item.set("ancestor", ancestor);
      nav.push_back(item);
    }
    if (p2.parent && p2.parent == self && page.kind != content::PageKind::Home)
      children.push_back(nav_item(p2, page, here));
  }
  d.set("has_children", !children.is_empty_list());
  d.set("children", children);
  d.set("nav", nav);
  d.set("pages", nav);

  mu::data crumbs{mu::data::type::list};
  for (auto i : ancestors) {
    const auto& a = site.pages[i];
    mu::data c;
    c.set("title", a.kind == content::PageKind::Home ? cfg.title : a.full_title());
    c.set("url", passes::relative_url(here, a.url_path));
    crumbs.push_back(c);
  }
  if (!in.standard_path.empty()) {  // a read-aloud page sits below the page it reads
    mu::data c;
    c.set("title", page.kind == content::PageKind::Home ? cfg.title : page.full_title());
    c.set("url", passes::relative_url(here, page.url_path));
    crumbs.push_back(c);
  }
  d.set("breadcrumb_items", crumbs);

  mu::data links{mu::data::type::list};
  for (const auto& [title, url] : site.site_links) {
    mu::data l;
    l.set("title", title);
    l.set("url", passes::relative_url(here, url));
    l.set("current", url == page.url_path);
    links.push_back(l);
  }
  d.set("site_links", links);

  // Table of contents: h2 entries, each with its h3 children.
  mu::data toc{mu::data::type::list};
  mu::data current;
  mu::data sub{mu::data::type::list};
  bool open = false;
  auto flush = [&] {
    if (!open) return;
    current.set("children", sub);
    current.set("has_children", !sub.is_empty_list());
    toc.push_back(current);
    sub = mu::data{mu::data::type::list};
    open = false;
  };
  for (const auto& h : in.toc) {
    mu::data e;
    e.set("id", h.id);
    e.set("text", h.text);
    e.set("html", h.html.empty() ? h.text : h.html);
    if (h.level == 2 || !open) {
      flush();
      current = std::move(e);
      open = true;
    } else {
      sub.push_back(e);
    }
  }
  flush();
  d.set("toc_items", toc);
  d.set("has_toc", !in.toc.empty());
  d.set("body", in.body_html);
  // Print layouts: the sheets the print module cut (docs/print.md).
  mu::data sheets{mu::data::type::list};
  if (in.sheets)
    for (const auto& sh : *in.sheets) {
      mu::data v;
      v.set("number", std::to_string(sh.number));
      v.set("header", sh.header);
      v.set("body", sh.body_html);
      set_text(v, "code_image", sh.code_image);
      set_text(v, "code_size", in.code_size);
      sheets.push_back(v);
    }
  d.set("sheets", sheets);
  d.set("print_css", in.print_css);
  d.set("generator", std::string("tsutawaru ") + TSUTAWARU_VERSION);
  return d;
}

// Top-level keys of the view model. kainjow looks partials up by name among the data, so
// a partial with one of these names would hide the value: the theme check rejects that.
const std::vector<std::string>& view_keys() {
  static const std::vector<std::string> keys = {
      "site", "page", "document_title", "root", "home_url", "nav", "pages", "children", "has_children", "has_alternate", "alternate_url", "alternate_label", "site_links",
      "breadcrumb_items", "toc_items", "has_toc", "body", "generator", "has_read", "read_url", "is_read", "standard_url", "read_title",
      "sheets", "print_css"};
  return keys;
}

}  // namespace

std::unique_ptr<Renderer> Renderer::create(const Theme& theme, diag::Diagnostics& diags) {
  auto impl = std::make_unique<Impl>(Impl{theme, {}});
  bool ok = true;
  for (const auto& [name, text] : theme.partials) {
    ok = compiles(theme.display.at("partial:" + name), text, diags) && ok;
    for (const auto& key : view_keys())
      if (key == name) {
        diags.error("partial-name", {theme.display.at("partial:" + name), 0, 0},
                    "a partial may not be called '" + name + "': that name is a view-model value",
                    "rename the partial file");
        ok = false;
      }
  }
  for (const auto& [name, text] : theme.layouts) {
    if (!compiles(theme.display.at("layout:" + name), text, diags)) {
      ok = false;
      continue;
    }
    impl->layouts[name] = std::make_unique<mu::mustache>(text);
  }
  if (!ok) return nullptr;
  return std::unique_ptr<Renderer>(new Renderer(std::move(impl)));
}

std::optional<std::string> Renderer::render(const content::Site& site, const PageInput& in,
                                            const std::string& layout, diag::Diagnostics& diags) {
  auto it = m_impl->layouts.find(layout);
  if (it == m_impl->layouts.end()) {
    diags.error("layout-missing", {in.page.display, 1, 1},
                "layout '" + layout + "' is missing from the theme (no " +
                    site.config.display(m_impl->theme.dir / "layouts" / (layout + ".mustache")) + ")");
    return std::nullopt;
  }
  mu::data d = view(site, in);
  // The theme outlives the renderer: the partials point at its text instead of copying
  // every partial for every page. (kainjow still parses a partial each time it renders.)
  for (const auto& [name, text] : m_impl->theme.partials) {
    const std::string* t = &text;
    d.set(name, mu::partial([t] { return *t; }));
  }
  std::string html = it->second->render(d);

  // Every page must parse as XML (polyglot XHTML5; EPUB needs it too).
  pugi::xml_document check;
  auto result = check.load_buffer(html.data(), html.size(), pugi::parse_default | pugi::parse_doctype);
  if (!result) {
    auto lc_line = 1 + std::count(html.begin(), html.begin() + std::min<std::ptrdiff_t>(result.offset, static_cast<std::ptrdiff_t>(html.size())), '\n');
    diags.error("output-not-xml", {site.config.display(m_impl->theme.dir / "layouts" / (layout + ".mustache")), 0, 0},
                "the page " + in.page.url_path + " rendered with this layout is not well-formed XML: " +
                    result.description() + " (output line " + std::to_string(lc_line) + ")",
                "close every element and write void elements as <br/>");
    return std::nullopt;
  }
  return html;
}

}  // namespace tsu::render
