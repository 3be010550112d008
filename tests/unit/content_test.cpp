#include <content/site.hpp>
#include <parallel/pool.hpp>

#include <doctest/doctest.h>

using namespace tsu;

namespace {
config::SiteConfig cfg() {
  config::SiteConfig c;
  c.content_dir = "content";
  c.output_dir = "public";
  return c;
}
}  // namespace

TEST_CASE("content::split_front_matter") {
  diag::Diagnostics ds;
  SUBCASE("front matter and body with line numbers") {
    auto s = content::split_front_matter("+++\ntitle = \"a\"\n+++\n本文\n", "x.md", ds);
    REQUIRE(s);
    CHECK(s->front == "title = \"a\"\n");
    CHECK(s->body == "本文\n");
    CHECK(s->front_line == 2);
    CHECK(s->body_line == 4);
  }
  SUBCASE("no front matter") {
    auto s = content::split_front_matter("# 見出し\n", "x.md", ds);
    REQUIRE(s);
    CHECK(s->front.empty());
    CHECK(s->body == "# 見出し\n");
  }
  SUBCASE("never closed") {
    CHECK_FALSE(content::split_front_matter("+++\ntitle = \"a\"\n本文\n", "x.md", ds));
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "front-matter-unterminated");
    CHECK(ds.all()[0].where.line == 1);
  }
}

TEST_CASE("content::normalise_source") {
  diag::Diagnostics ds;
  CHECK(content::normalise_source("\xEF\xBB\xBF" "a\r\nb", "x.md", ds) == "a\nb");
  CHECK(content::normalise_source("\xe3\x81\x8b\xe3\x82\x99", "x.md", ds) == "が");
  // only a CR before an LF goes; a CR on its own stays
  CHECK(content::normalise_source("a\r\r\nb\rc\r\n\r\n", "x.md", ds) == "a\r\nb\rc\n\n");
  CHECK(content::normalise_source("\r\n", "x.md", ds) == "\n");
  CHECK(content::normalise_source("end\r", "x.md", ds) == "end\r");
  CHECK(content::normalise_source("", "x.md", ds) == "");
  CHECK_FALSE(content::normalise_source("ok\n\xff", "x.md", ds));
  REQUIRE(ds.all().size() == 1);
  CHECK(ds.all()[0].where.line == 2);
  CHECK(ds.all()[0].message == "the file is not valid UTF-8 (byte offset 3)");
}

TEST_CASE("content::load orders pages and maps paths") {
  fs::MemoryFileSystem fs;
  fs.add("content/_index.md", "+++\ntitle = \"top\"\n+++\n");
  fs.add("content/goal-2/index.md", "+++\ntitle = \"b\"\nweight = 2\n+++\n");
  fs.add("content/goal-1/index.md", "+++\ntitle = \"a\"\nlabel = \"基本目標1\"\nweight = 2\n+++\n");
  fs.add("content/goal-1/index.easy.md", "+++\ntitle = \"a\"\n+++\n");
  fs.add("content/goal-1/figure.png", "PNG");
  fs.add("content/readings.toml", "");
  diag::Diagnostics ds;
  auto site = content::load(fs, cfg(), ds);
  REQUIRE(site);
  REQUIRE(site->pages.size() == 4);
  CHECK(site->pages[0].kind == content::PageKind::Home);
  CHECK(site->pages[0].url_path == "index.html");
  CHECK(site->pages[1].rel == "goal-1/index.easy.md");  // weight 0 first
  CHECK(site->pages[1].easy);
  CHECK(site->pages[1].url_path == "goal-1/easy/index.html");
  CHECK(site->pages[1].alternate == 2u);
  CHECK(site->pages[2].rel == "goal-1/index.md");  // same weight as goal-2: by path
  CHECK(site->pages[2].url_path == "goal-1/index.html");
  CHECK(site->pages[2].full_title() == "基本目標1 a");
  CHECK(site->pages[2].easy_rel == "goal-1/index.easy.md");
  CHECK(site->pages[2].alternate == 1u);
  CHECK(site->pages[1].parent == 2u);  // the easy page sits below its standard page
  CHECK(site->pages[2].body_line == 6);
  CHECK(site->resources == std::vector<std::string>{"goal-1/figure.png"});
}

TEST_CASE("content::load reports bad pages") {
  fs::MemoryFileSystem fs;
  diag::Diagnostics ds;
  SUBCASE("unknown front-matter key, with its line in the file") {
    fs.add("content/_index.md", "+++\ntitle = \"top\"\ntitel = \"x\"\n+++\n");
    CHECK_FALSE(content::load(fs, cfg(), ds));
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].where.file == "content/_index.md");
    CHECK(ds.all()[0].where.line == 3);
    CHECK(ds.all()[0].hint == "did you mean 'title'?");
  }
  SUBCASE("two pages with one output path") {
    fs.add("content/_index.md", "+++\ntitle = \"top\"\n+++\n");
    fs.add("content/a.md", "+++\ntitle = \"a\"\n+++\n");
    fs.add("content/a/index.md", "+++\ntitle = \"a\"\n+++\n");
    CHECK_FALSE(content::load(fs, cfg(), ds));
    CHECK(ds.all()[0].id == "duplicate-output");
  }
  SUBCASE("no pages at all") {
    fs.add("content/readings.toml", "");
    CHECK_FALSE(content::load(fs, cfg(), ds));
    CHECK(ds.all()[0].id == "content-empty");
  }
  SUBCASE("no top page") {
    fs.add("content/goal-1/index.md", "+++\ntitle = \"a\"\n+++\n");
    CHECK_FALSE(content::load(fs, cfg(), ds));
    CHECK(ds.all()[0].id == "content-no-home");
  }
  SUBCASE("an easy page without its standard page") {
    fs.add("content/_index.md", "+++\ntitle = \"top\"\n+++\n");
    fs.add("content/goal-9/index.easy.md", "+++\ntitle = \"a\"\n+++\n");
    CHECK_FALSE(content::load(fs, cfg(), ds));
    CHECK(ds.all()[0].id == "easy-without-page");
  }
}

TEST_CASE("content::load on a pool: the same pages and messages, in the same order") {
  fs::MemoryFileSystem fs;
  fs.add("content/_index.md", "+++\ntitle = \"top\"\n+++\n");
  for (int i = 0; i < 40; ++i) {
    auto n = std::to_string(i);
    // every fifth page is broken in its own way; the others differ in weight
    std::string text = i % 5 == 1   ? "+++\ntitle = \"p" + n + "\"\ntitel = \"x\"\n+++\n"
                       : i % 5 == 3 ? "本文だけ\n"
                                    : "+++\ntitle = \"p" + n + "\"\nweight = " + std::to_string(40 - i) + "\n+++\n";
    fs.add("content/part-" + n + "/index.md", text);
  }
  fs.add("content/part-7.md", "+++\ntitle = \"same output as part-7/index.md\"\n+++\n");
  diag::Diagnostics alone, pooled;
  auto one = content::load(fs, cfg(), alone);
  parallel::Pool pool(3);
  auto many = content::load(fs, cfg(), pooled, &pool);
  CHECK_FALSE(one);
  CHECK_FALSE(many);
  REQUIRE(alone.all().size() == pooled.all().size());
  CHECK(alone.all().size() == 17);  // 8 unknown keys, 8 without front matter, 1 duplicate
  for (std::size_t i = 0; i < alone.all().size(); ++i) {
    CHECK(alone.all()[i].id == pooled.all()[i].id);
    CHECK(alone.all()[i].where.file == pooled.all()[i].where.file);
    CHECK(alone.all()[i].where.line == pooled.all()[i].where.line);
  }
  fs::MemoryFileSystem good;
  good.add("content/_index.md", "+++\ntitle = \"top\"\n+++\n");
  for (int i = 0; i < 40; ++i)
    good.add("content/part-" + std::to_string(i) + "/index.md",
             "+++\ntitle = \"p" + std::to_string(i) + "\"\nweight = " + std::to_string(i % 7) + "\n+++\n本文\n");
  diag::Diagnostics d1, d2;
  auto a = content::load(good, cfg(), d1);
  auto b = content::load(good, cfg(), d2, &pool);
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(a->pages.size() == 41);
  REQUIRE(b->pages.size() == 41);
  for (std::size_t i = 0; i < a->pages.size(); ++i) {
    CHECK(a->pages[i].rel == b->pages[i].rel);
    CHECK(a->pages[i].body == b->pages[i].body);
    CHECK(a->pages[i].parent == b->pages[i].parent);
  }
}
