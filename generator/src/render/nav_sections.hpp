#pragma once
#include <string>
#include <vector>

/// The site navigation's sections of a layout, rendered once per nav instead of once per
/// page (render/page.cpp keeps them in each thread's NavMemo).
namespace tsu::render {

/// A layout with its nav sections taken out. Each `{{#nav}}…{{/nav}}` that can be rendered
/// on its own with the same bytes is replaced by `{{{<key>}}}` (the keys are
/// `key_prefix` + 0, 1, …), and its lines become a template of their own (`parts`).
/// Renderer::render renders a part with the page's view (or takes it from the memo) and
/// gives the layout the result under its key.
struct NavSections {
  std::string layout;
  std::vector<std::string> parts;
  std::vector<std::string> keys;
};

/// Takes out the nav sections for which kainjow renders the same bytes on their own:
/// at the top level of the layout, the opening tag alone on its line but for leading
/// whitespace and the closing tag alone but for trailing whitespace, every tag inside a
/// comment or one of the keys every nav item has (label, title, full_title, url, current,
/// ancestor: render/page.cpp's nav_item), so the output depends on the nav's items alone,
/// and no section tag on the line after (kainjow drops a line holding a section tag and
/// nothing else but whitespace, which the part's output in front of it would change).
/// Any other section stays as it is.
NavSections take_nav_sections(const std::string& layout, const std::string& key_prefix);

/// Whether a tag of the layout looks `key` up: {{key}}, {{#key}}, {{^key}}, {{/key}},
/// {{{key}}}, {{&key}}, or a dotted name starting with it (text such as "subpages" is
/// not). A layout with a tag left open may look anything up: true.
bool names(const std::string& layout, const std::string& key);

}  // namespace tsu::render
