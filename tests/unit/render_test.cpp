#include <render/page.hpp>

#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <optional>

#include <doctest/doctest.h>

using namespace tsu;

namespace {
content::Site two_pages() {
  content::Site site;
  site.config.title = "計画";
  content::Page home;
  home.kind = content::PageKind::Home;
  home.url_path = "index.html";
  home.front.title = "トップ";
  content::Page g1;
  g1.url_path = "goal-1/index.html";
  g1.display = "content/goal-1/index.md";
  g1.front.title = "一人ひとりが活躍する地域づくり";
  g1.front.label = "基本目標1";
  g1.parent = 0;
  site.pages = {home, g1};
  return site;
}
// The theme in fs/theme/ and its renderer, which keeps a reference to the theme (held
// on the heap, so the pair can be returned).
struct Themed {
  std::unique_ptr<render::Theme> theme;
  std::unique_ptr<render::Renderer> renderer;
};

Themed themed(const fs::MemoryFileSystem& fs, diag::Diagnostics& ds) {
  auto loaded = render::load_theme(fs, "theme", "theme", ds);
  REQUIRE(loaded);
  Themed made{std::make_unique<render::Theme>(std::move(*loaded)), nullptr};
  made.renderer = render::Renderer::create(*made.theme, ds);
  REQUIRE(made.renderer);
  return made;
}
}  // namespace

TEST_CASE("render: the view model reaches the layout") {
  fs::MemoryFileSystem fs;
  fs.add("theme/layouts/page.mustache",
         "<html><head><title>{{document_title}}</title></head><body>{{> navigation}}<main>{{{body}}}</main>"
         "{{#toc_items}}<a href=\"#{{id}}\">{{text}}</a>{{/toc_items}}</body></html>");
  fs.add("theme/partials/navigation.mustache", "{{#nav}}<a href=\"{{url}}\"{{#current}} aria-current=\"page\"{{/current}}>{{label}}</a>{{/nav}}");
  diag::Diagnostics ds;
  auto made = themed(fs, ds);
  auto site = two_pages();
  std::vector<passes::Heading> toc = {{2, "課題", "課題", {}}};
  auto html = made.renderer->render(site, {site.pages[1], "<p>本文</p>", toc}, "page", ds);
  REQUIRE(html);
  CHECK(*html ==
        "<html><head><title>基本目標1 一人ひとりが活躍する地域づくり | 計画</title></head><body>"
        "<a href=\"../goal-1/index.html\" aria-current=\"page\">基本目標1</a><main><p>本文</p></main>"
        "<a href=\"#課題\">課題</a></body></html>");
}

TEST_CASE("render: theme mistakes are diagnostics") {
  fs::MemoryFileSystem fs;
  diag::Diagnostics ds;
  SUBCASE("Mustache syntax error with its line") {
    fs.add("theme/layouts/page.mustache", "<html>\n<body>\n{{#nav}}\n</body></html>");
    auto theme = render::load_theme(fs, "theme", "theme", ds);
    REQUIRE(theme);
    CHECK_FALSE(render::Renderer::create(*theme, ds));
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "template-syntax");
    CHECK(ds.all()[0].where.file == "theme/layouts/page.mustache");
    CHECK(ds.all()[0].where.line == 3);
  }
  SUBCASE("a partial that does not exist") {
    fs.add("theme/layouts/page.mustache", "<html>\n{{> heder}}</html>");
    fs.add("theme/partials/header.mustache", "<header></header>");
    CHECK_FALSE(render::load_theme(fs, "theme", "theme", ds));
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "partial-missing");
    CHECK(ds.all()[0].where.line == 2);
    CHECK(ds.all()[0].hint == "did you mean 'header'?");
  }
  SUBCASE("a missing layout") {
    fs.add("theme/layouts/home.mustache", "<html></html>");
    auto theme = render::load_theme(fs, "theme", "theme", ds);
    auto r = render::Renderer::create(*theme, ds);
    auto site = two_pages();
    std::vector<passes::Heading> toc;
    CHECK_FALSE(r->render(site, {site.pages[1], "", toc}, "page", ds));
    CHECK(ds.all()[0].id == "layout-missing");
    CHECK(ds.all()[0].where.file == "content/goal-1/index.md");
  }
  SUBCASE("output that is not XML") {
    // each a mistake a theme author makes; the check parses with parse_minimal
    for (const char* layout : {"<html><br></html>", "<html><p></div></html>", "<html><a href=x></a></html>",
                               "<html><!-- open </html>", "<!DOCTYPE html <html></html>",
                               "<html><![CDATA[ x </html>", "<html></html></html>"}) {
      CAPTURE(layout);
      diag::Diagnostics each;
      fs.add("theme/layouts/page.mustache", layout);
      auto made = themed(fs, each);
      auto site = two_pages();
      std::vector<passes::Heading> toc;
      CHECK_FALSE(made.renderer->render(site, {site.pages[1], "", toc}, "page", each));
      REQUIRE(each.all().size() == 1);
      CHECK(each.all()[0].id == "output-not-xml");
    }
  }
  SUBCASE("a body where it breaks the page") {
    // The check takes the body as read where it stands as content; anywhere else the page
    // is parsed whole. Either way the answer is pugixml's on the whole page. The body
    // below is well-formed and has '--' and '"' in its text.
    const std::string body = "<p>2020--2030 \"計画\"</p><p>西東京市</p>";
    int broken = 0;
    for (std::string layout : {"<html><div title=\"{{{body}}}\"></div></html>", "<html><!-- {{{body}}} --></html>",
                               "<html><![CDATA[{{{body}}}]]></html>", "<html><main>{{{body}}}</main><br></html>",
                               "<html><main>{{{body}}}</html>", "<html>{{{body}}}</main></html>",
                               "<html><div {{{body}}}></div></html>"}) {
      CAPTURE(layout);
      pugi::xml_document whole;
      kainjow::mustache::data view;
      view.set("body", body);
      std::string page = kainjow::mustache::mustache(layout).render(view);
      bool xml = whole.load_buffer(page.data(), page.size(), pugi::parse_minimal);
      diag::Diagnostics each;
      fs.add("theme/layouts/page.mustache", layout);
      auto made = themed(fs, each);
      auto site = two_pages();
      std::vector<passes::Heading> toc;
      CHECK(bool(made.renderer->render(site, {site.pages[1], body, toc}, "page", each)) == xml);
      CHECK(each.has_errors() == !xml);
      broken += !xml;
    }
    CHECK(broken == 5);
    diag::Diagnostics each;
    fs.add("theme/layouts/page.mustache", "<html><main>{{{body}}}</main><p>{{{body}}}</p></html>");
    auto made = themed(fs, each);
    auto site = two_pages();
    std::vector<passes::Heading> toc;
    CHECK(made.renderer->render(site, {site.pages[1], body, toc}, "page", each));
    CHECK(each.all().empty());
  }
}

// Partials are written into the layouts once (render/page.cpp, inline_partials): the bytes
// must be those kainjow gives when it renders each partial tag itself.
TEST_CASE("render: partials written into the layout render as kainjow renders partial tags") {
  struct Case {
    const char* name;
    std::string layout;
    std::map<std::string, std::string> partials;
  };
  const std::vector<Case> cases = {
      {"nested, on lines of their own, inside a section",
       "<html><body>\n  {{> header}}\n{{#nav}}\n  {{> item}}\n{{/nav}}\n</body></html>",
       {{"header", "<header>\n{{> title}}\n</header>\n"}, {"title", "<p>{{site.title}}</p>"},
        {"item", "<a href=\"{{url}}\">{{label}}</a>\n"}}},
      {"a partial that changes the delimiters",
       "<html><body>{{> odd}}<p>{{site.title}}</p></body></html>",
       {{"odd", "{{=<% %>=}}<i><%site.title%></i>"}}},
      {"a partial that includes itself inside a section that ends it",
       "<html><body>{{> again}}</body></html>",
       {{"again", "{{#page.is_home}}<b>{{> again}}</b>{{/page.is_home}}<i>{{page.title}}</i>"}}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    fs::MemoryFileSystem fs;
    fs.add("theme/layouts/page.mustache", c.layout);
    for (const auto& [name, text] : c.partials) fs.add("theme/partials/" + name + ".mustache", text);
    diag::Diagnostics ds;
    auto made = themed(fs, ds);
    auto site = two_pages();
    std::vector<passes::Heading> toc;
    auto html = made.renderer->render(site, {site.pages[1], "", toc}, "page", ds);
    REQUIRE(html);
    // kainjow on its own: the layout as written, each partial looked up when rendered
    kainjow::mustache::mustache plain(c.layout);
    kainjow::mustache::data d;
    kainjow::mustache::data s;
    s.set("title", site.config.title);
    d.set("site", s);
    kainjow::mustache::data p;
    p.set("title", site.pages[1].front.title);
    p.set("is_home", false);
    d.set("page", p);
    kainjow::mustache::data nav{kainjow::mustache::data::type::list};
    kainjow::mustache::data item;
    item.set("url", "../goal-1/index.html");
    item.set("label", site.pages[1].front.label);
    nav.push_back(item);
    d.set("nav", nav);
    for (const auto& [name, text] : c.partials) {
      std::string t = text;
      d.set(name, kainjow::mustache::partial([t] { return t; }));
    }
    CHECK(*html == plain.render(d));
  }
}

// The nav is kept between pages (render::NavMemo) and only its current and ancestor marks
// set again: every page must render as it does without the memo, in any order, at any
// depth, and a layout that never names "pages" must not change what one that does shows.
TEST_CASE("render: pages rendered with a nav memo match pages rendered without one") {
  fs::MemoryFileSystem fs;
  // the nav on lines of its own, as the default theme has it: rendered apart and kept
  // by its marks (render/nav_sections.hpp), inline on the home layout
  const char* nav = "\n{{#nav}}\n<a href=\"{{url}}\"{{#current}} aria-current=\"page\"{{/current}}"
                    "{{#ancestor}} class=\"open\"{{/ancestor}}>{{title}}</a>\n{{/nav}}\n";
  fs.add("theme/layouts/page.mustache",
         std::string("<html><body>") + nav + "<nav class=\"subpages\">{{{body}}}</nav></body></html>");
  fs.add("theme/layouts/home.mustache",
         std::string("<html><body>{{#nav}}<a href=\"{{url}}\"{{#ancestor}} class=\"open\"{{/ancestor}}>{{title}}</a>{{/nav}}") +
             "{{ #pages }}<p>{{title}}</p>{{ /pages }}</body></html>");
  diag::Diagnostics ds;
  auto made = themed(fs, ds);
  // home, two sections, a page in each (interleaved, as a site's order may be)
  content::Site site = two_pages();
  content::Page g2 = site.pages[1];
  g2.url_path = "goal-2/index.html";
  g2.front.title = "安心して暮らせる地域づくり";
  site.pages.push_back(g2);
  for (std::size_t section : {1u, 2u, 1u}) {
    content::Page p = site.pages[section];
    p.url_path = "goal-" + std::to_string(section) + "/p" + std::to_string(site.pages.size()) + "/index.html";
    p.front.title = "ページ" + std::to_string(site.pages.size());
    p.parent = section;
    site.pages.push_back(p);
  }
  auto nav_index = render::SiteNav::of(site);
  std::vector<passes::Heading> toc;
  auto once = [&](std::size_t i, const std::string& out_path, render::NavMemo* memo) {
    render::PageInput in{site.pages[i], "<p>本文</p>", toc};
    in.out_path = out_path;
    in.nav = &nav_index;
    in.nav_memo = memo;
    auto html = made.renderer->render(site, in, i == 0 ? "home" : "page", ds);
    REQUIRE(html);
    return *html;
  };
  render::NavMemo memo;
  int with_marks = 0;
  for (std::size_t i : {3u, 1u, 4u, 0u, 2u, 5u, 3u, 4u, 1u, 0u}) {
    CAPTURE(i);
    const auto& url = site.pages[i].url_path;
    for (const auto& out : {url, url.substr(0, url.size() - 10) + "read/index.html"}) {
      auto fresh = once(i, out, nullptr);
      CHECK(once(i, out, &memo) == fresh);
      with_marks += fresh.find("class=\"open\"") != std::string::npos;
    }
  }
  CHECK(with_marks >= 10);  // the marks did change between pages
  CHECK(once(0, "index.html", &memo).find("<p>ページ3</p>") == std::string::npos);  // pages: the top sections only
  CHECK(once(0, "index.html", &memo).find("<p>安心して暮らせる地域づくり</p>") != std::string::npos);
  CHECK(ds.all().empty());
}

namespace {
// The site's second page rendered with a one-layout theme: the page, which must come
// without a message.
std::string rendered_with(const std::string& layout, const std::string& body, const std::vector<passes::Heading>& toc) {
  fs::MemoryFileSystem fs;
  fs.add("theme/layouts/page.mustache", layout);
  diag::Diagnostics ds;
  auto made = themed(fs, ds);
  auto site = two_pages();
  auto html = made.renderer->render(site, {site.pages[1], body, toc}, "page", ds);
  REQUIRE(html);
  CHECK(ds.all().empty());
  return *html;
}
}  // namespace

// The body reaches kainjow as a slot and is put in its place after (render/page.cpp,
// put_slots): wherever and however a layout prints it, the page must be the one kainjow
// renders with the body itself, and a body whose slot does not stand once as an element
// is rendered with the body as before.
TEST_CASE("render: the body put in its slot gives the page kainjow renders with the body") {
  const std::string body = "<p>2020年から2030年 \"計画\" &amp; 'まち' 西東京市</p>\n<p>二つ目</p>\n";
  const std::vector<std::string> layouts = {
      "<html><body><main>{{{body}}}</main></body></html>",
      "<html><body>\n  {{#has_toc}}<b/>{{/has_toc}}{{{body}}}\n  {{^has_toc}}\n<i/>\n  {{/has_toc}}\n</body></html>",
      "<html><body><main>{{&body}}</main></body></html>",
      "<html><body><main>{{body}}</main></body></html>",                                // escaped
      "<html><body><main>{{{body}}}</main><aside>{{{body}}}</aside></body></html>",  // twice
      "<html><body><main>{{{body}}}</main><aside title=\"{{body}}\"></aside></body></html>",  // and escaped
      "<html><body><main title=\"{{body}}\"></main></body></html>",                     // in an attribute
      "<html><body><!-- {{{body}}} --><main/></body></html>",                           // in a comment
      "<html><body>{{#page}}<main>{{{body}}}</main>{{/page}}</body></html>",         // from a section
      "<html><body><main></main></body></html>",                                        // not at all
  };
  for (const auto& layout : layouts) {
    for (const std::string& b : {body, std::string(" \n"), std::string()}) {
      CAPTURE(layout);
      CAPTURE(b);
      const std::string html = rendered_with(layout, b, {});
      kainjow::mustache::data view;
      view.set("body", b);
      view.set("has_toc", false);
      view.set("page", kainjow::mustache::data{});
      CHECK(html == kainjow::mustache::mustache(layout).render(view));
      CHECK(html.find("tsu-body-") == std::string::npos);
    }
  }
}

// The nav sections taken from the memo reach kainjow as slots too, when their text is
// balanced (render/page.cpp, balanced): a section that closes what the layout opened, or
// one in a comment, must give the page it gives without the memo.
TEST_CASE("render: nav sections put in their slots give the page rendered without the memo") {
  const std::vector<std::string> layouts = {
      "<html><body><ul>\n{{#nav}}\n<li><a href=\"{{url}}\">{{title}}</a></li>\n{{/nav}}\n</ul>{{{body}}}</body></html>",
      // unbalanced: each item closes the list and opens another
      "<html><body><ul>\n{{#nav}}\n</ul><ul><li>{{title}}</li>\n{{/nav}}\n</ul>{{{body}}}</body></html>",
      // in a comment: not an element there
      "<html><body><!--\n{{#nav}}\n{{title}}\n{{/nav}}\n--><main>{{{body}}}</main></body></html>",
      // the nav twice
      "<html><body><ul>\n{{#nav}}\n<li>{{title}}</li>\n{{/nav}}\n</ul><ol>\n{{#nav}}\n<li>{{title}}</li>\n{{/nav}}\n</ol>"
      "{{{body}}}</body></html>",
  };
  for (const auto& layout : layouts) {
    CAPTURE(layout);
    fs::MemoryFileSystem fs;
    fs.add("theme/layouts/page.mustache", layout);
    diag::Diagnostics ds;
    auto made = themed(fs, ds);
    auto site = two_pages();
    auto nav_index = render::SiteNav::of(site);
    std::vector<passes::Heading> toc;
    render::NavMemo memo;
    for (int round = 0; round < 3; ++round) {  // the second and third from the memo
      render::PageInput in{site.pages[1], "<p>本文</p>", toc};
      in.nav = &nav_index;
      auto fresh = made.renderer->render(site, in, "page", ds);
      in.nav_memo = &memo;
      auto kept = made.renderer->render(site, in, "page", ds);
      REQUIRE(fresh);
      REQUIRE(kept);
      CHECK(*kept == *fresh);
      CHECK(kept->find("tsu-") == std::string::npos);
      CHECK(kept->find("一人ひとりが活躍する地域づくり") != std::string::npos);
    }
    CHECK(ds.all().empty());
  }
}

// The table of contents' entries reach kainjow as slots too (their html is dom::serialize's
// output, as the body is): however a layout prints them, the page must be the one kainjow
// renders with the entries themselves.
TEST_CASE("render: table-of-contents entries put in their slots give the page kainjow renders") {
  const std::vector<passes::Heading> toc = {
      {2, "課題", "課題", "<ruby>課<rt>か</rt>題<rt>だい</rt></ruby>"},
      {2, "施策", "施策", "<ruby>施<rt>し</rt>策<rt>さく</rt></ruby>の<b>方向</b>"},
      {2, "plain", "A &amp; B", ""},  // no html: its text, as it is
  };
  const std::vector<std::string> layouts = {
      "<html><body><ol>{{#toc_items}}<li><a href=\"#{{id}}\">{{{html}}}</a></li>{{/toc_items}}</ol>{{{body}}}</body></html>",
      "<html><body><ol>{{#toc_items}}<li>{{html}}</li>{{/toc_items}}</ol>{{{body}}}</body></html>",  // escaped
      "<html><body><ol>{{#toc_items}}<li>{{{html}}}</li><li>{{{html}}}</li>{{/toc_items}}</ol></body></html>",  // twice
      "<html><body><ol>{{#toc_items}}<li title=\"{{html}}\">{{{html}}}</li>{{/toc_items}}</ol>{{{body}}}</body></html>",
  };
  for (const auto& layout : layouts) {
    CAPTURE(layout);
    const std::string body = "<p>本文</p>";
    const std::string html = rendered_with(layout, body, toc);
    kainjow::mustache::data view;
    view.set("body", body);
    kainjow::mustache::data items{kainjow::mustache::data::type::list};
    for (const auto& h : toc) {
      kainjow::mustache::data item;
      item.set("id", h.id);
      item.set("html", h.html.empty() ? h.text : h.html);
      items.push_back(item);
    }
    view.set("toc_items", items);
    CHECK(html == kainjow::mustache::mustache(layout).render(view));
    CHECK(html.find("tsu-") == std::string::npos);
  }
}
