#include <dom/html.hpp>
#include <generated/site_pages.hpp>

#include <algorithm>
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
// The tables of a page body in document order. Blocks of phrasing content (paragraphs,
// headings, ruby, code) and tables themselves hold no table, so the walk does not go into
// them: a page's words are most of its tree, and this ran on one thread for every page.
void tables_in(pugi::xml_node n, std::vector<pugi::xml_node>& out) {
  for (auto c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = c.name();
    if (name == "table") out.push_back(c);
    else if (!dom::holds_phrasing_only(name)) tables_in(c, out);
  }
}
std::vector<pugi::xml_node> tables_in(pugi::xml_node body) {
  std::vector<pugi::xml_node> out;
  tables_in(body, out);
  return out;
}

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
  for (auto t : tables_in(r.doc.body()))
    if (department_column(site, t) >= 0) return true;
  return false;
}

namespace {
// The rows of one page that name a department, with the name, in the page's order;
// column: whether some table of it has the department column (even with no row naming one).
std::vector<std::pair<std::string, Measure>> department_rows(const content::Site& site, const passes::PageResult& r,
                                                             bool& column) {
  std::vector<std::pair<std::string, Measure>> out;
  column = false;
  if (r.page->easy) return out;
  for (auto t : tables_in(r.doc.body())) {
    int col = department_column(site, t);
    if (col < 0) continue;
    column = true;
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
        for (auto& name : dom::lines_of(cs[static_cast<std::size_t>(at)]))
          out.push_back({std::move(name), {r.page, tr.attribute("id").value(), label, caption}});
      }
    }
  }
  return out;
}
}  // namespace

void DepartmentList::add(const content::Site& site, const std::vector<passes::PageResult>& pages,
                         parallel::Pool* pool) {
  // each page's rows found on the pool (a walk of its tables), then added in page order
  std::vector<std::vector<std::pair<std::string, Measure>>> rows(pages.size());
  std::vector<char> has_column(pages.size(), 0);
  auto find = [&](std::size_t i, unsigned) {
    bool column = false;
    rows[i] = department_rows(site, pages[i], column);
    has_column[i] = column;
  };
  parallel::Pool single(1);
  (pool ? *pool : single).for_each(pages.size(), find);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    m_column = m_column || has_column[i];
    for (auto& [name, measure] : rows[i]) {
      auto [it, fresh] = m_by_name.try_emplace(std::move(name));
      if (fresh) m_order.push_back(it->first);
      it->second.push_back(std::move(measure));
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

SitePages make(const content::Site& site, const std::vector<passes::PageResult>& pages) {
  DepartmentList list;
  if (site.config.outputs.on("departments")) list.add(site, pages);
  bool column = list.column();
  auto out = make_from(site, list.take(), column);
  for (std::size_t i = 0; i < out.results.size(); ++i) fill(out, i);
  return out;
}

namespace {
// A department with more rows than this gets more than one page, so no page grows with the
// site (the plan's largest has 88 rows; a site of 10,000 pages can have 18,000).
constexpr std::size_t rows_per_page = 200;

std::string part_url(const std::string& name, int number) {
  return "departments/" + name + (number == 1 ? "" : "/" + std::to_string(number)) + "/index.html";
}

// One department page: its rows (first to last of measures), grouped by the page they are
// on; with more than one part, which part it is and links to the parts beside it.
void department_body(const content::Page& dept, const std::string& name, const std::vector<Measure>& measures,
                     const Part& part, pugi::xml_node dbody) {
  std::string which = part.count == 1 ? std::string()
                                      : "（全" + std::to_string(part.count) + "ページのうち" +
                                            std::to_string(part.number) + "ページ目）";
  paragraph(dbody, name + "が担当する取り組みです" + which + "。リンクを選ぶと、計画の表のその取り組みへ移動します。");
  const content::Page* current = nullptr;
  std::string table;
  pugi::xml_node items;
  for (std::size_t i = part.first; i < part.last && i < measures.size(); ++i) {
    const auto& m = measures[i];
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
    link.append_attribute("href").set_value((passes::relative_url(dept.url_path, m.page->url_path) + "#" + m.id).c_str());
  }
  if (part.count == 1) return;
  auto p = dom::append(dbody, "p");
  p.append_attribute("class").set_value("parts");
  auto link_to = [&](int number, const std::string& text) {
    auto a = dom::append(p, "a", text);
    a.append_attribute("href").set_value(passes::relative_url(dept.url_path, part_url(name, number)).c_str());
  };
  if (part.number > 1) link_to(part.number - 1, "前のページ（" + std::to_string(part.number - 1) + "ページ目）");
  if (part.number > 1 && part.number < part.count) dom::append_text(p, "　");
  if (part.number < part.count) link_to(part.number + 1, "次のページ（" + std::to_string(part.number + 1) + "ページ目）");
}
}  // namespace

namespace {
// The part of a department generated page i shows; null when it is no department page.
const Part* department_part(const SitePages& pages, std::size_t i) {
  return i < pages.part_of.size() && pages.part_of[i].department >= 0 ? &pages.part_of[i] : nullptr;
}
}  // namespace

void fill(SitePages& pages, std::size_t i) {
  const Part* part = department_part(pages, i);
  if (!part) return;
  auto& r = pages.results[i];
  if (r.doc.body().first_child()) return;  // made already
  const auto& [name, measures] = pages.list[static_cast<std::size_t>(part->department)];  // read only
  department_body(*r.page, name, measures, *part, r.doc.body());
}

void drop_rows(SitePages& pages, std::size_t i) {
  const Part* part = department_part(pages, i);
  if (!part || part->number != part->count) return;  // the department's last page: its rows are not needed again
  auto& measures = pages.list[static_cast<std::size_t>(part->department)].second;
  measures.clear();
  measures.shrink_to_fit();
}

SitePages make_from(const content::Site& site, std::vector<std::pair<std::string, std::vector<Measure>>> list,
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
    for (std::size_t k = 0; k < list.size(); ++k) {
      const auto& [name, measures] = list[k];
      auto li = dom::append(ul, "li");
      auto a = dom::append(li, "a", name);
      a.append_attribute("href").set_value((name + "/index.html").c_str());
      dom::append_text(li, "（" + std::to_string(measures.size()) + "件）");

      const int count = static_cast<int>(std::max<std::size_t>(1, (measures.size() + rows_per_page - 1) / rows_per_page));
      for (int number = 1; number <= count; ++number) {
        std::string title = count == 1 ? name : name + "（" + std::to_string(number) + "／" + std::to_string(count) + "）";
        auto& dept = new_page(out, part_url(name, number), title, site.config.easy.department_column);
        new_result(out, dept);
        Part part{static_cast<int>(k), static_cast<std::size_t>(number - 1) * rows_per_page,
                  static_cast<std::size_t>(number) * rows_per_page, number, count};
        out.part_of.resize(out.results.size());
        out.part_of.back() = part;
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
  out.part_of.resize(out.results.size());
  out.list = std::move(list);
  return out;
}

}  // namespace tsu::generated
