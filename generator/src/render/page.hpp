#pragma once
#include <content/site.hpp>
#include <diag/diagnostic.hpp>
#include <passes/passes.hpp>
#include <render/theme.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tsu::render {

/// One printed sheet, for a print layout (made by outputs from the print module's sheets).
struct SheetView {
  int number = 0;
  std::string header;      ///< running header: the goal's title
  std::string body_html;   ///< the sheet's content
  std::string code_image;  ///< URL of the voice-code image for its slot, or empty
};

/// A page ready for its layout: the body serialised, its table of contents.
/// What the site navigation lists: found once per site (see SiteNav::of) and shared by
/// every page rendered, instead of walking the whole site for each page.
struct SiteNav {
  std::vector<std::size_t> top;                    ///< the top page's children, in site order
  std::vector<std::vector<std::size_t>> children;  ///< per page: its children, in site order
  /// Both without the やさしい日本語 pages (reached through their standard page's link).
  static SiteNav of(const content::Site& site);
};

/// The site navigation's view, kept between the pages one thread renders. Pages at one
/// depth have the same nav links, and pages of one section the same current and ancestor
/// marks: building it for every page was a tenth of rendering. The memo keeps the view
/// per depth and the layout's nav sections rendered per marks (render/nav_sections.hpp).
/// One per thread and per site: the Producer keeps one per worker for one build.
class NavMemo {
public:
  NavMemo();
  ~NavMemo();
  NavMemo(const NavMemo&) = delete;
  NavMemo& operator=(const NavMemo&) = delete;
  struct Impl;
  std::unique_ptr<Impl> impl;
};

struct PageInput {
  const content::Page& page;
  std::string body_html;  ///< well-formed XHTML content (dom::serialize's output): the page's XML check takes it as read
  const std::vector<passes::Heading>& toc;
  std::string title_html = {};  ///< the title with ruby; empty: the plain title
  std::string label_html = {};  ///< the label with ruby; empty: the plain label
  std::string out_path = {};    ///< where this rendering is written; empty: page.url_path
  std::string read_path = {};   ///< the page's read-aloud version, if it has one (issue 7)
  std::string standard_path = {};  ///< on a read-aloud page: the page it reads
  std::string read_title = {};  ///< on a read-aloud page: the title as spoken
  const std::vector<SheetView>* sheets = nullptr;  ///< print layouts: the sheets (issue 6)
  std::string print_css = {};   ///< print layouts: the sizes the pagination model used
  std::string code_size = {};   ///< print layouts: the voice-code side as CSS ("17.9mm")
  const SiteNav* nav = nullptr;  ///< the site's navigation; null: found for this page
  NavMemo* nav_memo = nullptr;   ///< this thread's last nav, reused when it fits; null: none
};

/// Compiles a theme's templates once and renders pages with them. Templates are dumb:
/// the view model (documented in themes/default/README.md) gives them every string.
class Renderer {
public:
  /// Compiles every layout and partial; reports Mustache syntax errors with file and line.
  static std::unique_ptr<Renderer> create(const Theme& theme, diag::Diagnostics& diags);
  ~Renderer();

  /// Renders one page through the named layout. The result must parse as XML (polyglot
  /// XHTML5); when it does not, that is reported as an error in the theme.
  std::optional<std::string> render(const content::Site& site, const PageInput& in,
                                    const std::string& layout, diag::Diagnostics& diags);

private:
  struct Impl;
  explicit Renderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace tsu::render
