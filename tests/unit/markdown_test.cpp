#include <dom/html.hpp>
#include <markdown/parse.hpp>

#include <doctest/doctest.h>

using namespace tsu;

namespace {
std::string html(std::string_view md, diag::Diagnostics& ds, int first_line = 1) {
  auto doc = markdown::parse({md, "p.md", first_line}, ds);
  return dom::serialize_children(doc.body());
}
std::string html(std::string_view md) {
  diag::Diagnostics ds;
  auto out = html(md, ds);
  CHECK_FALSE(ds.has_errors());
  return out;
}
}  // namespace

TEST_CASE("markdown: blocks carry their source line") {
  CHECK(html("## 現状\n\n本文です。\n") ==
        "<h2 data-line=\"1\">現状</h2><p data-line=\"3\">本文です。</p>");
  diag::Diagnostics ds;
  CHECK(html("本文\n", ds, 5) == "<p data-line=\"5\">本文</p>");
}

TEST_CASE("markdown: a line break between Japanese characters is no space") {
  CHECK(html("地域の中でのつ\nながり") == "<p data-line=\"1\">地域の中でのつながり</p>");
  CHECK(html("NPO\nand more") == "<p data-line=\"1\">NPO\nand more</p>");
}

TEST_CASE("markdown: tight lists have no paragraphs") {
  CHECK(html("- あいさつ\n- 声かけ\n") ==
        "<ul data-line=\"1\"><li data-line=\"1\">あいさつ</li><li data-line=\"2\">声かけ</li></ul>");
}

TEST_CASE("markdown: single tildes are ranges, not strikethrough") {
  CHECK(html("18~29歳と70~79歳") == "<p data-line=\"1\">18~29歳と70~79歳</p>");
  CHECK(html("~~削除~~") == "<p data-line=\"1\"><del>削除</del></p>");
}

TEST_CASE("markdown: GFM tables with <br> in cells and alignment") {
  auto out = html("| 取り組み内容 | 所管課 |\n| --- | ---: |\n| **① 充実**<br>説明 | 生活福祉課<br>公民館 |\n");
  CHECK(out ==
        "<table data-line=\"1\"><thead><tr data-line=\"1\"><th>取り組み内容</th>"
        "<th class=\"align-right\">所管課</th></tr></thead><tbody><tr data-line=\"3\">"
        "<td><strong>① 充実</strong><br/>説明</td><td class=\"align-right\">生活福祉課<br/>公民館</td>"
        "</tr></tbody></table>");
}

TEST_CASE("markdown: containers") {
  SUBCASE("a workbook holds Markdown") {
    CHECK(html("::: workbook\n例えば・・・\n\n- 参加する\n:::\n\n後\n") ==
          "<div class=\"workbook\" data-container=\"workbook\" data-line=\"1\">"
          "<p data-line=\"2\">例えば・・・</p><ul data-line=\"4\"><li data-line=\"4\">参加する</li></ul></div>"
          "<p data-line=\"7\">後</p>");
  }
  SUBCASE("a ::: inside fenced code is code") {
    CHECK(html("```\n::: workbook\n```\n") ==
          "<pre data-line=\"1\"><code>::: workbook\n</code></pre>");
  }
  diag::Diagnostics ds;
  SUBCASE("never closed") {
    html("本文\n\n::: column\nコラム\n", ds, 10);
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "container-unclosed");
    CHECK(ds.all()[0].where.line == 12);
  }
  SUBCASE("closes nothing") {
    html("本文\n:::\n", ds);
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "container-close-unmatched");
    CHECK(ds.all()[0].where.line == 2);
  }
  SUBCASE("unknown name, with a suggestion") {
    html("::: workbok\nx\n:::\n", ds);
    REQUIRE(ds.has_errors());
    CHECK(ds.all()[0].id == "container-unknown");
    CHECK(ds.all()[0].hint == "did you mean 'workbook'?");
  }
  // Found by the table_groups fuzzer: a comment written like our internal marker used to
  // open a container, and one cut short crashed the parser.
  SUBCASE("a comment that looks like a marker is the author's comment") {
    CHECK(html("<!--tsu:open workbook-->\n本文\n<!--tsu:close-->\n", ds, 3) ==
          "<p data-line=\"4\">本文</p>");
    CHECK_FALSE(ds.has_errors());
  }
  SUBCASE("one cut short is raw HTML, not a crash") {
    html("前\n\n<!--tsu:open s \n", ds);
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "raw-html");
    CHECK(ds.all()[0].where.line == 3);
  }
}

TEST_CASE("markdown: raw HTML") {
  SUBCASE("comments are notes for editors and are dropped") {
    CHECK(html("<!-- 原文PDFからの抽出で失われています -->\n\n本文\n") == "<p data-line=\"3\">本文</p>");
  }
  SUBCASE("anything else is an error") {
    diag::Diagnostics ds;
    html("本文\n\n<div>生のHTML</div>\n", ds);
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "raw-html");
    CHECK(ds.all()[0].where.line == 3);
  }
}

TEST_CASE("markdown: links, images and code") {
  CHECK(html("[目標2](../goal-2/index.md) と `code`") ==
        "<p data-line=\"1\"><a href=\"../goal-2/index.md\" data-line=\"1\">目標2</a> と <code>code</code></p>");
  CHECK(html("![西東京市の地図](map.png)") ==
        "<p data-line=\"1\"><img src=\"map.png\" alt=\"西東京市の地図\"/></p>");
}

TEST_CASE("markdown: footnotes") {
  auto out = html("本文[^note]と[^b]と[^note]\n\n[^b]: B\n\n[^note]: 注記\n");
  CHECK(out.find("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\">1</a></sup>") !=
        std::string::npos);
  CHECK(out.find("id=\"fnref-1-2\"") != std::string::npos);  // second reference, own id
  CHECK(out.find("<li id=\"fn-1\"><p data-line=\"5\">注記<a href=\"#fnref-1\"") != std::string::npos);
  CHECK(out.find("<li id=\"fn-2\"><p data-line=\"3\">B") != std::string::npos);
}
