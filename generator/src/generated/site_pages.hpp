#pragma once
#include <content/site.hpp>
#include <parallel/pool.hpp>
#include <passes/passes.hpp>

#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

/// Pages the generator makes from data rather than from content/ (issue 11): the 所管課
/// (department) index and the アクセシビリティ方針 page.
namespace tsu::generated {

/// A department and the table rows naming it, in site order.
struct Measure {
  const content::Page* page;
  std::string id;     ///< the row's id on that page (measure-N)
  std::string label;  ///< the row header: the item's title or the project
  std::string table;  ///< the table's caption, which says which 施策 (and plan) it is
};

/// Which rows of which department a department page shows (a department with many rows
/// has several pages).
struct Part {
  int department = -1;  ///< index in the department list; -1: not a department page
  std::size_t first = 0, last = 0;  ///< its rows
  int number = 1, count = 1;        ///< page number of the department's pages, of count
};

/// The generated pages: their Page records (kept here so pointers stay valid) and their
/// documents, ready for the passes.
struct SitePages {
  std::deque<content::Page> pages;
  std::vector<passes::PageResult> results;
  /// The site-wide ones to link from every page: title and URL (see Site::site_links).
  std::vector<std::pair<std::string, std::string>> links;
  /// For each result, the part of a department it shows; list keeps the rows until
  /// fill() makes that page's document.
  std::vector<Part> part_of;
  std::vector<std::pair<std::string, std::vector<Measure>>> list;
};

/// Every department named in a department column (site.toml [easy] department_column) of
/// any table, with the rows that name it, read from the documents after the passes, a
/// batch of pages at a time (a build that frees each batch): add() each batch in page
/// order; take() gives the list for all of them.
class DepartmentList {
public:
  /// pool: the pages' tables are read on its threads (the rows still come in page order).
  void add(const content::Site& site, const std::vector<passes::PageResult>& pages, parallel::Pool* pool = nullptr);
  std::vector<std::pair<std::string, std::vector<Measure>>> take();
  /// Some table of the pages added has the department column.
  bool column() const { return m_column; }

private:
  bool m_column = false;
  std::map<std::string, std::vector<Measure>> m_by_name;
  std::vector<std::string> m_order;  // first appearance, so the list follows the plan
};

/// Whether a page (not an easy page) has a table with the department column, from its
/// document before or after the passes.
bool has_department_column(const content::Site& site, const passes::PageResult& r);

/// Builds the department list (when site.toml [outputs] departments is on and some table
/// has the department column; with every cell of it empty the list says there are none),
/// one page per department, and (when site.toml has an [accessibility] table) the
/// accessibility policy page.
SitePages make(const content::Site& site, const std::vector<passes::PageResult>& pages);
/// The same from a department list gathered beforehand; column: some table has the column.
/// The department pages' documents are left empty until fill() makes them: each lists
/// every row naming its department, so a build that frees its pages makes them one at a
/// time. (make() fills them all.)
SitePages make_from(const content::Site& site, std::vector<std::pair<std::string, std::vector<Measure>>> list,
                    bool column);
/// Makes the document of generated page i of make_from(), once. It only reads the rows,
/// so pages may be filled side by side on several threads.
void fill(SitePages& pages, std::size_t i);
/// Frees the rows of page i's department once i is its last page (filled already).
void drop_rows(SitePages& pages, std::size_t i);

}  // namespace tsu::generated
