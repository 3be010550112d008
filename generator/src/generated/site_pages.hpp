#pragma once
#include <content/site.hpp>
#include <passes/passes.hpp>

#include <deque>
#include <vector>

/// Pages the generator makes from data rather than from content/ (issue 11): the 所管課
/// (department) index and the アクセシビリティ方針 page.
namespace tsu::generated {

/// The generated pages: their Page records (kept here so pointers stay valid) and their
/// documents, ready for the passes.
struct SitePages {
  std::deque<content::Page> pages;
  std::vector<passes::PageResult> results;
  /// The site-wide ones to link from every page: title and URL (see Site::site_links).
  std::vector<std::pair<std::string, std::string>> links;
};

/// A department and the table rows naming it, in site order.
struct Measure {
  const content::Page* page;
  std::string id;     ///< the row's id on that page (measure-N)
  std::string label;  ///< the row header: the item's title or the project
  std::string table;  ///< the table's caption, which says which 施策 (and plan) it is
};

/// Every department named in a department column (site.toml [easy] department_column) of
/// any table, with the rows that name it. Read from the documents after the passes.
std::vector<std::pair<std::string, std::vector<Measure>>> departments(
    const content::Site& site, const std::vector<passes::PageResult>& pages);

/// Builds the department list, one page per department, and (when site.toml has an
/// [accessibility] table) the accessibility policy page.
SitePages make(const content::Site& site, const std::vector<passes::PageResult>& pages);

}  // namespace tsu::generated
