#include <dom/html.hpp>
#include <generated/site_pages.hpp>

#include <map>

namespace tsu::generated {

namespace {

content::Page& new_page(SitePages& out, const std::string& url, const std::string& title, const std::string& label) {
  auto& p = out.pages.emplace_back();
  p.url_path = url;
  p.display = "(generated) " + url;
  p.rel = url;
  p.front.title = title;
  p.front.label = label;
  p.parent = 0;  // below the top page
  return p;
}

passes::PageResult& new_result(SitePages& out, const content::Page& page) {
  auto& r = out.results.emplace_back();
  r.page = &page;
  r.doc.xml->append_child("body");
  return r;
}

void paragraph(pugi::xml_node body, const std::string& text) {
  if (!text.empty()) dom::append(body, "p", text);
}

}  // namespace

namespace {
// The department column of a table: the index of its header cell, or -1.
int department_column(const content::Site& site, pugi::xml_node table) {
  int col = -1, i = 0;
  for (auto th : dom::elements(table.child("thead").child("tr"))) {
    if (dom::text_content(th) == site.config.easy.department_column) col = i;
    ++i;
  }
  return col;
}
}  // namespace

bool has_department_column(const content::Site& site, const passes::PageResult& r) {
  if (r.page->easy) return false;
  for (auto t : dom::descendants(r.doc.body(), "table"))
    if (department_column(site, t) >= 0) return true;
  return false;
}

void DepartmentList::add(const content::Site& site, const std::vector<passes::PageResult>& pages) {
  for (const auto& r : pages) {
    if (r.page->easy) continue;
    for (auto t : dom::descendants(r.doc.body(), "table")) {
      int col = department_column(site, t);
      if (col < 0) continue;
      m_column = true;
      bool grouped = t.find_node([](pugi::xml_node n) {
        return std::string_view(n.attribute("scope").value()) == "rowgroup";
      });
      std::string caption = dom::text_content(t.child("caption"));
      for (auto tbody : t.children("tbody")) {
        for (auto tr : tbody.children("tr")) {
          auto cs = dom::elements(tr);
          // A row below the first of its group has lost the group's header cell.
          bool group_start = !cs.empty() && std::string_view(cs[0].attribute("scope").value()) == "rowgroup";
          int at = col - (grouped && !group_start ? 1 : 0);
          if (at < 0 || at >= static_cast<int>(cs.size())) continue;
          auto header = tr.find_child_by_attribute("th", "scope", "row");
          std::string label = header.child("strong") ? dom::text_content(header.child("strong"))
                                                     : dom::text_content(header);
          for (const auto& name : dom::lines_of(cs[static_cast<std::size_t>(at)])) {
            if (!m_by_name.count(name)) m_order.push_back(name);
            m_by_name[name].push_back({r.page, tr.attribute("id").value(), label, caption});
          }
        }
      }
    }
  }
}

std::vector<std::pair<std::string, std::vector<Measure>>> DepartmentList::take() {
  std::vector<std::pair<std::string, std::vector<Measure>>> out;
  for (const auto& name : m_order) out.emplace_back(name, std::move(m_by_name[name]));
  m_by_name.clear();
  m_order.clear();
  return out;
}

std::vector<std::pair<std::string, std::vector<Measure>>> departments(const content::Site& site,
                                                                      const std::vector<passes::PageResult>& pages) {
  DepartmentList list;
  list.add(site, pages);
  return list.take();
}

SitePages make(const content::Site& site, const std::vector<passes::PageResult>& pages) {
  DepartmentList list;
  if (site.config.outputs.on("departments")) list.add(site, pages);
  bool column = list.column();
  return make_from(site, list.take(), column);
}

SitePages make_from(const content::Site& site, const std::vector<std::pair<std::string, std::vector<Measure>>>& list,
                    bool column) {
  SitePages out;
  if (site.config.outputs.on("departments") && column) {
    // 所管課一覧: every department, with how many rows name it. It is there when a table has
    // the department column (even with every cell empty), which a build can tell from the
    // Markdown before any page is passed, so every page's navigation can link to it.
    auto& index = new_page(out, "departments/index.html", "所管課一覧", "");
    out.links.emplace_back(index.front.title, index.url_path);
    auto& index_doc = new_result(out, index);
    auto body = index_doc.doc.body();
    if (list.empty())
      paragraph(body, "計画の表に「" + site.config.easy.department_column + "」の欄はありません。");
    else
      paragraph(body, "計画の表の「" + site.config.easy.department_column +
                          "」の欄に名前のある課と、その課が担当する取り組みの一覧です。");
    pugi::xml_node ul;
    if (!list.empty()) ul = dom::append(body, "ul");
    for (const auto& [name, measures] : list) {
      auto& dept = new_page(out, "departments/" + name + "/index.html", name, site.config.easy.department_column);
      auto li = dom::append(ul, "li");
      auto a = dom::append(li, "a", name);
      a.append_attribute("href").set_value((name + "/index.html").c_str());
      dom::append_text(li, "（" + std::to_string(measures.size()) + "件）");

      // One page per department: its rows, grouped by the page they are on.
      auto& doc = new_result(out, dept);
      auto dbody = doc.doc.body();
      paragraph(dbody, name + "が担当する取り組みです。リンクを選ぶと、計画の表のその取り組みへ移動します。");
      const content::Page* current = nullptr;
      std::string table;
      pugi::xml_node items;
      for (const auto& m : measures) {
        if (m.page != current) {
          current = m.page;
          table.clear();
          dom::append(dbody, "h2", m.page->full_title());
        }
        if (m.table != table || !items) {
          table = m.table;
          if (!table.empty()) dom::append(dbody, "h3", table);
          items = dom::append(dbody, "ul");
        }
        auto item = dom::append(items, "li");
        auto link = dom::append(item, "a", m.label);
        link.append_attribute("href").set_value(
            (passes::relative_url(dept.url_path, m.page->url_path) + "#" + m.id).c_str());
      }
    }
  }

  const auto& a = site.config.accessibility;
  if (a.present) {
    auto& page = new_page(out, "accessibility/index.html", "アクセシビリティ方針", "");
    out.links.emplace_back(page.front.title, page.url_path);
    auto& r = new_result(out, page);
    auto body = r.doc.body();
    auto section = [&](const char* heading, const std::string& text) {
      if (text.empty()) return;
      dom::append(body, "h2", heading);
      paragraph(body, text);
    };
    section("方針", a.policy);
    section("目標とする適合レベル",
            a.standard + "の適合レベル" + a.target + (a.conformance.empty() ? "" : "に" + a.conformance));
    section("対象範囲", a.scope);
    section("試験の方法", a.test_method);
    section("試験の時期", a.tested);
    section("お問い合わせ", a.contact);
  }
  return out;
}

}  // namespace tsu::generated
