#include <dom/html.hpp>
#include <passes/passes.hpp>

#include <vector>

namespace tsu::passes {

namespace {

constexpr std::string_view caption_prefix = "Table:";

bool is_caption_paragraph(pugi::xml_node p) {
  if (std::string_view(p.name()) != "p") return false;
  auto first = p.first_child();
  return first.type() == pugi::node_pcdata &&
         std::string_view(first.value()).substr(0, caption_prefix.size()) == caption_prefix;
}

pugi::xml_node next_element(pugi::xml_node n) {
  for (auto s = n.next_sibling(); s; s = s.next_sibling())
    if (s.type() == pugi::node_element) return s;
  return {};
}

constexpr std::string_view no_row_headers = "{.no-row-headers}";

// Strips a trailing `{.no-row-headers}` (pandoc attribute syntax) off the caption; true
// when it was there.
bool take_opt_out(pugi::xml_node caption) {
  auto last = caption.last_child();
  if (last.type() != pugi::node_pcdata) return false;
  std::string text = last.value();
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.size() < no_row_headers.size() ||
      text.compare(text.size() - no_row_headers.size(), no_row_headers.size(), no_row_headers) != 0)
    return false;
  text.resize(text.size() - no_row_headers.size());
  while (!text.empty() && text.back() == ' ') text.pop_back();
  last.set_value(text.c_str());
  return true;
}

bool is_empty_cell(pugi::xml_node cell) {
  for (auto c : cell.children())
    if (c.type() == pugi::node_element) return false;
  return dom::text_content(cell).find_first_not_of(" \t\n") == std::string::npos;
}

// A number as tables print them: digits (ASCII or full-width) with , . and an optional
// sign, percent or counter (1,234 / 45.6% / 約3割 / 12件).
bool is_number(std::string text) {
  static const std::vector<std::string> affixes = {"約", "%", "％", "割", "件", "人", "円", "歳", "か所", "箇所", "回", "世帯", "+", "-", "−", "△"};
  auto trim = [](std::string& t) {
    t.erase(0, t.find_first_not_of(" \n"));
    t.erase(t.find_last_not_of(" \n") + 1);
  };
  trim(text);
  bool changed = true;
  while (changed && !text.empty()) {
    changed = false;
    for (const auto& a : affixes) {
      if (text.size() > a.size() && text.compare(0, a.size(), a) == 0) { text.erase(0, a.size()); changed = true; }
      if (text.size() > a.size() && text.compare(text.size() - a.size(), a.size(), a) == 0) { text.resize(text.size() - a.size()); changed = true; }
    }
  }
  bool digit = false;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= '0' && c <= '9') { digit = true; ++i; }
    else if (c == ',' || c == '.') ++i;
    else if (text.compare(i, 2, "\xEF\xBC") == 0 && i + 2 < text.size() &&
             static_cast<unsigned char>(text[i + 2]) >= 0x90 && static_cast<unsigned char>(text[i + 2]) <= 0x99) {
      digit = true;  // full-width ０–９ (U+FF10–FF19)
      i += 3;
    } else return false;
  }
  return digit;
}

// Right-aligns a column whose every body cell is a number (デジタル庁デザインシステム:
// numbers align right so digits line up), unless the author aligned it with colons.
void align_numbers(pugi::xml_node table, const std::vector<pugi::xml_node>& rows) {
  auto head = dom::elements(table.child("thead").child("tr"));
  for (std::size_t col = 0; col < head.size(); ++col) {
    if (head[col].attribute("class")) continue;
    bool numeric = !rows.empty();
    for (auto tr : rows) {
      auto cells = dom::elements(tr);
      numeric = numeric && col < cells.size() && is_number(dom::text_content(cells[col]));
    }
    if (!numeric) continue;
    dom::add_class(head[col], "align-right");
    for (auto tr : rows) dom::add_class(dom::elements(tr)[col], "align-right");
  }
}

void make_row_header(pugi::xml_node cell, const char* scope) {
  cell.set_name("th");
  cell.append_attribute("scope").set_value(scope);
}

// Row groups: a row whose first cell is empty continues the row header above. Each group
// becomes a <tbody> whose first row carries <th scope="rowgroup" rowspan="n">, and the
// second column becomes each row's header (H63; WAI tables tutorial, "multi-level headers").
void group_rows(Context& ctx, pugi::xml_node table, const std::vector<pugi::xml_node>& rows) {
  std::vector<std::vector<pugi::xml_node>> groups;
  for (auto tr : rows) {
    auto cells = dom::elements(tr);
    if (!cells.empty() && is_empty_cell(cells[0]) && !groups.empty()) groups.back().push_back(tr);
    else {
      if (!cells.empty() && is_empty_cell(cells[0]))
        ctx.diags.error("table-group-start", {ctx.page.display, tr.attribute("data-line").as_int(), 1},
                        "the first row of a table has an empty first cell, so it continues no "
                        "row header",
                        "write the row header in the first cell of this row");
      groups.push_back({tr});
    }
  }
  auto old_body = table.child("tbody");
  for (const auto& g : groups) {
    auto tbody = table.append_child("tbody");
    for (std::size_t i = 0; i < g.size(); ++i) {
      auto tr = tbody.append_move(g[i]);
      auto cells = dom::elements(tr);
      if (i == 0) {
        make_row_header(cells[0], "rowgroup");
        if (g.size() > 1) cells[0].append_attribute("rowspan").set_value(static_cast<unsigned>(g.size()));
      } else {
        tr.remove_child(cells[0]);
      }
      if (cells.size() > 1) make_row_header(cells[1], "row");
    }
  }
  table.remove_child(old_body);
}

// Moves the caption paragraph's content into <caption>, without the "Table:" prefix
// (pandoc's table-caption syntax).
void make_caption(pugi::xml_node table, pugi::xml_node p, const std::string& id) {
  auto caption = table.prepend_child("caption");
  caption.append_attribute("id").set_value(id.c_str());
  std::string first = p.first_child().value();
  first = first.substr(caption_prefix.size());
  std::size_t start = first.find_first_not_of(" \t");
  p.first_child().set_value(start == std::string::npos ? "" : first.substr(start).c_str());
  while (auto c = p.first_child()) caption.append_move(c);
  p.parent().remove_child(p);
}

}  // namespace

// Tables a screen reader can walk (WCAG 1.3.1; techniques H39 caption, H63 scope):
// the header row's cells are column headers, each body row's first cell its row header
// (or, with row groups, the group's first cell and each row's second cell).
// The table sits in a focusable, labelled scroll region so that at 320 CSS px the page
// itself never scrolls sideways (WCAG 1.4.10).
void tables(Context& ctx) {
  auto ps = dom::descendants(ctx.doc.body(), "p");
  auto tables = dom::descendants(ctx.doc.body(), "table");

  std::vector<pugi::xml_node> captions_used;
  int n = 0;
  int measures = 0;  // page-wide: row ids must be unique on the page
  for (auto t : tables) {
    ++n;
    std::string cap_id = "table-" + std::to_string(n);
    auto next = next_element(t);
    if (next && is_caption_paragraph(next)) {
      captions_used.push_back(next);
      make_caption(t, next, cap_id);
    } else {
      ctx.diags.warning("table-no-caption", {ctx.page.display, t.attribute("data-line").as_int(), 1},
                        "this table has no caption",
                        "add a paragraph 'Table: …' right after the table");
    }

    bool row_headers = !(t.child("caption") && take_opt_out(t.child("caption")));
    // Rows of a table with a department column get ids, so the department index can link
    // to each measure (issue 11).
    bool departments = false;
    for (auto th : t.child("thead").child("tr").children("th"))
      departments = departments || dom::text_content(th) == ctx.site.config.easy.department_column;
    if (departments)
      for (auto tr : t.child("tbody").children("tr"))
        tr.append_attribute("id").set_value(("measure-" + std::to_string(++measures)).c_str());
    for (auto th : t.child("thead").child("tr").children("th"))
      th.append_attribute("scope").set_value("col");
    std::vector<pugi::xml_node> rows;
    for (auto tr : t.child("tbody").children("tr")) rows.push_back(tr);
    align_numbers(t, rows);
    bool grouped = false;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      auto cells = dom::elements(rows[i]);
      grouped = grouped || (cells.size() > 1 && is_empty_cell(cells[0]));
    }
    if (row_headers && grouped) group_rows(ctx, t, rows);
    else if (row_headers)
      for (auto tr : rows)
        if (auto first = tr.child("td")) make_row_header(first, "row");

    // <div class="table-scroll" role="region" tabindex="0" aria-labelledby="table-n">
    auto wrap = t.parent().insert_child_before("div", t);
    wrap.append_attribute("class").set_value("table-scroll");
    wrap.append_attribute("role").set_value("region");
    wrap.append_attribute("tabindex").set_value("0");
    if (t.child("caption")) wrap.append_attribute("aria-labelledby").set_value(cap_id.c_str());
    else wrap.append_attribute("aria-label").set_value(("表" + std::to_string(n)).c_str());
    wrap.append_move(t);
  }

  for (auto p : ps) {
    if (!p.parent()) continue;  // moved into a caption already
    bool used = false;
    for (auto c : captions_used) used = used || c == p;
    if (!used && is_caption_paragraph(p))
      ctx.diags.error("caption-without-table", {ctx.page.display, p.attribute("data-line").as_int(), 1},
                      "'Table:' caption with no table right before it",
                      "put the caption directly after its table, separated by one blank line");
  }
}

}  // namespace tsu::passes
