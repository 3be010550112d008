#include <dom/html.hpp>
#include <markdown/parse.hpp>
#include <text/unicode.hpp>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <vector>

namespace tsu::markdown {

namespace {

constexpr std::array<std::string_view, 2> containers = {"workbook", "column"};

// RAII for cmark's C objects (style.md: RAII wrappers around every C resource).
struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserFree>;
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;

constexpr const char* open_marker = "<!--tsu:open ";
constexpr const char* close_marker = "<!--tsu:close-->";

// The text cmark reads, and what each rewritten line (numbered as cmark numbers them, from
// 1) was: a container's name, or empty for a close. A comment an author wrote that looks
// like a marker is on no rewritten line, so it stays the author's comment.
struct Marked {
  std::string text;
  std::map<int, std::string> markers;
};

// Turns `::: name` / `:::` lines (outside fenced code) into HTML comments that cmark keeps
// as html_block nodes at the same place. Lines keep their numbers, and a comment may
// interrupt a paragraph (CommonMark HTML block start condition 2), like pandoc's divs.
Marked mark_containers(std::string_view text, const Source& src, diag::Diagnostics& diags) {
  static const std::regex open_re(R"(^:::+[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*$)");
  static const std::regex close_re(R"(^:::+[ \t]*$)");
  static const std::regex fence_re(R"(^ {0,3}(`{3,}|~{3,}).*$)");
  Marked marked;
  std::string& out = marked.text;
  out.reserve(text.size() + 64);
  std::string fence;  // the open code fence, if any
  int line = src.first_line;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    std::string l(text.substr(pos, end == std::string_view::npos ? std::string_view::npos
                                                                 : end - pos));
    std::smatch m;
    // Only a line starting with ::: or (after up to three spaces) ` or ~ can match: the
    // others, nearly all, skip the three patterns.
    auto lead = l.find_first_not_of(' ');
    bool candidate = l.rfind(":::", 0) == 0 || (lead != std::string::npos && lead <= 3 && (l[lead] == '`' || l[lead] == '~'));
    if (!candidate) {
      // nothing to do: the line stays as it is
    } else if (!fence.empty()) {
      if (std::regex_match(l, m, fence_re) && m[1].str()[0] == fence[0] &&
          m[1].length() >= static_cast<long>(fence.size()))
        fence.clear();
    } else if (std::regex_match(l, m, fence_re)) {
      fence = m[1].str();
    } else if (std::regex_match(l, m, open_re)) {
      std::string name = m[1].str();
      if (!is_known_container(name)) {
        std::vector<std::string> known(containers.begin(), containers.end());
        auto near = diag::did_you_mean(name, known);
        diags.error("container-unknown", {src.display, line, 5},
                    "unknown container '" + name + "'",
                    near.empty() ? "known containers: workbook, column"
                                 : "did you mean '" + near + "'?");
      }
      l = std::string(open_marker) + name + "-->";
      marked.markers[line - src.first_line + 1] = name;
    } else if (std::regex_match(l, close_re)) {
      l = close_marker;
      marked.markers[line - src.first_line + 1] = "";
    }
    out += l;
    if (end == std::string_view::npos) break;
    out += '\n';
    pos = end + 1;
    ++line;
  }
  return marked;
}

bool is_type(cmark_node* n, const char* type_string) {
  return std::string_view(cmark_node_get_type_string(n)) == type_string;
}

std::string_view literal(cmark_node* n) {
  const char* s = cmark_node_get_literal(n);
  return s ? std::string_view(s) : std::string_view();
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return std::string(s);
}

class Walker {
public:
  Walker(const Source& src, const std::map<int, std::string>& markers, diag::Diagnostics& diags)
      : m_src(src), m_markers(markers), m_diags(diags) {}

  void document(cmark_node* doc, pugi::xml_node body) {
    children(doc, body, false);
    if (!m_footnotes.empty()) footnotes(body);
  }

private:
  int line_of(cmark_node* n) const {
    int l = cmark_node_get_start_line(n);
    for (cmark_node* p = n; l == 0 && p; p = cmark_node_parent(p)) l = cmark_node_get_start_line(p);
    return l > 0 ? l + m_src.first_line - 1 : 0;
  }
  int column_of(cmark_node* n) const { return cmark_node_get_start_column(n); }

  void mark_line(pugi::xml_node e, cmark_node* n) {
    e.append_attribute("data-line").set_value(line_of(n));
  }

  // Nesting deeper than this (lists in quotes in lists …) is a mistake, not a plan, and
  // would otherwise recurse without bound on hostile input.
  static constexpr int max_depth = 32;

  struct Depth {
    int& d;
    explicit Depth(int& depth) : d(++depth) {}
    ~Depth() { --d; }
  };

  bool too_deep(cmark_node* n) {
    if (m_depth <= max_depth) return false;
    if (!m_reported_depth)
      m_diags.error("nesting-too-deep", {m_src.display, line_of(n), column_of(n)},
                    "the Markdown is nested more than " + std::to_string(max_depth) + " levels deep",
                    "flatten the lists, quotes or emphasis here");
    m_reported_depth = true;
    return true;
  }

  // Block children, with container markers opening and closing <div>s at this level.
  void children(cmark_node* parent, pugi::xml_node out, bool tight) {
    Depth depth(m_depth);
    if (too_deep(parent)) return;
    struct Open {
      pugi::xml_node element;
      int line;
      std::string name;
    };
    std::vector<Open> stack;
    auto current = [&] { return stack.empty() ? out : stack.back().element; };
    for (cmark_node* c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
      auto marker = cmark_node_get_type(c) == CMARK_NODE_HTML_BLOCK
                        ? m_markers.find(cmark_node_get_start_line(c))
                        : m_markers.end();
      // A block starting on a rewritten line is its marker: the line starts in column 1
      // with the comment it closes (CommonMark HTML block 2), so nothing else starts there.
      if (marker != m_markers.end()) {
        const std::string& name = marker->second;
        if (name.empty() && stack.empty())
          m_diags.error("container-close-unmatched", {m_src.display, line_of(c), 1},
                        "':::' closes no open container",
                        "remove it, or open a container above with '::: workbook'");
        else if (name.empty())
          stack.pop_back();
        else {
          auto div = dom::append(current(), "div");
          div.append_attribute("class").set_value(name.c_str());
          div.append_attribute("data-container").set_value(name.c_str());
          mark_line(div, c);
          stack.push_back({div, line_of(c), name});
        }
        continue;
      }
      node(c, current(), tight);
    }
    for (const auto& o : stack)
      m_diags.error("container-unclosed", {m_src.display, o.line, 1},
                    "container '" + o.name + "' is never closed",
                    "add a line holding only ::: where the " + o.name + " ends");
  }

  void inlines(cmark_node* parent, pugi::xml_node out) {
    Depth depth(m_depth);
    if (too_deep(parent)) return;
    for (cmark_node* c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) node(c, out, false);
  }

  void node(cmark_node* n, pugi::xml_node out, bool tight) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_PARAGRAPH: {
        if (tight) {
          inlines(n, out);
          return;
        }
        auto p = dom::append(out, "p");
        mark_line(p, n);
        inlines(n, p);
        return;
      }
      case CMARK_NODE_HEADING: {
        std::string name = "h" + std::to_string(cmark_node_get_heading_level(n));
        auto h = dom::append(out, name.c_str());
        mark_line(h, n);
        inlines(n, h);
        return;
      }
      case CMARK_NODE_BLOCK_QUOTE: {
        auto q = dom::append(out, "blockquote");
        mark_line(q, n);
        children(n, q, false);
        return;
      }
      case CMARK_NODE_LIST: {
        bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        auto l = dom::append(out, ordered ? "ol" : "ul");
        mark_line(l, n);
        if (ordered && cmark_node_get_list_start(n) != 1)
          l.append_attribute("start").set_value(cmark_node_get_list_start(n));
        bool is_tight = cmark_node_get_list_tight(n) != 0;
        for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
          auto li = dom::append(l, "li");
          mark_line(li, item);
          children(item, li, is_tight);
        }
        return;
      }
      case CMARK_NODE_CODE_BLOCK: {
        auto pre = dom::append(out, "pre");
        mark_line(pre, n);
        auto code = dom::append(pre, "code", literal(n));
        if (const char* info = cmark_node_get_fence_info(n); info && *info) {
          std::string lang(info);
          lang = lang.substr(0, lang.find(' '));
          code.append_attribute("class").set_value(("language-" + lang).c_str());
        }
        return;
      }
      case CMARK_NODE_HTML_BLOCK: {
        std::string html = trim(literal(n));
        if (html.rfind("<!--", 0) == 0 && html.size() >= 7 &&
            html.compare(html.size() - 3, 3, "-->") == 0)
          return;  // a note for editors: never published
        raw_html(n, html);
        return;
      }
      case CMARK_NODE_THEMATIC_BREAK: {
        dom::append(out, "hr");
        return;
      }
      case CMARK_NODE_FOOTNOTE_DEFINITION: {
        m_footnotes.push_back(n);
        return;
      }
      case CMARK_NODE_TEXT:
        dom::append_text(out, literal(n));
        return;
      case CMARK_NODE_SOFTBREAK:
        softbreak(n, out);
        return;
      case CMARK_NODE_LINEBREAK:
        dom::append(out, "br");
        return;
      case CMARK_NODE_CODE:
        dom::append(out, "code", literal(n));
        return;
      case CMARK_NODE_HTML_INLINE: {
        std::string html = trim(literal(n));
        static const std::regex br(R"(<br\s*/?>)", std::regex::icase);
        auto lower = [&](std::size_t i) { return static_cast<char>(html[i] | 0x20); };
        if (html.size() >= 3 && html[0] == '<' && lower(1) == 'b' && lower(2) == 'r' && std::regex_match(html, br))
          dom::append(out, "br");
        else if (html.rfind("<!--", 0) == 0) return;
        else raw_html(n, html);
        return;
      }
      case CMARK_NODE_EMPH:
        inlines(n, dom::append(out, "em"));
        return;
      case CMARK_NODE_STRONG:
        inlines(n, dom::append(out, "strong"));
        return;
      case CMARK_NODE_LINK: {
        auto a = dom::append(out, "a");
        a.append_attribute("href").set_value(cmark_node_get_url(n));
        a.append_attribute("data-line").set_value(line_of(n));
        if (const char* t = cmark_node_get_title(n); t && *t) a.append_attribute("title").set_value(t);
        inlines(n, a);
        return;
      }
      case CMARK_NODE_IMAGE: {
        auto img = dom::append(out, "img");
        img.append_attribute("src").set_value(cmark_node_get_url(n));
        pugi::xml_document tmp;
        auto holder = tmp.append_child("span");
        inlines(n, holder);
        img.append_attribute("alt").set_value(dom::text_content(holder).c_str());
        if (const char* t = cmark_node_get_title(n); t && *t)
          img.append_attribute("title").set_value(t);
        return;
      }
      case CMARK_NODE_FOOTNOTE_REFERENCE: {
        footnote_ref(n, out);
        return;
      }
      default:
        break;
    }
    if (is_type(n, "table")) table(n, out);
    else if (is_type(n, "strikethrough")) inlines(n, dom::append(out, "del"));
    else
      m_diags.error("markdown-unsupported", {m_src.display, line_of(n), column_of(n)},
                    std::string("unsupported Markdown element '") + cmark_node_get_type_string(n) +
                        "'");
  }

  void raw_html(cmark_node* n, const std::string& html) {
    m_diags.error("raw-html", {m_src.display, line_of(n), column_of(n)},
                  "raw HTML is not allowed: " + html.substr(0, 40),
                  "write it in Markdown; the only HTML allowed is <br> in a table cell and "
                  "<!-- comments -->");
  }

  // A line break inside a paragraph: between two Japanese characters it is no space at all
  // (JLREQ; browsers would otherwise show a space), elsewhere it is a space.
  void softbreak(cmark_node* n, pugi::xml_node out) {
    cmark_node* prev = cmark_node_previous(n);
    cmark_node* next = cmark_node_next(n);
    char32_t before = prev && cmark_node_get_type(prev) == CMARK_NODE_TEXT
                          ? text::last_code_point(literal(prev)) : 0;
    char32_t after = next && cmark_node_get_type(next) == CMARK_NODE_TEXT
                         ? text::first_code_point(literal(next)) : 0;
    if (before && after && text::is_wide(before) && text::is_wide(after)) return;
    dom::append_text(out, "\n");
  }

  void table(cmark_node* n, pugi::xml_node out) {
    auto t = dom::append(out, "table");
    mark_line(t, n);
    auto columns = cmark_gfm_extensions_get_table_columns(n);
    const uint8_t* align = cmark_gfm_extensions_get_table_alignments(n);
    pugi::xml_node body;
    for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
      bool header = cmark_gfm_extensions_get_table_row_is_header(row) != 0;
      pugi::xml_node group = header ? dom::append(t, "thead")
                                    : (body ? body : (body = dom::append(t, "tbody")));
      auto tr = dom::append(group, "tr");
      mark_line(tr, row);
      int col = 0;
      for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell), ++col) {
        auto c = dom::append(tr, header ? "th" : "td");
        if (align && col < columns) {
          switch (align[col]) {
            case 'l': c.append_attribute("class").set_value("align-left"); break;
            case 'c': c.append_attribute("class").set_value("align-center"); break;
            case 'r': c.append_attribute("class").set_value("align-right"); break;
            default: break;
          }
        }
        inlines(cell, c);
      }
    }
  }

  // cmark-gfm numbers footnotes by first reference; a reference's literal is that number,
  // and the definitions come in the same order. A note referenced twice gets two ids.
  void footnote_ref(cmark_node* n, pugi::xml_node out) {
    std::string number(literal(n));
    int seen = ++m_ref_count[number];
    auto sup = dom::append(out, "sup");
    sup.append_attribute("class").set_value("footnote-ref");
    auto a = dom::append(sup, "a", number);
    a.append_attribute("href").set_value(("#fn-" + number).c_str());
    a.append_attribute("id").set_value(
        ("fnref-" + number + (seen > 1 ? "-" + std::to_string(seen) : "")).c_str());
    a.append_attribute("role").set_value("doc-noteref");
  }

  void footnotes(pugi::xml_node body) {
    auto section = dom::append(body, "section");
    section.append_attribute("class").set_value("footnotes");
    section.append_attribute("role").set_value("doc-endnotes");
    section.append_attribute("aria-label").set_value("脚注");
    auto ol = dom::append(section, "ol");
    int number = 0;
    for (cmark_node* def : m_footnotes) {
      std::string label = std::to_string(++number);
      auto li = dom::append(ol, "li");
      li.append_attribute("id").set_value(("fn-" + label).c_str());
      children(def, li, false);
      auto back_parent = li.last_child() && std::string_view(li.last_child().name()) == "p"
                             ? li.last_child() : li;
      auto back = dom::append(back_parent, "a", "↩");
      back.append_attribute("href").set_value(("#fnref-" + label).c_str());
      back.append_attribute("role").set_value("doc-backlink");
      back.append_attribute("aria-label").set_value("本文へ戻る");
    }
  }

  const Source& m_src;
  const std::map<int, std::string>& m_markers;
  diag::Diagnostics& m_diags;
  std::vector<cmark_node*> m_footnotes;
  std::map<std::string, int> m_ref_count;
  int m_depth = 0;
  bool m_reported_depth = false;
};

}  // namespace

bool is_known_container(std::string_view name) {
  for (auto c : containers)
    if (c == name) return true;
  return false;
}

Document parse(const Source& src, diag::Diagnostics& diags) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  Marked marked = mark_containers(src.text, src, diags);
  // Single tildes are common in Japanese ranges (18~29歳); only ~~double~~ strikes through.
  int options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
  ParserPtr parser(cmark_parser_new(options));
  for (const char* ext : {"table", "strikethrough", "autolink"})
    cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension(ext));
  cmark_parser_feed(parser.get(), marked.text.data(), marked.text.size());
  NodePtr root(cmark_parser_finish(parser.get()));

  Document doc;
  auto body = doc.xml->append_child("body");
  Walker(src, marked.markers, diags).document(root.get(), body);
  return doc;
}

}  // namespace tsu::markdown
