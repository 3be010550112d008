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
      auto theme = render::load_theme(fs, "theme", "theme", each);
      auto r = render::Renderer::create(*theme, each);
      auto site = two_pages();
      std::vector<passes::Heading> toc;
      CHECK_FALSE(r->render(site, {site.pages[1], "", toc}, "page", each));
      REQUIRE(each.all().size() == 1);
      CHECK(each.all()[0].id == "output-not-xml");
    }
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
