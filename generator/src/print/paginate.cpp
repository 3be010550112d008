#include <dom/html.hpp>
#include <print/lines.hpp>
#include <print/paginate.hpp>
#include <text/unicode.hpp>

#include <algorithm>
#include <cmath>

namespace tsu::print {

namespace {

bool is_heading(std::string_view n) { return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6'; }

// A piece of a page that goes on one sheet whole.
struct Unit {
  enum class Kind { Block, Item, Row, Box };
  Kind kind = Kind::Block;
  pugi::xml_node node;       ///< the element (Row: a tr, or a tbody whose rows span)
  pugi::xml_node container;  ///< Item: its list; Row: its table
  double height = 0;         ///< px, margin included
  double open_first = 0;     ///< Row: caption + header row + table rules, on the table's first sheet
  double open_again = 0;     ///< Row: the same on a later sheet (caption marked 続き)
  std::string voice;         ///< listening text of the unit
  std::string open_voice;    ///< Row: the caption's listening text (first sheet only)
  bool keep_with_next = false;
  std::string first_text, last_text;  ///< base text to find on the printed page
};

// Adds class "r" to every element set with a visible ruby, so the stylesheet gives it the
// taller line pitch the model counted.
void mark_ruby(pugi::xml_node e, bool ruby) {
  if (ruby) dom::add_class(e, "r");
}

class Paginator {
public:
  Paginator(const Geometry& g, const speech::Voice& voice) : m_g(g), m_voice(voice) {}

  std::string speak(pugi::xml_node n) const { return m_voice.speak(n); }

  // Height of a line-setting element at a width (px), and marks it for ruby.
  double measure_text(pugi::xml_node e, const BlockStyle& s, double width, int* lines_out = nullptr) {
    auto t = inline_text(e);
    double inner = width - s.inset_left - s.inset_right;
    auto lines = set_lines(t, inner / s.font, s.indent_first);
    int n = std::max<int>(1, static_cast<int>(lines.size()));
    mark_ruby(e, t.visible_ruby);
    if (lines_out) *lines_out = n;
    return s.height(n, t.visible_ruby);
  }

  // Height of a flow of blocks inside a box (the workbook's paragraphs and lists).
  double measure_flow(pugi::xml_node parent, double width) {
    double h = 0;
    for (auto e : dom::elements(parent)) {
      std::string_view n = e.name();
      if (n == "ul" || n == "ol") {
        for (auto li : dom::elements(e)) h += measure_text(li, m_g.li, width - m_g.list_indent);
      } else if (n == "div") {
        h += measure_flow(e, width);
      } else {
        h += measure_text(e, m_g.style_of(n), width);
      }
    }
    return h;
  }

  std::string text_of(pugi::xml_node e) { return dom::text_content(e); }

  void add_block(pugi::xml_node e) {
    std::string_view n = e.name();
    if (n == "ul" || n == "ol") {
      for (auto li : dom::elements(e)) {
        Unit u;
        u.kind = Unit::Kind::Item;
        u.node = li;
        u.container = e;
        u.height = measure_text(li, m_g.li, m_g.content_w - m_g.list_indent);
        u.voice = speak(li);
        u.first_text = u.last_text = text_of(li);
        m_units.push_back(std::move(u));
      }
      return;
    }
    if (n == "div" && has_class(e, "table-scroll")) {
      if (auto t = e.child("table")) add_table(t);
      return;
    }
    if (n == "table") {
      add_table(e);
      return;
    }
    if (n == "div" && has_class(e, "workbook")) {
      Unit u;
      u.kind = Unit::Kind::Box;
      u.node = e;
      double inner = m_g.content_w - m_g.box.inset_left - m_g.box.inset_right;
      u.height = m_g.box.above + measure_flow(e, inner) + m_g.write_line.line * m_g.write_in_lines + m_g.box.below +
                 m_g.box_margin;
      u.voice = speak(e);
      auto blocks = texts_in(e);
      if (!blocks.empty()) {
        u.first_text = blocks.front();
        u.last_text = blocks.back();
      }
      m_units.push_back(std::move(u));
      return;
    }
    if (n == "div" || n == "section" || n == "blockquote") {  // コラム, footnotes: their blocks in turn
      for (auto c : dom::elements(e)) add_block(c);
      return;
    }
    if (n == "hr") return;
    Unit u;
    u.node = e;
    u.height = measure_text(e, m_g.style_of(n), m_g.content_w);
    u.voice = speak(e);
    u.keep_with_next = is_heading(n);
    u.first_text = u.last_text = text_of(e);
    m_units.push_back(std::move(u));
  }

  // The line-setting elements' texts inside e, in order.
  std::vector<std::string> texts_in(pugi::xml_node e) {
    std::vector<std::string> out;
    for (auto c : dom::elements(e)) {
      std::string_view n = c.name();
      if (n == "ul" || n == "ol" || n == "div") {
        for (auto& s : texts_in(c)) out.push_back(s);
      } else {
        out.push_back(text_of(c));
      }
    }
    return out;
  }

  // Column widths for a table in the content box (fixed layout): short columns (names,
  // numbers) get their widest line, the rest share what is left by their length.
  std::vector<double> column_widths(pugi::xml_node table, double width) {
    std::vector<double> natural;
    for (auto tr : dom::descendants(table, "tr")) {
      std::size_t col = 0;
      for (auto cell : dom::elements(tr)) {
        const auto& s = m_g.style_of(cell.name());
        // its widest line between <br>s
        double widest = 0;
        auto t = inline_text(cell);
        double w = 0;
        for (const auto& a : t.atoms) {
          if (a.forced_break) {
            widest = std::max(widest, w);
            w = 0;
          } else {
            w += a.em;
          }
        }
        widest = std::max(widest, w);
        double px = widest * s.font + s.inset_left + s.inset_right + 1;
        int span = std::max(1, cell.attribute("colspan").as_int(1));
        if (col >= natural.size()) natural.resize(col + 1, 0);
        if (span == 1) natural[col] = std::max(natural[col], px);
        col += static_cast<std::size_t>(span);
      }
    }
    std::vector<double> w(natural.size(), 0);
    if (natural.empty()) return w;
    double avail = width - 1;  // the table's 1 px left rule
    double fixed = 0, share = 0;
    for (double n : natural) {
      if (n <= avail * 0.3) fixed += n;
      else share += n;
    }
    double left = avail - fixed;
    for (std::size_t i = 0; i < natural.size(); ++i) {
      if (share == 0) w[i] = natural[i] * avail / fixed;
      else if (natural[i] <= avail * 0.3) w[i] = natural[i];
      else w[i] = left * natural[i] / share;
      w[i] = std::floor(w[i] * 64) / 64;
    }
    double sum = 0;
    for (std::size_t i = 0; i + 1 < w.size(); ++i) sum += w[i];
    w.back() = avail - sum;  // exact total
    return w;
  }

  double row_height(pugi::xml_node tr, const std::vector<double>& widths) {
    double h = 0;
    std::size_t col = 0;
    for (auto cell : dom::elements(tr)) {
      int span = std::max(1, cell.attribute("colspan").as_int(1));
      double w = 0;
      for (int k = 0; k < span && col < widths.size(); ++k) w += widths[col++];
      h = std::max(h, measure_text(cell, m_g.style_of(cell.name()), w + 1));  // +1: the rule counted in insets
    }
    return h;
  }

  void add_table(pugi::xml_node table) {
    auto widths = column_widths(table, m_g.content_w);
    m_widths.push_back({table, widths});
    double head = 1;  // the table's top rule
    if (auto thead = table.child("thead"))
      for (auto tr : dom::elements(thead)) head += row_height(tr, widths);
    double cap_first = 0, cap_again = 0;
    std::string cap_voice;
    if (auto cap = table.child("caption")) {
      cap_first = measure_text(cap, m_g.caption, m_g.content_w);
      pugi::xml_document tmp;
      auto again = tmp.append_copy(cap);
      dom::append_text(again, continued);
      cap_again = measure_text(again, m_g.caption, m_g.content_w);
      cap_voice = speak(cap);
    }
    bool first = true;
    for (auto body : dom::elements(table)) {
      if (std::string_view(body.name()) != "tbody") continue;
      // Rows joined by a row-group header that spans them go together.
      bool spans = false;
      for (auto c : dom::descendants(body, "th"))
        if (c.attribute("rowspan").as_int(1) > 1) spans = true;
      std::vector<pugi::xml_node> pieces;
      if (spans) pieces.push_back(body);
      else
        for (auto tr : dom::elements(body)) pieces.push_back(tr);
      for (auto piece : pieces) {
        Unit u;
        u.kind = Unit::Kind::Row;
        u.node = piece;
        u.container = table;
        if (std::string_view(piece.name()) == "tbody") {
          for (auto tr : dom::elements(piece)) u.height += row_height(tr, widths);
        } else {
          u.height = row_height(piece, widths);
        }
        u.open_first = cap_first + head + m_g.table_margin;
        u.open_again = cap_again + head + m_g.table_margin;
        u.voice = speak(piece);
        if (first) u.open_voice = cap_voice;
        first = false;
        if (piece == pieces.back() && body == table.last_child()) u.voice += m_voice.phrases().table_end;
        // The text to find on the page: the row's first cell up to its first line break
        // (cells sit side by side, so only a cell's first line reads whole in the PDF).
        pugi::xml_node row = std::string_view(piece.name()) == "tr" ? piece : piece.first_child();
        std::string longest;
        if (auto cell = dom::elements(row).empty() ? pugi::xml_node{} : dom::elements(row).front())
          for (auto c : cell.children()) {
            if (std::string_view(c.name()) == "br") break;
            longest += c.type() == pugi::node_pcdata ? std::string(c.value()) : dom::text_content(c);
          }
        u.first_text = u.last_text = longest;
        m_units.push_back(std::move(u));
      }
    }
  }

  static constexpr const char* continued = "（続き）";

  std::vector<Unit>& units() { return m_units; }
  const std::vector<double>* widths_of(pugi::xml_node table) const {
    for (const auto& [t, w] : m_widths)
      if (t == table) return &w;
    return nullptr;
  }

private:
  const Geometry& m_g;
  const speech::Voice& m_voice;
  std::vector<Unit> m_units;
  std::vector<std::pair<pugi::xml_node, std::vector<double>>> m_widths;
};

// Readies a copy of the page for paper: ids go (the same heading or row is printed in a
// goal's pages and in the whole plan's, and a repeated table header must not repeat
// them), links become their text (nothing to follow on paper, and a relative link would
// point elsewhere from the print folder), footnotes' links back to the text go, and a
// paragraph inside a list item (a loose list, a footnote) is set as the item's own text.
void prepare(pugi::xml_node n) {
  n.remove_attribute("id");
  for (auto c : dom::elements(n)) {
    if (std::string_view(c.name()) == "a" && std::string_view(c.attribute("role").value()) == "doc-backlink") {
      n.remove_child(c);
      continue;
    }
    prepare(c);
    if (std::string_view(c.name()) == "a" ||
        (std::string_view(n.name()) == "li" && std::string_view(c.name()) == "p")) {
      for (auto k = c.first_child(); k; k = c.first_child()) n.insert_move_before(k, c);
      n.remove_child(c);
    }
  }
}

// A sheet being filled.
struct Building {
  pugi::xml_document doc;
  pugi::xml_node body;
  double used = 0;
  std::string voice;
  std::size_t chars = 0;
  pugi::xml_node open_container;  ///< source list/table the last unit went into
  pugi::xml_node open_target;     ///< where its next item goes on this sheet
  pugi::xml_node row_body;        ///< the tbody rows go into on this sheet
  std::string first_text, last_text;
  std::vector<std::pair<std::size_t, std::string>> start;  ///< path to the first unit (Sheet::start)
  bool empty() const { return !body.first_child(); }
};

}  // namespace

std::pair<std::string, std::string> first_last_sentence(std::string_view text) {
  std::string clean;
  for (char32_t c : text::to_utf32(text))
    if (c != U' ' && c != U'\n' && c != U'\t' && c != U'\u3000') text::append_utf8(clean, c);
  std::vector<std::string> sentences;
  std::string cur;
  for (char32_t c : text::to_utf32(clean)) {
    text::append_utf8(cur, c);
    if (c == U'。' || c == U'！' || c == U'？') {
      sentences.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) sentences.push_back(cur);
  if (sentences.empty()) return {"", ""};
  return {sentences.front(), sentences.back()};
}

Paged paginate(const Source& src, const Geometry& g, int first_number, const speech::Voice& voice,
               diag::Diagnostics& diags) {
  // Work on a copy: the passes' document is the web page's too.
  pugi::xml_document work;
  auto root = work.append_child("body");
  auto h1 = root.append_child("h1");
  {
    pugi::xml_document frag;
    std::string wrapped = "<x>" + src.title_html + "</x>";
    if (frag.load_buffer(wrapped.data(), wrapped.size(), pugi::parse_default | pugi::parse_ws_pcdata))
      for (auto c : frag.child("x").children()) h1.append_copy(c);
  }
  for (auto c : src.body.children()) root.append_copy(c);
  prepare(root);

  Paginator pg(g, voice);
  for (auto e : dom::elements(root)) pg.add_block(e);
  auto& units = pg.units();

  Paged out;
  auto start = [&](Building& b, int number) {
    b.doc.reset();
    b.body = b.doc.append_child("div");
    b.used = 0;
    b.voice = std::to_string(number) + "ページ。";
    b.chars = text::grapheme_count(b.voice);
    b.open_container = {};
    b.open_target = {};
    b.row_body = {};
    b.first_text.clear();
    b.last_text.clear();
    b.start.clear();
  };
  int number = first_number;
  Building b;
  start(b, number);
  auto finish = [&] {
    Sheet s;
    s.number = number;
    s.body_html = dom::serialize_children(b.body);
    s.voice = b.voice;
    s.voice_chars = b.chars;
    s.first_text = b.first_text;
    s.last_text = b.last_text;
    s.height = b.used;
    s.start = b.start;
    out.sheets.push_back(std::move(s));
    ++number;
    start(b, number);
  };

  // Space and voice a unit needs on the current sheet (opening its list or table here).
  auto needs = [&](const Unit& u, const Building& on, double& h, std::size_t& chars) {
    h = u.height;
    std::string v = u.voice;
    bool continues = u.container && on.open_container == u.container;
    if (u.kind == Unit::Kind::Row && !continues) {
      h += u.open_voice.empty() ? u.open_again : u.open_first;
      v = u.open_voice + v;
    }
    chars = text::grapheme_count(v);
  };

  auto place = [&](const Unit& u) {
    double h;
    std::size_t c;
    needs(u, b, h, c);
    if (b.empty() && !out.sheets.empty()) {
      // the sheet's first block: its path from the top (prepare() unwraps only inline
      // elements and paragraphs in list items, so block paths are the page's own)
      for (auto n = u.node; n && n != root; n = n.parent()) {
        std::size_t index = 0;
        for (auto sib = n.previous_sibling(); sib; sib = sib.previous_sibling())
          if (sib.type() == pugi::node_element) ++index;
        b.start.insert(b.start.begin(), {index, n.name()});
      }
    }
    bool continues = u.container && b.open_container == u.container;
    if (u.kind == Unit::Kind::Item) {
      if (!continues) {
        auto list = b.body.append_child(u.container.name());
        for (auto a : u.container.attributes()) list.append_attribute(a.name()).set_value(a.value());
        // an ordered list continued on a later sheet keeps counting
        if (std::string_view(u.container.name()) == "ol") {
          int index = 1;
          for (auto li : dom::elements(u.container)) {
            if (li == u.node) break;
            ++index;
          }
          if (index > 1) list.append_attribute("start").set_value(index);
        }
        b.open_target = list;
      }
      b.open_target.append_copy(u.node);
    } else if (u.kind == Unit::Kind::Row) {
      if (!continues) {
        auto table = b.body.append_child("table");
        for (auto a : u.container.attributes()) table.append_attribute(a.name()).set_value(a.value());
        table.append_attribute("style").set_value(("width: " + css_px(g.content_w) + "; table-layout: fixed").c_str());
        if (auto cap = u.container.child("caption")) {
          auto copy = table.append_copy(cap);
          if (u.open_voice.empty()) dom::append_text(copy, Paginator::continued);
        }
        if (const auto* widths = pg.widths_of(u.container)) {
          auto cg = table.append_child("colgroup");
          for (double w : *widths) cg.append_child("col").append_attribute("style").set_value(("width: " + css_px(w)).c_str());
        }
        if (auto thead = u.container.child("thead")) table.append_copy(thead);
        b.open_target = table;
      }
      if (std::string_view(u.node.name()) == "tbody") {
        b.open_target.append_copy(u.node);
      } else {
        if (!b.row_body || b.row_body.parent() != b.open_target) b.row_body = b.open_target.append_child("tbody");
        b.row_body.append_copy(u.node);
      }
    } else {
      b.body.append_copy(u.node);
      if (u.kind == Unit::Kind::Box) {
        auto lines = b.body.last_child().append_child("div");
        lines.append_attribute("class").set_value("write-in");
        lines.append_attribute("aria-hidden").set_value("true");
        for (int i = 0; i < g.write_in_lines; ++i) lines.append_child("span");
      }
    }
    b.open_container = u.container;
    b.used += h;
    std::string v = u.voice;
    if (u.kind == Unit::Kind::Row && !continues) v = u.open_voice + v;
    b.voice += v;
    b.chars += c;
    if (b.first_text.empty()) b.first_text = first_last_sentence(u.first_text).first;
    auto last = first_last_sentence(u.last_text).second;
    if (!last.empty()) b.last_text = last;
  };

  // Units that must share a sheet: headings with the unit after them.
  std::size_t i = 0;
  while (i < units.size()) {
    std::size_t j = i;
    while (j + 1 < units.size() && units[j].keep_with_next) ++j;
    // A list's last item does not start a sheet alone: the item before it goes along.
    auto last_of_list = [&](std::size_t k) {
      return units[k].kind == Unit::Kind::Item && (k + 1 == units.size() || units[k + 1].container != units[k].container);
    };
    if (j + 1 < units.size() && units[j].kind == Unit::Kind::Item && units[j + 1].container == units[j].container &&
        last_of_list(j + 1))
      ++j;
    // group [i, j]: its height and voice on a sheet
    auto need = [&](const Building& on, double& total, std::size_t& chars) {
      total = 0;
      chars = 0;
      for (std::size_t k = i; k <= j; ++k) {
        double h;
        std::size_t c;
        needs(units[k], on, h, c);
        total += h;
        chars += c;
      }
    };
    auto fits = [&](const Building& on) {
      double total;
      std::size_t chars;
      need(on, total, chars);
      return on.used + total <= g.content_h && on.chars + chars <= static_cast<std::size_t>(g.capacity);
    };
    if (!fits(b) && !b.empty()) finish();
    if (!fits(b)) {  // too much even for an empty sheet: placed anyway, and reported
      double total;
      std::size_t chars;
      need(b, total, chars);
      if (b.chars + chars > static_cast<std::size_t>(g.capacity))
        diags.warning("print-voice-capacity", {src.display, 0, 0},
                      "a block's listening text (" + std::to_string(chars) + " characters) does not fit one voice code (" +
                          std::to_string(g.capacity) + ") on page " + std::to_string(number),
                      "split the paragraph, or raise [print] code_capacity");
      else
        diags.warning("print-too-tall", {src.display, 0, 0},
                      "a block is taller than a printed page (page " + std::to_string(number) + ")",
                      "split the paragraph or table");
    }
    for (std::size_t k = i; k <= j; ++k) place(units[k]);
    i = j + 1;
  }
  if (!b.empty()) finish();
  return out;
}

}  // namespace tsu::print
