#include <render/nav_sections.hpp>

#include <kainjow/mustache.hpp>

#include <string>
#include <vector>

#include <doctest/doctest.h>

using namespace tsu;
namespace mu = kainjow::mustache;

namespace {
// A view with a nav of n items (the second current, the third an ancestor) and a few
// other keys a layout may print.
mu::data view_with(std::size_t n) {
  mu::data d;
  mu::data nav{mu::data::type::list};
  for (std::size_t i = 0; i < n; ++i) {
    mu::data item;
    item.set("label", "基本目標" + std::to_string(i + 1));
    item.set("title", "地域<づくり>" + std::to_string(i));
    item.set("full_title", "基本目標 " + std::to_string(i));
    item.set("url", "../goal-" + std::to_string(i + 1) + "/index.html");
    item.set("current", i == 1);
    item.set("ancestor", i == 2);
    nav.push_back(item);
  }
  d.set("nav", nav);
  d.set("body", "<p>本文</p>");
  d.set("wrap", true);
  d.set("none", false);
  return d;
}

// kainjow on the layout as written, and on the layout with its nav sections taken out and
// rendered apart: the bytes must be the same.
std::string whole(const std::string& layout, const mu::data& d) {
  mu::mustache m(layout);
  REQUIRE(m.is_valid());
  return m.render(d);
}
std::string apart(const render::NavSections& taken, mu::data d) {
  for (std::size_t i = 0; i < taken.parts.size(); ++i) {
    mu::mustache part(taken.parts[i]);
    REQUIRE(part.is_valid());
    d.set(taken.keys[i], part.render(d));
  }
  return whole(taken.layout, d);
}
}  // namespace

TEST_CASE("render: nav sections rendered apart give the bytes of the whole layout") {
  struct Case {
    std::string layout;
    std::size_t taken;  // how many nav sections may be rendered apart
  };
  const std::vector<Case> cases = {
      // the default theme's header: tags on lines of their own
      {"<nav>\n<ul>\n{{#nav}}\n<li><a href=\"{{url}}\"{{#current}} aria-current=\"page\"{{/current}}"
       "{{#ancestor}} class=\"ancestor\"{{/ancestor}}><span>{{label}}</span> {{title}}</a></li>\n{{/nav}}\n</ul>\n</nav>\n",
       1},
      // indented, CRLF, trailing spaces, a comment inside, at the end without a newline
      {"<ul>\r\n  {{#nav}}  \r\n  {{! an item }}\r\n  <li>{{{title}}}</li>\r\n  {{/nav}}  \r\n</ul>\r\n", 1},
      {"<ul>\n{{#nav}}\n<li>{{&full_title}}</li>\n{{/nav}}", 1},
      // an item on the opening tag's line; an item section that leaves a line empty
      {"<ul>\n{{#nav}}<li>{{title}}</li>\n{{/nav}}\n</ul>\n", 1},
      {"<ul>\n{{#nav}}\n{{#current}}\n<li>{{title}}</li>\n{{/current}}\n{{/nav}}\n{{body}}\n", 1},
      // two sections; the line after the first holds only a variable
      {"{{#nav}}\n<a>{{url}}</a>\n{{/nav}}\n{{{body}}}\n<footer>\n{{#nav}}\n{{label}}\n{{/nav}}\n</footer>\n", 2},
      // not taken: inline; inside another section; a standalone section line after it;
      // a key that is not the items'; a dotted name; an inverted section around it
      {"<ul>{{#nav}}<li>{{title}}</li>{{/nav}}</ul>\n", 0},
      {"{{#wrap}}\n{{#nav}}\n<li>{{title}}</li>\n{{/nav}}\n{{/wrap}}\n", 0},
      {"{{#wrap}}\n{{#nav}}\n<li>{{title}}</li>\n{{/nav}}\n<p>end</p>\n{{/wrap}}\n", 0},
      {"{{#nav}}\n<li>{{title}}</li>\n{{/nav}}\n{{#wrap}}\n<p>x</p>\n{{/wrap}}\n", 0},
      {"{{#nav}}\n<li>{{title}} {{body}}</li>\n{{/nav}}\n", 0},
      {"{{#nav}}\n<li>{{title.x}}</li>\n{{/nav}}\n", 0},
      {"{{^none}}\n{{#nav}}\n<li>{{title}}</li>\n{{/nav}}\n{{/none}}\n", 0},
      {"<ul>\n{{#nav}}\n<li>{{title}}</li>\n{{/nav}} </ul>\n", 0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.layout);
    auto taken = render::take_nav_sections(c.layout, "tsu-nav-section-");
    CHECK(taken.parts.size() == c.taken);
    CHECK(taken.keys.size() == taken.parts.size());
    for (std::size_t n : {0u, 1u, 3u}) {
      CAPTURE(n);
      auto d = view_with(n);
      CHECK(apart(taken, d) == whole(c.layout, d));
    }
  }
}

TEST_CASE("render: a layout without nav sections is left as it is") {
  for (std::string layout : {"", "<p>{{body}}</p>", "{{#nav}}", "{{#nav}}\n{{/nav}}\n", "{{ unclosed"}) {
    CAPTURE(layout);
    auto taken = render::take_nav_sections(layout, "k");
    if (taken.parts.empty()) CHECK(taken.layout == layout);
  }
}
