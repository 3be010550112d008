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

void collect(pugi::xml_node n, const char* name, std::vector<pugi::xml_node>& out) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (std::string_view(c.name()) == name) out.push_back(c);
    collect(c, name, out);
  }
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
// the header row's cells are column headers, each body row's first cell its row header.
// The table sits in a focusable, labelled scroll region so that at 320 CSS px the page
// itself never scrolls sideways (WCAG 1.4.10).
void tables(Context& ctx) {
  std::vector<pugi::xml_node> ps;
  collect(ctx.doc.body(), "p", ps);
  std::vector<pugi::xml_node> tables;
  collect(ctx.doc.body(), "table", tables);

  std::vector<pugi::xml_node> captions_used;
  int n = 0;
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

    for (auto th : t.child("thead").child("tr").children("th"))
      th.append_attribute("scope").set_value("col");
    for (auto tbody : t.children("tbody"))
      for (auto tr : tbody.children("tr"))
        if (auto first = tr.child("td")) {
          first.set_name("th");
          first.append_attribute("scope").set_value("row");
        }

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
