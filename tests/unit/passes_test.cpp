#include <dom/html.hpp>
#include <passes/passes.hpp>

#include <doctest/doctest.h>

using namespace tsu;

namespace {
struct Fixture {
  content::Site site;
  std::vector<passes::Heading> toc;
  diag::Diagnostics ds;
  Fixture() {
    content::Page home;
    home.kind = content::PageKind::Home;
    home.rel = "_index.md";
    home.url_path = "index.html";
    content::Page g1;
    g1.rel = "goal-1/index.md";
    g1.url_path = "goal-1/index.html";
    g1.display = "content/goal-1/index.md";
    content::Page g2 = g1;
    g2.rel = "goal-2/index.md";
    g2.url_path = "goal-2/index.html";
    site.pages = {home, g1, g2};
  }
  std::string run(void (*pass)(passes::Context&), std::string_view md) {
    auto doc = markdown::parse({md, "content/goal-1/index.md", 1}, ds);
    passes::Context ctx{site, site.pages[1], doc, toc, ds};
    pass(ctx);
    passes::strip_source_marks(ctx);
    return dom::serialize_children(doc.body());
  }
};
}  // namespace

TEST_CASE("passes::slug") {
  CHECK(passes::slug("現状と課題") == "現状と課題");
  CHECK(passes::slug("(1)福祉教育・啓発の充実") == "h-1-福祉教育-啓発の充実");
  CHECK(passes::slug("Face to Face") == "face-to-face");
  CHECK(passes::slug("★") == "h-");
}

TEST_CASE("passes::headings gives unique ids and builds the table of contents") {
  Fixture f;
  auto out = f.run(passes::headings, "## 現状と課題\n### 話題\n#### 現状\n### 話題2\n#### 現状\n");
  CHECK(out == "<h2 id=\"現状と課題\">現状と課題</h2><h3 id=\"話題\">話題</h3><h4 id=\"現状\">現状</h4>"
               "<h3 id=\"話題2\">話題2</h3><h4 id=\"現状-2\">現状</h4>");
  REQUIRE(f.toc.size() == 3);
  CHECK(f.toc[0].level == 2);
  CHECK(f.toc[2].text == "話題2");
  CHECK_FALSE(f.ds.has_errors());
}

TEST_CASE("passes::headings rejects a second h1 and skipped levels") {
  Fixture f;
  f.run(passes::headings, "# 題\n\n## 節\n\n#### 飛んだ\n");
  REQUIRE(f.ds.all().size() == 2);
  CHECK(f.ds.all()[0].id == "heading-h1");
  CHECK(f.ds.all()[0].where.line == 1);
  CHECK(f.ds.all()[1].id == "heading-skip");
  CHECK(f.ds.all()[1].where.line == 5);
  CHECK(f.ds.all()[1].message == "heading level skips from h2 to h4");
}

TEST_CASE("passes::tables: caption, scopes, scroll region") {
  Fixture f;
  auto out = f.run(passes::tables,
                   "| 取り組み内容 | 所管課 |\n| --- | --- |\n| ① 充実 | 公民館 |\n\nTable: 市が取り組むこと\n");
  CHECK(out ==
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"table-1\">"
        "<table><caption id=\"table-1\">市が取り組むこと</caption><thead><tr>"
        "<th scope=\"col\">取り組み内容</th><th scope=\"col\">所管課</th></tr></thead>"
        "<tbody><tr><th scope=\"row\">① 充実</th><td>公民館</td></tr></tbody></table></div>");
  CHECK(f.ds.all().empty());
}

TEST_CASE("passes::tables: a table without caption warns; a caption without table is an error") {
  Fixture f;
  f.run(passes::tables, "| a |\n| - |\n| 1 |\n\n本文\n\nTable: 迷子\n");
  REQUIRE(f.ds.all().size() == 2);
  CHECK(f.ds.all()[0].id == "table-no-caption");
  CHECK(f.ds.all()[0].severity == diag::Severity::Warning);
  CHECK(f.ds.all()[0].where.line == 1);
  CHECK(f.ds.all()[1].id == "caption-without-table");
  CHECK(f.ds.all()[1].where.line == 7);
}

TEST_CASE("passes::links rewrites links between pages and rejects broken ones") {
  Fixture f;
  auto out = f.run(passes::links, "[目標2](../goal-2/index.md#課題) [外](https://example.jp/) [x](#a)");
  CHECK(out == "<p><a href=\"../goal-2/index.html#課題\">目標2</a> "
               "<a href=\"https://example.jp/\">外</a> <a href=\"#a\">x</a></p>");
  f.run(passes::links, "\n[無い](../goal-9/index.md)");
  REQUIRE(f.ds.all().size() == 1);
  CHECK(f.ds.all()[0].id == "link-broken");
  CHECK(f.ds.all()[0].where.line == 2);
}

TEST_CASE("passes::relative_url") {
  CHECK(passes::relative_url("index.html", "goal-1/index.html") == "goal-1/index.html");
  CHECK(passes::relative_url("goal-1/index.html", "index.html") == "../index.html");
}
