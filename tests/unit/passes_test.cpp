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
  ja::FakeTokenizer tokenizer{std::map<std::string, std::string>{
      {"西東京", "にしとうきょう"}, {"市", "し"}, {"地域", "ちいき"}, {"取り組み", "とりくみ"}, {"市報", "しほう"}}};
  ja::Services services{&tokenizer, nullptr, nullptr};
  std::string run(void (*pass)(passes::Context&), std::string_view md) {
    auto doc = markdown::parse({md, "content/goal-1/index.md", 1}, ds);
    passes::Context ctx{site, site.pages[1], doc, toc, ds, &services};
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
        "<tbody><tr id=\"measure-1\"><th scope=\"row\">① 充実</th><td>公民館</td></tr></tbody></table></div>");
  CHECK(f.ds.all().empty());
}

TEST_CASE("passes::tables: a table without caption warns, a caption without table is an error") {
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

// Issue 5: row groups, the opt-out, number columns.
TEST_CASE("passes::tables: an empty first cell continues the row group above") {
  Fixture f;
  auto out = f.run(passes::tables,
                   "| 取り組み | 主な事業 | 所管課 |\n| --- | --- | --- |\n"
                   "| ①学校 | 奉仕体験 | 教育指導課 |\n|  | 人権教育 | 教育指導課 |\n"
                   "| ②地域 | 出前講座 | 企画政策課 |\n\nTable: 第4期\n");
  CHECK(out ==
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"table-1\">"
        "<table><caption id=\"table-1\">第4期</caption><thead><tr><th scope=\"col\">取り組み</th>"
        "<th scope=\"col\">主な事業</th><th scope=\"col\">所管課</th></tr></thead>"
        "<tbody><tr id=\"measure-1\"><th scope=\"rowgroup\" rowspan=\"2\">①学校</th><th scope=\"row\">奉仕体験</th><td>教育指導課</td></tr>"
        "<tr id=\"measure-2\"><th scope=\"row\">人権教育</th><td>教育指導課</td></tr></tbody>"
        "<tbody><tr id=\"measure-3\"><th scope=\"rowgroup\">②地域</th><th scope=\"row\">出前講座</th><td>企画政策課</td></tr></tbody>"
        "</table></div>");
  CHECK(f.ds.all().empty());
}

TEST_CASE("passes::tables: a group cannot start with an empty cell") {
  Fixture f;
  f.run(passes::tables, "| a | b |\n| - | - |\n|  | 1 |\n|  | 2 |\n\nTable: x\n");
  REQUIRE(f.ds.all().size() == 1);
  CHECK(f.ds.all()[0].id == "table-group-start");
  CHECK(f.ds.all()[0].where.line == 3);
}

TEST_CASE("passes::tables: {.no-row-headers} keeps the first column as data") {
  Fixture f;
  auto out = f.run(passes::tables, "| 年度 | 件数 |\n| --- | --- |\n| 令和元年度 | 1,234 |\n\nTable: 相談件数 {.no-row-headers}\n");
  CHECK(out.find("<caption id=\"table-1\">相談件数</caption>") != std::string::npos);
  CHECK(out.find("<td>令和元年度</td>") != std::string::npos);
  CHECK(out.find("scope=\"row\"") == std::string::npos);
}

TEST_CASE("passes::tables: number columns are right-aligned unless aligned by hand") {
  Fixture f;
  auto out = f.run(passes::tables,
                   "| 項目 | 件数 | 割合 | 備考 |\n| --- | --- | :-: | --- |\n"
                   "| 相談 | 1,234 | 約3割 | 12件 |\n| 訪問 | ５６ | 45.6% | なし |\n\nTable: 実績\n");
  CHECK(out.find("<th scope=\"col\" class=\"align-right\">件数</th>") != std::string::npos);
  CHECK(out.find("<td class=\"align-right\">1,234</td>") != std::string::npos);
  CHECK(out.find("<td class=\"align-right\">５６</td>") != std::string::npos);
  CHECK(out.find("<th class=\"align-center\" scope=\"col\">割合</th>") != std::string::npos);
  CHECK(out.find("<td>12件</td>") != std::string::npos);  // 備考: not every cell is a number
}

// Issue 3: furigana.
TEST_CASE("passes::ruby: words get ruby, kana stays bare, the policy marks hidden ones") {
  Fixture f;
  f.site.config.ruby.policy = config::RubyPolicy::First;
  auto out = f.run(passes::ruby, "地域の取り組み、地域");
  CHECK(out == "<p><ruby>地域<rp>（</rp><rt aria-hidden=\"true\">ちいき</rt><rp>）</rp></ruby>の"
               "<ruby>取<rp>（</rp><rt aria-hidden=\"true\">と</rt><rp>）</rp></ruby>り"
               "<ruby>組<rp>（</rp><rt aria-hidden=\"true\">く</rt><rp>）</rp></ruby>み、"
               "<ruby class=\"rh\">地域<rp>（</rp><rt aria-hidden=\"true\">ちいき</rt><rp>）</rp></ruby></p>");
}

TEST_CASE("passes::ruby: author ruby wins, also escaped in tables") {
  Fixture f;
  f.site.config.ruby.policy = config::RubyPolicy::None;
  auto out = f.run(passes::ruby, "{西東京市|にしとうきょうし}と{漢字|かん|じ}\n\n| a |\n| - |\n| {市報\\|しほう} |\n");
  CHECK(out.find("<ruby>西東京市<rp>（</rp><rt aria-hidden=\"true\">にしとうきょうし</rt><rp>）</rp></ruby>と") != std::string::npos);
  CHECK(out.find("<ruby>漢<rp>（</rp><rt aria-hidden=\"true\">かん</rt><rp>）</rp>字<rp>（</rp><rt aria-hidden=\"true\">じ</rt><rp>）</rp></ruby>") != std::string::npos);
  CHECK(out.find("<td><ruby>市報<rp>（</rp><rt aria-hidden=\"true\">しほう</rt><rp>）</rp></ruby></td>") != std::string::npos);
  CHECK(f.ds.all().empty());
}

TEST_CASE("passes::ruby: broken author ruby is an error with its line") {
  Fixture f;
  f.run(passes::ruby, "本文\n\n{漢字|かん と続く\n\n{漢字|か|ん|じ}\n");
  REQUIRE(f.ds.all().size() == 2);
  CHECK(f.ds.all()[0].id == "ruby-unclosed");
  CHECK(f.ds.all()[0].where.line == 3);
  CHECK(f.ds.all()[1].id == "ruby-mismatch");
  CHECK(f.ds.all()[1].where.line == 5);
  CHECK(f.ds.all()[1].message == "author ruby '{漢字|か|ん|じ}': 3 readings for 2 characters");
}

TEST_CASE("passes::ruby: an easy-Japanese page shows every reading, whatever the policy") {
  Fixture f;
  f.site.config.ruby.policy = config::RubyPolicy::None;
  f.site.pages[1].easy = true;
  CHECK(f.run(passes::ruby, "地域") == "<p><ruby>地域<rp>（</rp><rt aria-hidden=\"true\">ちいき</rt><rp>）</rp></ruby></p>");
  f.site.pages[1].easy = false;
  CHECK(f.run(passes::ruby, "地域").find("class=\"rh\"") != std::string::npos);
}

TEST_CASE("passes::ruby: code is left alone") {
  Fixture f;
  CHECK(f.run(passes::ruby, "`地域`") == "<p><code>地域</code></p>");
}
