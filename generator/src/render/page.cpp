#include <dom/html.hpp>
#include <passes/passes.hpp>
#include <render/nav_sections.hpp>
#include <render/page.hpp>

#include <kainjow/mustache.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <string_view>
#include <unordered_map>

namespace tsu::render {

namespace mu = kainjow::mustache;

// A compiled layout, and the nav sections taken out of it (render/nav_sections.hpp): each
// rendered on its own, or taken from the thread's NavMemo, and given under its key.
struct Layout {
  struct Part {
    std::string key;
    std::unique_ptr<mu::mustache> tmpl;
  };
  std::unique_ptr<mu::mustache> tmpl;
  std::vector<Part> parts;
  bool with_pages = true;  // a tag may look "pages" up: the view has a copy of the nav under it
};

struct Renderer::Impl {
  const Theme& theme;
  std::map<std::string, Layout> layouts;
  bool runtime_partials = false;  // some layout still has a partial tag (see inline_partials)
};

// The navs last rendered on this thread and what each was made for: the site, the depth
// its links are relative to (a page and its read-aloud page sit at two depths, so a few
// are kept), and each item's marks (1 current, 2 ancestor), which are set again where the
// next page differs. While a page is rendered its nav is lent to the view (slot `lent`)
// and then given back.
struct NavMemo::Impl {
  struct Entry {
    const content::Site* site = nullptr;
    std::size_t depth = 0;
    std::vector<unsigned char> marks;
    mu::data list;
    // nav sections (Layout::Part) rendered with this list, by their marks; bounded
    struct Part {
      std::string text;
      bool slot = false;  // balanced, with text: given to the layout as a slot
    };
    std::map<std::pair<const mu::mustache*, std::vector<unsigned char>>, Part> rendered;
    bool ready = false;
  };
  std::array<Entry, 4> entries;
  std::size_t lent = 0, next = 0;
};
NavMemo::NavMemo() : impl(std::make_unique<Impl>()) {}
NavMemo::~NavMemo() = default;

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

// kainjow's set() and push_back() copy what they are given, and a view is lists of
// objects holding lists (a nav of 100 sections was copied three times a page): these put
// an empty value in its place and hand it back, to be filled where it lives. The values
// are ours and not const, so the const_cast is sound.
mu::data& slot(mu::data& object, const std::string& key, mu::data::type type = mu::data::type::object) {
  object.set(key, mu::data{type});
  return const_cast<mu::data&>(*object.get(key));
}

// A list with room for n items: without it the vector's growth copies every item made so
// far (kainjow's move constructor is not noexcept), and moves those handed out by append().
mu::data& list(mu::data& object, const std::string& key, std::size_t n) {
  mu::data& l = slot(object, key, mu::data::type::list);
  const_cast<mu::basic_list<std::string>&>(l.list_value()).reserve(n);
  return l;
}

// Sets a string copied once: set() makes a value from the string and then copies that
// value into the object (a page body is tens of kilobytes).
void set_string(mu::data& object, const std::string& key, const std::string& value) {
  mu::data& v = slot(object, key, mu::data::type::string);
  const_cast<std::string&>(v.string_value()) = value;
}

// Appends an empty object to a list made by list() (within the room it has) and returns it.
mu::data& append(mu::data& list) {
  list.push_back(mu::data{});
  return const_cast<mu::data&>(list.list_value().back());
}

// Whether a nav link points at the page being rendered (and not at its read-aloud page).
bool is_current(const content::Page& target, const content::Page& page, const std::string& here) {
  return here == target.url_path && &target == &page;
}

void nav_item(mu::data& d, const content::Page& target, const std::string& here, bool current) {
  d.set("label", target.front.label);
  d.set("title", target.front.title);
  d.set("full_title", target.full_title());
  d.set("url", passes::relative_url(here, target.url_path));
  d.set("current", current);
}

}  // namespace

SiteNav SiteNav::of(const content::Site& site) {
  SiteNav nav;
  nav.children.resize(site.pages.size());
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    const auto& p = site.pages[i];
    if (p.easy || !p.parent) continue;  // an easy page is reached through its standard page's link
    if (*p.parent == 0) nav.top.push_back(i);
    if (*p.parent < nav.children.size()) nav.children[*p.parent].push_back(i);
  }
  return nav;
}

namespace {

// The stand-ins for a page's body, its table of contents' entries and its nav sections
// while kainjow renders it: empty elements named tsu-body-N, tsu-toc-K-N and tsu-part-K-N,
// where N, drawn once per run, is what no page text can hold by chance. None reaches an
// output.
const std::string& slot_nonce() {
  static const std::string nonce = [] {
    std::random_device random;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%08x%08x", random(), random());
    return std::string(hex);
  }();
  return nonce;
}
std::string slot_name(const std::string& what) { return "tsu-" + what + "-" + slot_nonce(); }
std::string slot_tag(const std::string& name) { return "<" + name + "/>"; }

// A value the view gave as a slot: the slot's element name, where the view has it (the
// object, null for the view itself, and the key) and the text.
struct Fill {
  std::string name;
  mu::data* object;
  const char* key;
  const std::string* text;
};

// Whether a value has text other than whitespace: only such a value makes kainjow print
// every line it stands on, as its slot does.
bool has_text(const std::string& body) {
  return body.find_first_not_of(" \t\r\n") != std::string::npos;
}

// The view model: everything a layout may print. Keep themes/default/README.md in step.
// with_pages: also under "pages" (a copy of "nav"), for layouts that name it.
// body: what the view gives for "body" (the page's body, or Renderer::render's slot for it).
// fills, when given: the table of contents' entries go in as slots, each added there.
mu::data view(const content::Site& site, const PageInput& in, const std::string& body, bool with_pages,
              std::vector<Fill>* fills) {
  const auto& cfg = site.config;
  const auto& page = in.page;
  // Relative links are computed from where this rendering is written (a read-aloud page
  // lives one folder below its page).
  const std::string& here = in.out_path.empty() ? page.url_path : in.out_path;
  const content::Page* home = &site.pages.front();  // content::load puts it first
  mu::data d;
  mu::data& s = slot(d, "site");
  s.set("title", cfg.title);
  set_text(s, "subtitle", cfg.subtitle);
  set_text(s, "publisher", cfg.publisher);
  set_text(s, "description", cfg.description);
  s.set("language", cfg.language);

  mu::data& p = slot(d, "page");
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
  std::vector<std::size_t> ancestors;
  for (auto up = page.parent; up; up = site.pages[*up].parent) ancestors.insert(ancestors.begin(), *up);
  // From the index the caller found once for the site, or found here (every page of the
  // site walked for each page rendered: quadratic in the size of the site).
  std::optional<SiteNav> own;
  const SiteNav& index = in.nav ? *in.nav : own.emplace(SiteNav::of(site));
  std::vector<unsigned char> marks(index.top.size());
  for (std::size_t k = 0; k < index.top.size(); ++k) {
    const auto& target = site.pages[index.top[k]];
    bool current = is_current(target, page, here);
    bool ancestor = std::find(ancestors.begin(), ancestors.end(), index.top[k]) != ancestors.end();
    marks[k] = static_cast<unsigned char>((current ? 1 : 0) | (ancestor ? 2 : 0));
  }
  const auto depth = static_cast<std::size_t>(std::count(here.begin(), here.end(), '/'));
  mu::data* nav = nullptr;
  if (auto* memo = in.nav_memo ? in.nav_memo->impl.get() : nullptr) {
    auto& e = memo->entries;
    auto fits = [&](const NavMemo::Impl::Entry& x) {
      return x.ready && x.site == &site && x.depth == depth && x.marks.size() == marks.size();
    };
    memo->lent = static_cast<std::size_t>(std::find_if(e.begin(), e.end(), fits) - e.begin());
    if (memo->lent < e.size()) {
      // the same links: only the items whose marks changed are set again
      auto& kept = e[memo->lent];
      auto& items = const_cast<mu::basic_list<std::string>&>(kept.list.list_value());
      for (std::size_t k = 0; k < marks.size(); ++k)
        if (kept.marks[k] != marks[k]) {
          items[k].set("current", (marks[k] & 1) != 0);
          items[k].set("ancestor", (marks[k] & 2) != 0);
        }
      kept.marks = marks;
      nav = &slot(d, "nav");
      *nav = std::move(kept.list);  // Renderer::render gives it back
    } else {
      memo->lent = memo->next;
      memo->next = (memo->next + 1) % e.size();
      e[memo->lent].site = &site;
      e[memo->lent].depth = depth;
      e[memo->lent].marks = marks;
      e[memo->lent].rendered.clear();
    }
    e[memo->lent].ready = false;  // until it is given back
  }
  if (!nav) {
    nav = &list(d, "nav", index.top.size());
    for (std::size_t k = 0; k < index.top.size(); ++k) {
      auto& item = append(*nav);
      nav_item(item, site.pages[index.top[k]], here, (marks[k] & 1) != 0);
      item.set("ancestor", (marks[k] & 2) != 0);
    }
  }
  if (with_pages) d.set("pages", *nav);
  // the page's own children (a page the generator made is not in site.pages: it has none)
  const content::Page* first = site.pages.data();
  const std::vector<std::size_t>* own_children = nullptr;
  if (page.kind != content::PageKind::Home && !std::less<>{}(&page, first) &&
      std::less<>{}(&page, first + site.pages.size()))
    own_children = &index.children[static_cast<std::size_t>(&page - first)];
  mu::data& children = list(d, "children", own_children ? own_children->size() : 0);
  if (own_children)
    for (auto i : *own_children) nav_item(append(children), site.pages[i], here, is_current(site.pages[i], page, here));
  d.set("has_children", !children.is_empty_list());

  mu::data& crumbs = list(d, "breadcrumb_items", ancestors.size() + 1);
  for (auto i : ancestors) {
    const auto& a = site.pages[i];
    mu::data& c = append(crumbs);
    c.set("title", a.kind == content::PageKind::Home ? cfg.title : a.full_title());
    c.set("url", passes::relative_url(here, a.url_path));
  }
  if (!in.standard_path.empty()) {  // a read-aloud page sits below the page it reads
    mu::data& c = append(crumbs);
    c.set("title", page.kind == content::PageKind::Home ? cfg.title : page.full_title());
    c.set("url", passes::relative_url(here, page.url_path));
  }

  mu::data& links = list(d, "site_links", site.site_links.size());
  for (const auto& [title, url] : site.site_links) {
    mu::data& l = append(links);
    l.set("title", title);
    l.set("url", passes::relative_url(here, url));
    l.set("current", url == page.url_path);
  }

  // Table of contents: h2 entries, each with its h3 children.
  mu::data& toc = list(d, "toc_items", in.toc.size());
  mu::data* sub = nullptr;  // the children of the last h2 entry
  auto close = [&] {
    if (sub) const_cast<mu::data&>(toc.list_value().back()).set("has_children", !sub->is_empty_list());
  };
  for (const auto& h : in.toc) {
    bool top = h.level == 2 || !sub;
    if (top) close();
    mu::data& e = append(top ? toc : *sub);
    set_string(e, "id", h.id);
    set_string(e, "text", h.text);
    if (fills && has_text(h.html)) {  // the heading with its ruby: dom::serialize's output
      fills->push_back({slot_name("toc-" + std::to_string(fills->size())), &e, "html", &h.html});
      set_string(e, "html", slot_tag(fills->back().name));
    } else {
      set_string(e, "html", h.html.empty() ? h.text : h.html);
    }
    if (top) sub = &list(e, "children", in.toc.size());
  }
  close();
  d.set("has_toc", !in.toc.empty());
  set_string(d, "body", body);
  // Print layouts: the sheets the print module cut (docs/print.md).
  mu::data& sheets = list(d, "sheets", in.sheets ? in.sheets->size() : 0);
  if (in.sheets)
    for (const auto& sh : *in.sheets) {
      mu::data& v = append(sheets);
      v.set("number", std::to_string(sh.number));
      v.set("header", sh.header);
      set_string(v, "body", sh.body_html);
      set_text(v, "code_image", sh.code_image);
      set_text(v, "code_size", in.code_size);
    }
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

// A layout with its partials written into it. kainjow renders a partial tag by parsing the
// partial's text (for every page) and rendering it in the tag's context through the same
// line buffer, so the text in place of the tag renders the same bytes, parsed once. Not
// for themes that change delimiters ({{=…=}} would then reach past the partial), and a
// partial nested deeper than 8 stays a tag (a partial that includes itself).
std::string inline_partials(const std::string& text, const Theme& theme, int depth = 0) {
  std::string out;
  std::size_t last = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), partial_tag()), end; it != end; ++it) {
    auto found = theme.partials.find((*it)[1].str());
    if (found == theme.partials.end() || depth >= 8) continue;
    auto pos = static_cast<std::size_t>(it->position());
    out.append(text, last, pos - last);
    out += inline_partials(found->second, theme, depth + 1);
    last = pos + static_cast<std::size_t>(it->length());
  }
  out.append(text, last);
  return out;
}

bool sets_delimiters(const Theme& theme) {
  auto sets = [](const std::string& t) { return t.find("{{=") != std::string::npos; };
  return std::any_of(theme.layouts.begin(), theme.layouts.end(), [&](const auto& l) { return sets(l.second); }) ||
         std::any_of(theme.partials.begin(), theme.partials.end(), [&](const auto& p) { return sets(p.second); });
}

// The fills by their slots' names.
using SlotIndex = std::unordered_map<std::string_view, std::size_t>;
SlotIndex index_of(const std::vector<Fill>& fills) {
  SlotIndex index;
  index.reserve(fills.size());
  for (std::size_t k = 0; k < fills.size(); ++k) index.emplace(fills[k].name, k);
  return index;
}

// Where a slot stands in the rendered page: nowhere (its value was not printed), in the
// first half or in the second.
enum class Half : unsigned char { None, First, Second };

// Whether every slot the page prints stands as an element in the parsed page. Walking the
// whole page for them cost more than the parse they save, so each is looked for from the
// end of the page it is nearer (the nav near the top, the body near the end), and a walk
// stops when it has seen its slots. Names are looked up only where they start as a slot's
// does.
bool all_slots(pugi::xml_node root, const std::vector<Fill>& fills, const SlotIndex& index,
               const std::vector<Half>& half) {
  std::vector<bool> seen(fills.size());
  auto look = [&](bool from_start) {
    const Half wanted = from_start ? Half::First : Half::Second;
    std::size_t left = 0;
    for (std::size_t k = 0; k < fills.size(); ++k) left += half[k] == wanted;
    auto walk = [&](auto& self, pugi::xml_node n) -> void {
      for (auto c = from_start ? n.first_child() : n.last_child(); c && left;
           c = from_start ? c.next_sibling() : c.previous_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const char* name = c.name();
        if (std::strncmp(name, "tsu-", 4) == 0)
          if (auto f = index.find(name); f != index.end() && half[f->second] == wanted && !seen[f->second]) {
            seen[f->second] = true;
            --left;
          }
        self(self, c);
      }
    };
    walk(walk, root);
    return left == 0;
  };
  return look(true) && look(false);
}

// Whether a nav section's text is balanced: content that parses on its own (every element
// it opens closed, none closed that it did not open, no doctype). Where its slot stands as
// an element, such a text cannot change whether the page parses, as the body cannot. The
// wrapper bears the run's nonce, so no text can close it and open another.
bool balanced(const std::string& text) {
  const std::string name = slot_name("wrap");
  const std::string wrapped = "<" + name + ">" + text + "</" + name + ">";
  pugi::xml_document doc;
  if (!doc.load_buffer(wrapped.data(), wrapped.size(), pugi::parse_minimal)) return false;
  return doc.first_child() == doc.last_child() && name == doc.first_child().name();
}

// A page rendered with slots, each text put in its slot's place. Only where each slot the
// page prints stands once, as an element, in a page that parses (the page check's answer,
// which the texts cannot change: they are well-formed content, see balanced); otherwise
// nullopt, and the page is rendered again with the texts. kainjow prints a value's bytes
// as they are and a value with text decides no line's fate, so the bytes are those of the
// page rendered with them.
std::optional<pugi::xml_parse_result> put_slots(pugi::xml_document& check, std::string& html,
                                                const std::vector<Fill>& fills) {
  // Every place the run's nonce stands in the page, in one pass (memmem: std::string::find
  // stops at every '<' to compare). Each must be a slot printed as it is, and no slot may
  // stand twice: a slot also printed escaped would otherwise leave its name in the page.
  // A slot the page does not print is a value it did not print (any form of a slot bears
  // the nonce, and a slot is as true to a section as its text is).
  const SlotIndex index = index_of(fills);
  struct Cut {
    std::size_t at, size;
    const std::string* text;
  };
  std::vector<Cut> cuts;
  std::vector<Half> half(fills.size(), Half::None);
  std::size_t size = html.size();
  const std::string& nonce = slot_nonce();
  for (std::size_t from = 0;;) {
    const void* p = ::memmem(html.data() + from, html.size() - from, nonce.data(), nonce.size());
    if (!p) break;
    const auto q = static_cast<std::size_t>(static_cast<const char*>(p) - html.data());
    const auto at = html.rfind('<', q), end = q + nonce.size();
    if (at == std::string::npos || html.compare(end, 2, "/>") != 0) return std::nullopt;
    auto f = index.find(std::string_view(html).substr(at + 1, end - at - 1));
    if (f == index.end()) return std::nullopt;
    const std::size_t k = f->second;
    if (half[k] != Half::None) return std::nullopt;
    cuts.push_back({at, end + 2 - at, fills[k].text});
    half[k] = at < html.size() / 2 ? Half::First : Half::Second;
    size = size - (end + 2 - at) + fills[k].text->size();
    from = end;
  }
  auto result = check.load_buffer(html.data(), html.size(), pugi::parse_minimal);
  if (!result || !all_slots(check, fills, index, half)) return std::nullopt;
  std::string whole;  // the cuts came in page order
  whole.reserve(size);
  std::size_t from = 0;
  for (const auto& c : cuts) {
    whole.append(html, from, c.at - from).append(*c.text);
    from = c.at + c.size;
  }
  whole.append(html, from);
  html = std::move(whole);
  return result;
}

// kainjow's html_escape, whole runs at a time: it appended each character on its own
// (0.7% of a build). The same five escapes, so the same bytes.
std::string escape_html(const std::string& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') continue;
    out.append(s, from, i - from);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&apos;"; break;
    }
    from = i + 1;
  }
  out.append(s, from);
  return out;
}

// A layout or nav section compiled for rendering, with escape_html.
std::unique_ptr<mu::mustache> compile(const std::string& text) {
  auto m = std::make_unique<mu::mustache>(text);
  m->set_custom_escape(escape_html);
  return m;
}

// kainjow's render(data) goes through a string stream (a copy of the page, and more while
// it grows); its handler form appends each line here.
std::string render_text(mu::mustache& tmpl, const mu::data& d) {
  std::string out;
  tmpl.render(d, [&out](const std::string& line) { out += line; });
  return out;
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
  const bool inline_ok = !sets_delimiters(theme);
  for (const auto& [name, text] : theme.layouts) {
    if (!compiles(theme.display.at("layout:" + name), text, diags)) {
      ok = false;
      continue;
    }
    std::string whole = inline_ok ? inline_partials(text, theme) : text;
    auto compiled = compile(whole);
    if (!compiled->is_valid()) {  // valid apart, not together
      whole = text;
      compiled = compile(whole);
    }
    impl->runtime_partials = impl->runtime_partials || whole.find("{{>") != std::string::npos;
    const bool whole_text = inline_ok && whole.find("{{>") == std::string::npos;
    Layout made{std::move(compiled), {}, !whole_text || names(whole, "pages")};
    if (whole_text) {  // the nav sections rendered apart (render/nav_sections.hpp)
      auto taken = take_nav_sections(whole, "tsu-nav-section-");
      Layout apart{compile(taken.layout), {}, made.with_pages};
      bool valid = apart.tmpl->is_valid();
      for (std::size_t i = 0; i < taken.parts.size(); ++i) {
        apart.parts.push_back({taken.keys[i], compile(taken.parts[i])});
        valid = valid && apart.parts.back().tmpl->is_valid();
      }
      if (valid && !apart.parts.empty()) made = std::move(apart);
    }
    impl->layouts[name] = std::move(made);
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
  // The body is most of a page (tens of KB, every byte copied four times on its way
  // through kainjow, and once more searched for by the page check), and the nav sections
  // and contents entries are the same kind of text: the view holds slots instead, and the
  // texts are put in their places once (put_slots).
  std::vector<Fill> fills;
  const bool slotted = has_text(in.body_html);
  if (slotted) fills.push_back({slot_name("body"), nullptr, "body", &in.body_html});
  mu::data d = view(site, in, slotted ? slot_tag(fills.back().name) : in.body_html, it->second.with_pages, &fills);
  // Partials are written into the layouts (inline_partials); for a theme where some are
  // still tags, the theme outlives the renderer: they point at its text.
  if (m_impl->runtime_partials)
    for (const auto& [name, text] : m_impl->theme.partials) {
      const std::string* t = &text;
      d.set(name, mu::partial([t] { return *t; }));
    }
  // The nav sections: from the memo when this nav rendered them already, else rendered
  // with this page's view (kainjow gives the same bytes as in the layout).
  auto* entry = in.nav_memo ? &in.nav_memo->impl->entries[in.nav_memo->impl->lent] : nullptr;
  const auto& parts = it->second.parts;
  // a few MB at most; emptied before, not while, this page takes texts from it
  if (entry && entry->rendered.size() + parts.size() > 256) entry->rendered.clear();
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const auto& part = parts[k];
    if (!entry) {
      set_string(d, part.key, render_text(*part.tmpl, d));
      continue;
    }
    auto key = std::make_pair(part.tmpl.get(), entry->marks);
    auto kept = entry->rendered.find(key);
    if (kept == entry->rendered.end()) {
      std::string text = render_text(*part.tmpl, d);
      const bool slot = has_text(text) && balanced(text);
      kept = entry->rendered.emplace(std::move(key), NavMemo::Impl::Entry::Part{std::move(text), slot}).first;
    }
    if (kept->second.slot) {
      fills.push_back({slot_name("part-" + std::to_string(k)), nullptr, part.key.c_str(), &kept->second.text});
      set_string(d, part.key, slot_tag(fills.back().name));
    } else {
      set_string(d, part.key, kept->second.text);
    }
  }
  // Every page must parse as XML (polyglot XHTML5; EPUB needs it too). parse_minimal
  // finds the same errors (tags, attributes, comments, CDATA and the doctype are still
  // read) without decoding escapes or keeping what it skips.
  pugi::xml_document check;
  std::string html = render_text(*it->second.tmpl, d);
  std::optional<pugi::xml_parse_result> checked;
  if (!fills.empty() && !(checked = put_slots(check, html, fills))) {
    // a slot escaped, repeated, in an attribute or a comment, or the page broken: the
    // texts themselves, and the page check as for any page
    for (const auto& f : fills) set_string(f.object ? *f.object : d, f.key, *f.text);
    html = render_text(*it->second.tmpl, d);
  }
  if (entry) {  // the nav goes back to this thread's memo for the next page
    entry->list = std::move(const_cast<mu::data&>(*d.get("nav")));
    entry->ready = true;
  }
  // a page without slots, or rendered again with its texts: parsed whole
  auto result = checked ? *checked : check.load_buffer(html.data(), html.size(), pugi::parse_minimal);
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
