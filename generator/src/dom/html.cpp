#include <dom/html.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string_view>

namespace tsu::dom {

bool is_void(std::string_view n) {
  static constexpr std::array<std::string_view, 13> names = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
      "track", "wbr"};
  for (auto v : names)
    if (v == n) return true;
  return false;
}

bool holds_phrasing_only(std::string_view n) {
  return n == "p" || n == "pre" || n == "code" || n == "ruby" ||
         (n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6');
}

pugi::xml_node append(pugi::xml_node parent, const char* name) {
  return parent.append_child(name);
}

pugi::xml_node append(pugi::xml_node parent, const char* name, std::string_view text) {
  auto e = parent.append_child(name);
  append_text(e, text);
  return e;
}

void append_text(pugi::xml_node parent, std::string_view text) {
  if (text.empty()) return;
  // Merge with a preceding text node so passes see whole runs of text.
  auto last = parent.last_child();
  if (last && last.type() == pugi::node_pcdata) {
    std::string merged = last.value();
    merged.append(text);
    last.set_value(merged.data(), merged.size());
    return;
  }
  // with its size: no copy to terminate it, no strlen
  parent.append_child(pugi::node_pcdata).set_value(text.data(), text.size());
}

namespace {
void collect_text(pugi::xml_node n, std::string& out) {
  for (auto c : n.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    else if (c.type() == pugi::node_element) {
      std::string_view name = c.name();
      if (name != "rt" && name != "rp") collect_text(c, out);
    }
  }
}

}  // namespace

std::string text_content(pugi::xml_node node) {
  std::string out;
  collect_text(node, out);
  return out;
}

namespace {
void text_with_breaks(pugi::xml_node n, std::string& out) {
  for (auto c : n.children()) {
    if (c.type() == pugi::node_pcdata) out += c.value();
    else if (c.type() == pugi::node_element) {
      std::string_view name = c.name();
      if (name == "br") out += '\n';
      else if (name != "rt" && name != "rp") text_with_breaks(c, out);
    }
  }
}
}  // namespace

std::vector<std::string> lines_of(pugi::xml_node node) {
  std::string all;
  text_with_breaks(node, all);
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= all.size()) {
    auto end = all.find('\n', start);
    std::string line = all.substr(start, end == std::string::npos ? std::string::npos : end - start);
    auto b = line.find_first_not_of(" \t");
    if (b != std::string::npos) out.push_back(line.substr(b, line.find_last_not_of(" \t") - b + 1));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<pugi::xml_node> elements(pugi::xml_node parent) {
  std::vector<pugi::xml_node> out;
  for (auto c : parent.children())
    if (c.type() == pugi::node_element) out.push_back(c);
  return out;
}

namespace {
void collect_named(pugi::xml_node n, std::string_view name, std::vector<pugi::xml_node>& out) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (name == c.name()) out.push_back(c);
    collect_named(c, name, out);
  }
}
}  // namespace

std::vector<pugi::xml_node> descendants(pugi::xml_node root, std::string_view name) {
  std::vector<pugi::xml_node> out;
  collect_named(root, name, out);
  return out;
}

void add_class(pugi::xml_node element, std::string_view cls) {
  auto attr = element.attribute("class");
  if (!attr) {
    element.append_attribute("class").set_value(std::string(cls).c_str());
    return;
  }
  std::string v = attr.value();
  v += ' ';
  v += cls;
  attr.set_value(v.c_str());
}

namespace {
bool named(pugi::xml_node n, std::string_view name) { return n.type() == pugi::node_element && name == n.name(); }
bool is_rp(pugi::xml_node n) { return named(n, "rp"); }

// Writes the tree as pugixml's print does with format_raw | format_no_declaration (the
// same escapes: text escapes & < > and control characters; attribute values & < " and
// every control character), except that an empty element that is not void gets an end
// tag, and each <rt> of a <ruby> gets its <rp> parentheses and aria-hidden. Writing it
// here, into one string, is what pugixml's print plus a walk that added empty text nodes
// did, at a third of the cost, and without changing the tree.
class Writer {
public:
  // Where the writing goes in out: after what it holds (End: out is the text, trimmed to
  // it when the writer goes), or over it from its start (Start: out is room, and what was
  // written is its first size() bytes; out keeps its size and room).
  enum class From { End, Start };
  explicit Writer(std::string& out, const LinkMap* links = nullptr, From from = From::End)
      : m_out(out), m_links(links), m_size(from == From::End ? out.size() : 0), m_trim(from == From::End) {}
  ~Writer() {  // the room grown ahead given back; a short text (a heading kept for the
               // EPUB's navigation) does not keep a kilobyte it never used
    if (!m_trim) return;
    m_out.resize(m_size);
    if (m_out.capacity() > 2 * m_size + 64) m_out.shrink_to_fit();
  }
  [[nodiscard]] std::size_t size() const { return m_size; }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void node(pugi::xml_node n) {
    switch (n.type()) {
      case pugi::node_pcdata: escaped(n.value(), false); break;
      case pugi::node_element: element(n); break;
      default: {  // comments, CDATA, doctype, …: none in a page body; pugixml writes them
        std::ostringstream s;
        n.print(s, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
        put(std::move(s).str());
      }
    }
  }

  void element(pugi::xml_node e) {
    const std::string_view name = e.name();  // measured once: written twice, compared below
    // an <rt> in a <ruby>: written with its <rp> parentheses, hidden from assistive technology
    const bool ruby_text = name == "rt" && named(e.parent(), "ruby");
    if (ruby_text && !is_rp(e.previous_sibling())) put("<rp>（</rp>");
    put('<', name);
    const bool link = m_links && name == "a";
    for (auto a = e.first_attribute(); a; a = a.next_attribute()) {
      put(' ', a.name());
      put("=\"");
      std::optional<std::string> mapped;
      if (link && std::strcmp(a.name(), "href") == 0) mapped = (*m_links)(a.value());
      escaped(mapped ? mapped->c_str() : a.value(), true);
      put("\"");
    }
    if (ruby_text && !e.attribute("aria-hidden")) put(" aria-hidden=\"true\"");
    auto child = e.first_child();
    if (!child && is_void(name)) {
      put("/>");
      return;
    }
    put(">");
    if (name == "ruby") ruby_children(child);
    else
      for (; child; child = child.next_sibling()) node(child);
    put("</");
    put(name, '>');
    if (ruby_text && !is_rp(e.next_sibling())) put("<rp>）</rp>");
  }

  // A <ruby>'s children from the first, written as node() writes them. Most of a page's
  // elements are a ruby's <rt>s, and most of those have no attributes and one text, with no
  // <rp> beside them (the writer adds the <rp>s): such an <rt> is written here in one go,
  // with its siblings looked at once, not through element() (a fifth of its calls to the
  // tree went to the checks that cannot fail there).
  void ruby_children(pugi::xml_node c) {
    bool after_rp = false;  // whether the child before c is an <rp>
    while (c) {
      const auto next = c.next_sibling();
      const auto type = c.type();
      bool rp = false;
      if (type == pugi::node_pcdata) {
        escaped(c.value(), false);
      } else if (type == pugi::node_element && plain_rt(c, after_rp, next)) {
        put("<rp>（</rp><rt aria-hidden=\"true\">");
        if (auto text = c.first_child()) escaped(text.value(), false);
        put("</rt><rp>）</rp>");
      } else {
        rp = is_rp(c);
        node(c);
      }
      after_rp = rp;
      c = next;
    }
  }
  // An <rt> without attributes, with one text or none, and no <rp> before or after it.
  static bool plain_rt(pugi::xml_node e, bool after_rp, pugi::xml_node next) {
    const char* name = e.name();
    if (name[0] != 'r' || name[1] != 't' || name[2] != '\0' || after_rp || e.first_attribute()) return false;
    const auto text = e.first_child();
    return (!text || (text.type() == pugi::node_pcdata && !text.next_sibling())) && !is_rp(next);
  }

  // Appends s escaped as the writer escapes text (attribute: false) or an attribute value.
  void escaped(const char* s, bool attribute) {
    const unsigned char stop = attribute ? 2 : 1;
    for (;;) {
      const char* run = s;
      while (!(special[static_cast<unsigned char>(*s)] & stop)) ++s;
      put(std::string_view(run, static_cast<std::size_t>(s - run)));
      auto c = static_cast<unsigned char>(*s++);
      switch (c) {
        case 0: return;
        case '&': put("&amp;"); break;
        case '<': put("&lt;"); break;
        case '>': put("&gt;"); break;
        case '"': put("&quot;"); break;
        default: {  // pugixml writes a control character as two decimal digits: &#09;
          const char code[] = {'&', '#', static_cast<char>('0' + c / 10), static_cast<char>('0' + c % 10), ';'};
          put(std::string_view(code, sizeof code));
        }
      }
    }
  }

private:
  // Which bytes stop the copying: bit 1 in text, bit 2 in an attribute value; NUL ends both.
  static constexpr std::array<unsigned char, 256> special = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 32; ++c) t[static_cast<std::size_t>(c)] = c == '\t' || c == '\n' || c == '\r' ? 2 : 3;
    t['&'] = t['<'] = 3;
    t['>'] = 1;
    t['"'] = 2;
    return t;
  }();

  // The output is written into room grown ahead (the string's size, filled up to m_size),
  // a tag's pieces after one look at the room: std::string's append checked the room and
  // called memcpy for every piece, two bytes at a time for most of a page's ruby.
  char* room(std::size_t n) {
    if (m_out.size() - m_size < n) [[unlikely]]
      grow(n);
    return m_out.data() + m_size;
  }
  // A kilobyte more than asked at a time: resize() fills what it adds, so a writer that
  // appends a few bytes to a long string (append_escaped) must not add much.
  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t want = m_size + n + 1024;
    if (want > m_out.capacity()) m_out.reserve(std::max(m_out.capacity() * 2, want));
    m_out.resize(want);
  }
  void put(std::string_view s) {
    if (s.empty()) return;  // no memcpy from the null pointer an empty view may hold
    std::memcpy(room(s.size()), s.data(), s.size());
    m_size += s.size();
  }
  template <std::size_t N>
  void put(const char (&s)[N]) {  // a literal: its size known, its copy inlined
    std::memcpy(room(N - 1), s, N - 1);
    m_size += N - 1;
  }
  void put(char c, std::string_view s) {
    char* p = room(s.size() + 1);
    *p = c;
    std::memcpy(p + 1, s.data(), s.size());
    m_size += s.size() + 1;
  }
  void put(std::string_view s, char c) {
    char* p = room(s.size() + 1);
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = c;
    m_size += s.size() + 1;
  }

  std::string& m_out;
  const LinkMap* m_links;
  std::size_t m_size;  // bytes of m_out written
  bool m_trim;         // m_out cut to m_size at the end
};
}  // namespace

namespace {
// A node, or its children, written into this thread's scratch string, which keeps its
// room from one call to the next, and copied out at its size. Written straight into a
// new string, each page's grew a kilobyte at a time: every byte filled with zeros before
// it was written and copied at each doubling, into memory the kernel had to give anew
// (3% of a build at N = 10,000). A call made while the scratch is in use (a link map
// that serialises, say) writes into a string of its own.
std::string serialized(pugi::xml_node node, bool children, const LinkMap* links) {
  auto write = [&](Writer& w) {
    if (children)
      for (auto c : node.children()) w.node(c);
    else
      w.node(node);
  };
  thread_local std::string scratch;
  thread_local bool busy = false;
  if (busy) {
    std::string own;
    {
      Writer w(own, links);  // trims own to what it wrote when it goes, before the return
      write(w);
    }
    return own;
  }
  struct InUse {  // until the text is copied out, an exception included
    InUse() { busy = true; }
    ~InUse() { busy = false; }
  } in_use;
  Writer w(scratch, links, Writer::From::Start);
  write(w);
  return std::string(scratch.data(), w.size());
}
}  // namespace

std::string serialize_children(pugi::xml_node node) { return serialized(node, true, nullptr); }

std::string serialize_children(pugi::xml_node node, const LinkMap& links) { return serialized(node, true, &links); }

namespace {
// An attribute value as the writer escaped it, read back: &amp; &lt; &gt; &quot; and
// &#NN; (the only references it writes).
std::string unescaped(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '&') {
      out += v[i];
      continue;
    }
    auto semi = v.find(';', i);
    if (semi == std::string_view::npos) {
      out += v.substr(i);
      break;
    }
    auto ref = v.substr(i + 1, semi - i - 1);
    if (ref == "amp") out += '&';
    else if (ref == "lt") out += '<';
    else if (ref == "gt") out += '>';
    else if (ref == "quot") out += '"';
    else if (ref.size() > 1 && ref[0] == '#' && ref.find_first_not_of("0123456789", 1) == std::string_view::npos)
      out += static_cast<char>(std::stoi(std::string(ref.substr(1))));
    else out += v.substr(i, semi - i + 1);
    i = semi;
  }
  return out;
}
}  // namespace

void append_escaped(std::string& out, const char* text, bool attribute) { Writer(out).escaped(text, attribute); }

namespace {
// The first i >= from at which s has "<a" or "<!" (npos: none). The writer's output has a
// tag every few bytes (ruby), and a search for each '<' stopped at all of them; this looks
// at 16 bytes a step (GCC's vector extensions: SSE2 here, the same code elsewhere).
std::size_t link_or_comment(std::string_view s, std::size_t from) {
  using Bytes = unsigned char __attribute__((vector_size(16)));
  const char* p = s.data();
  std::size_t i = from;
  for (; i + 17 <= s.size(); i += 16) {
    Bytes here, next;
    std::memcpy(&here, p + i, 16);
    std::memcpy(&next, p + i + 1, 16);
    const auto hit = (here == '<') & ((next == 'a') | (next == '!'));
    std::uint64_t half[2];
    std::memcpy(half, &hit, 16);
    if (half[0] != 0) return i + static_cast<std::size_t>(__builtin_ctzll(half[0])) / 8;
    if (half[1] != 0) return i + 8 + static_cast<std::size_t>(__builtin_ctzll(half[1])) / 8;
  }
  for (; i + 1 < s.size(); ++i)
    if (p[i] == '<' && (p[i + 1] == 'a' || p[i + 1] == '!')) return i;
  return std::string_view::npos;
}
}  // namespace

void append_mapped(std::string& out, std::string_view written, const LinkMap& links) {
  out.reserve(out.size() + written.size() + written.size() / 16);
  constexpr auto npos = std::string_view::npos;
  std::size_t copied = 0;  // written[0, copied) is in out
  // Every < of the writer's output starts a tag, a comment or CDATA: text and attribute
  // values have theirs escaped. Only <a …> and <!… matter here.
  for (std::size_t i = link_or_comment(written, 0); i != npos; i = link_or_comment(written, i)) {
    if (written[i + 1] == '!') {
      auto rest = written.substr(i);
      if (rest.starts_with("<!--") || rest.starts_with("<![CDATA[")) {
        auto end = written.find(rest[2] == '-' ? "-->" : "]]>", i + 4);
        if (end == npos) break;
        i = end + 3;
        continue;
      }
    }
    if (written[i + 1] != 'a' || i + 2 >= written.size() || written[i + 2] != ' ') {
      ++i;
      continue;
    }
    // the attributes, each ` name="value"` (a value has its " escaped), up to > or />
    std::size_t at = i + 2;
    bool cut = false;  // a tag cut short: the rest is copied as it is
    while (at < written.size() && written[at] == ' ') {
      const auto eq = written.find("=\"", at);
      const auto end = eq == npos ? npos : written.find('"', eq + 2);
      if (end == npos) {
        cut = true;
        break;
      }
      if (written.substr(at + 1, eq - at - 1) == "href")
        if (auto to = links(unescaped(written.substr(eq + 2, end - eq - 2)))) {
          out.append(written.substr(copied, eq + 2 - copied));
          append_escaped(out, to->c_str(), true);
          copied = end;
        }
      at = end + 1;
    }
    if (cut) break;
    i = at;
  }
  out.append(written.substr(copied));
}

std::string map_links(std::string_view written, const LinkMap& links) {
  std::string out;
  append_mapped(out, written, links);
  return out;
}

std::string serialize(pugi::xml_node node) { return serialized(node, false, nullptr); }

}  // namespace tsu::dom
