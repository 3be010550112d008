#include <build/build.hpp>
#include <build/inputs.hpp>
#include <parallel/pool.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <sstream>

using namespace tsu;

namespace {
fs::MemoryFileSystem small_site() {
  fs::MemoryFileSystem fs;
  fs.add("site.toml", "title = \"計画\"\n");
  fs.add("content/_index.md", "+++\ntitle = \"トップ\"\n+++\n本文\n");
  fs.add("content/goal-1/index.md", "+++\ntitle = \"目標\"\n+++\n## 節\n\n[トップへ](../_index.md)\n");
  fs.add("themes/default/layouts/home.mustache", "<html><body>{{{body}}}</body></html>");
  fs.add("themes/default/layouts/page.mustache", "<html><body><h1>{{page.title}}</h1>{{{body}}}</body></html>");
  fs.add("themes/default/static/css/site.css", "body{}");
  fs.add("assets/logo.svg", "<svg/>");
  return fs;
}
// The unit tests never load MeCab: a fake tokenizer stands in (style.md).
const ja::FakeTokenizer fake_tokenizer(std::map<std::string, std::string>{{"目標", "もくひょう"}});
const ja::Services fake_ja{&fake_tokenizer, nullptr, nullptr};
build::Options options() {
  build::Options o;
  o.ja = &fake_ja;
  return o;
}

build::SinkFactory memory() {
  return [](const std::filesystem::path&, const std::string&) {
    return std::make_unique<write::MemorySink>();
  };
}
}  // namespace

TEST_CASE("build::run runs every stage and writes every file") {
  auto fs = small_site();
  auto r = build::run(fs, options(), memory());
  REQUIRE(r.ok);
  auto* sink = dynamic_cast<write::MemorySink*>(r.sink.get());
  REQUIRE(sink);
  std::vector<std::string> stages;
  for (const auto& t : r.timings) stages.push_back(t.stage);
  // made a batch of pages at a time: parsing, passes and rendering are one stage
  CHECK(stages == std::vector<std::string>{"config", "unchanged", "content", "theme", "ja", "pages", "write"});
  // with a cache to fill (serve), every stage over every page in turn
  cache::Cache cache;
  auto with_cache = options();
  with_cache.cache = &cache;
  auto whole = build::run(fs, with_cache, memory());
  REQUIRE(whole.ok);
  stages.clear();
  for (const auto& t : whole.timings) stages.push_back(t.stage);
  CHECK(stages == std::vector<std::string>{"config", "unchanged", "content", "theme", "markdown", "ja",
                                           "passes", "generated", "outputs", "epub", "pdf", "write"});
  CHECK(dynamic_cast<write::MemorySink&>(*whole.sink).files() == sink->files());
  const auto& files = sink->files();
  // the two pages, css, logo, each page's read-aloud page, read.txt, read.sjis.txt, read.kana.txt and
  // read.ssml (this theme has no read layout: its page layout shows them), the EPUB
  CHECK(files.size() == 15);
  CHECK(files.at("plan.epub").substr(30, 28) == "mimetypeapplication/epub+zip");
  CHECK(files.count("goal-1/read/index.html") == 1);
  CHECK(files.at("goal-1/read/read.txt") == "目標。\n\n見出し、節。\nトップへ。\n");
  CHECK(files.at("index.html") == "<html><body><p>本文</p></body></html>");
  CHECK(files.at("goal-1/index.html") ==
        "<html><body><h1>目標</h1><h2 id=\"節\">節</h2><p><a href=\"../index.html\">トップへ</a></p></body></html>");
  CHECK(files.at("css/site.css") == "body{}");
  CHECK(files.at("logo.svg") == "<svg/>");
}

TEST_CASE("build::run stops at the first failing stage and writes nothing") {
  auto fs = small_site();
  fs.add("content/goal-1/index.md", "+++\ntitle = \"目標\"\n+++\n## 節\n\n#### 飛んだ\n");
  auto r = build::run(fs, options(), memory());
  CHECK_FALSE(r.ok);
  CHECK(r.sink == nullptr);  // the site was never finished
  CHECK(r.timings.back().stage == "pages");
  REQUIRE(r.diags.all().size() == 1);
  CHECK(diag::format(r.diags.all()[0]) ==
        "content/goal-1/index.md:6:1: error: heading level skips from h2 to h4 [heading-skip]\n"
        "  hint: use '###' here, or add the missing level above\n");
}

TEST_CASE("build::run writes print pages and voice-code texts when the theme has a print layout") {
  auto fs = small_site();
  fs.add("themes/default/layouts/print.mustache",
         "<html><body>{{#sheets}}<section>{{number}}{{{body}}}</section>{{/sheets}}</body></html>");
  auto r = build::run(fs, options(), memory());
  REQUIRE(r.ok);
  const auto& files = dynamic_cast<write::MemorySink*>(r.sink.get())->files();
  // the whole plan (top page + goal) and the goal alone, numbered through
  CHECK(files.count("print/index.html") == 1);
  CHECK(files.count("goal-1/print/index.html") == 1);
  CHECK(files.at("print/code-01.txt").rfind("1ページ。", 0) == 0);
  CHECK(files.at("goal-1/print/code-02.txt").rfind("2ページ。", 0) == 0);
  CHECK(files.count("goal-1/print/code-02.sjis.txt") == 1);
  CHECK(files.count("print/code-02.txt") == 0);  // the plan's codes.json points at the goal's
  CHECK(files.at("print/codes.json").find("\"../goal-1/print/code-02.txt\"") != std::string::npos);
  CHECK(files.at("goal-1/print/index.html").find("<section>2<h1>") != std::string::npos);
}

TEST_CASE("build::run --pdf fails clearly without Chromium and writes nothing") {
  auto fs = small_site();
  fs.add("themes/default/layouts/print.mustache", "<html><body>{{#sheets}}<p>{{number}}</p>{{/sheets}}</body></html>");
  auto o = options();
  o.pdf = true;
  ::setenv("TSUTAWARU_CHROMIUM", "/nonexistent/chromium", 1);
  auto r = build::run(fs, o, memory());
  ::unsetenv("TSUTAWARU_CHROMIUM");
  CHECK_FALSE(r.ok);
  CHECK(r.sink == nullptr);
  REQUIRE(r.diags.all().size() == 1);
  CHECK(r.diags.all()[0].id == "pdf-chromium-missing");
}

namespace {
std::map<std::string, std::string> files_of(const build::Result& r) {
  auto* sink = dynamic_cast<write::MemorySink*>(r.sink.get());
  REQUIRE(sink);
  return sink->files();
}
}  // namespace

TEST_CASE("a cache makes a second build reuse every page, with the same output and warnings") {
  auto fs = small_site();
  // A warning (table without a caption) must come back from the cache too.
  fs.add("content/goal-1/index.md", "+++\ntitle = \"目標\"\n+++\n## 節\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  cache::Cache cache;
  auto o = options();
  o.cache = &cache;
  auto first = build::run(fs, o, memory());
  REQUIRE(first.ok);
  CHECK(first.cache_stats.passed_run == 2);
  // each page: the page, its read-aloud page, read.txt, read.sjis.txt, read.kana.txt, read.ssml
  CHECK(first.cache_stats.rendered_run == 12);
  auto second = build::run(fs, o, memory());
  REQUIRE(second.ok);
  CHECK(second.cache_stats.passed_run == 0);
  CHECK(second.cache_stats.passed_cached == 2);
  CHECK(second.cache_stats.rendered_run == 0);
  CHECK(second.cache_stats.rendered_cached == 12);
  CHECK(files_of(second) == files_of(first));
  REQUIRE(first.diags.all().size() == 1);
  REQUIRE(second.diags.all().size() == 1);
  CHECK(second.diags.all()[0].id == first.diags.all()[0].id);
  // And the same as a build without any cache.
  CHECK(files_of(build::run(fs, options(), memory())) == files_of(first));
}

TEST_CASE("with a cache, an edit passes and renders only what it touches") {
  auto fs = small_site();
  cache::Cache cache;
  auto o = options();
  o.cache = &cache;
  REQUIRE(build::run(fs, o, memory()).ok);

  SUBCASE("a page's text: that page only") {
    fs.add("content/goal-1/index.md", "+++\ntitle = \"目標\"\n+++\n## 節\n\n変えた\n");
    auto r = build::run(fs, o, memory());
    REQUIRE(r.ok);
    CHECK(r.cache_stats.passed_run == 1);
    CHECK(r.cache_stats.rendered_run == 6);  // the page and its five read-aloud files
    CHECK(files_of(r).at("goal-1/index.html").find("変えた") != std::string::npos);
    CHECK(files_of(r).at("goal-1/read/read.txt").find("変えた") != std::string::npos);
  }
  SUBCASE("a layout: the pages using it only") {
    fs.add("themes/default/layouts/home.mustache", "<html><body><main>{{{body}}}</main></body></html>");
    auto r = build::run(fs, o, memory());
    REQUIRE(r.ok);
    CHECK(r.cache_stats.passed_run == 0);
    // the top page and its read-aloud page (this theme has no read layout: home shows it)
    CHECK(r.cache_stats.rendered_run == 2);
    CHECK(files_of(r).at("index.html") == "<html><body><main><p>本文</p></main></body></html>");
  }
  SUBCASE("the theme's phrase templates: the read-aloud outputs only") {
    fs.add("themes/default/strings.toml", "[speech]\nheading = \"{text}。\"\n");
    auto r = build::run(fs, o, memory());
    REQUIRE(r.ok);
    CHECK(r.cache_stats.rendered_run == 10);
    CHECK(files_of(r).at("goal-1/read/read.txt") == "目標。\n\n節。\nトップへ。\n");
  }
  SUBCASE("an asset: no page") {
    fs.add("assets/logo.svg", "<svg id=\"new\"/>");
    auto r = build::run(fs, o, memory());
    REQUIRE(r.ok);
    CHECK(r.cache_stats.passed_run == 0);
    CHECK(r.cache_stats.rendered_run == 0);
    CHECK(files_of(r).at("logo.svg") == "<svg id=\"new\"/>");
  }
  SUBCASE("a page title: every page shows it in navigation, so every page renders") {
    fs.add("content/goal-1/index.md", "+++\ntitle = \"新しい目標\"\n+++\n## 節\n\n[トップへ](../_index.md)\n");
    auto r = build::run(fs, o, memory());
    REQUIRE(r.ok);
    CHECK(r.cache_stats.passed_run == 1);
    CHECK(r.cache_stats.rendered_run == 12);
  }
  SUBCASE("the configuration: everything") {
    fs.add("site.toml", "title = \"新しい計画\"\n");
    auto r = build::run(fs, o, memory());
    REQUIRE(r.ok);
    CHECK(r.cache_stats.passed_run == 2);
    CHECK(r.cache_stats.rendered_run == 12);
  }
  SUBCASE("a link to a page that is removed fails, even though the linking page is unchanged") {
    fs.add("content/goal-1/index.md", "+++\ntitle = \"目標\"\n+++\n[二へ](../goal-2/index.md)\n");
    fs.add("content/goal-2/index.md", "+++\ntitle = \"二\"\n+++\n本文\n");
    REQUIRE(build::run(fs, o, memory()).ok);
    fs::MemoryFileSystem without = small_site();
    without.add("content/goal-1/index.md", "+++\ntitle = \"目標\"\n+++\n[二へ](../goal-2/index.md)\n");
    auto r = build::run(without, o, memory());
    CHECK_FALSE(r.ok);
  }
}

TEST_CASE("cache::Hasher separates fields") {
  CHECK(cache::Hasher().add("ab").add("c").value() != cache::Hasher().add("a").add("bc").value());
  CHECK(cache::Hasher().add("x").value() == cache::Hasher().add("x").value());
  CHECK(cache::Hasher().add(std::uint64_t{1}).value() != cache::Hasher().add(std::uint64_t{2}).value());
}

// Issue 9: a department named in more than 200 rows gets a page for each 200, linked to the
// ones beside it, so no 所管課 page grows with the site; a build made a batch at a time and
// one made whole (with a cache) agree.
TEST_CASE("a department with many rows gets several pages") {
  auto fs = small_site();
  fs.add("site.toml", "title = \"計画\"\n[easy]\ndepartment_column = \"所管課\"\n");
  std::string table = "| 事業 | 所管課 |\n| --- | --- |\n";
  for (int i = 1; i <= 450; ++i) table += "| 事業" + std::to_string(i) + " | 福祉課 |\n";
  table += "| 最後 | 道路課 |\n\nTable: 事業の一覧\n";
  fs.add("content/goal-1/index.md", "+++\ntitle = \"目標\"\n+++\n## 節\n\n" + table);
  auto streamed = build::run(fs, options(), memory());
  REQUIRE(streamed.ok);
  const auto& files = files_of(streamed);
  REQUIRE(files.count("departments/福祉課/index.html") == 1);
  REQUIRE(files.count("departments/福祉課/2/index.html") == 1);
  REQUIRE(files.count("departments/福祉課/3/index.html") == 1);
  CHECK(files.count("departments/福祉課/4/index.html") == 0);
  CHECK(files.count("departments/道路課/index.html") == 1);
  CHECK(files.count("departments/道路課/2/index.html") == 0);
  auto links = [](const std::string& html) {
    std::size_t n = 0;
    for (auto at = html.find("index.html#measure-"); at != std::string::npos; at = html.find("index.html#measure-", at + 1)) ++n;
    return n;
  };
  const auto& first = files.at("departments/福祉課/index.html");
  const auto& second = files.at("departments/福祉課/2/index.html");
  const auto& third = files.at("departments/福祉課/3/index.html");
  CHECK(links(first) == 200);
  CHECK(links(second) == 200);
  CHECK(links(third) == 50);
  CHECK(first.find("全3ページのうち1ページ目") != std::string::npos);
  CHECK(first.find("href=\"../../departments/福祉課/2/index.html\"") != std::string::npos);  // next
  CHECK(first.find("前のページ") == std::string::npos);
  CHECK(second.find("href=\"../../../departments/福祉課/index.html\"") != std::string::npos);    // previous
  CHECK(second.find("href=\"../../../departments/福祉課/3/index.html\"") != std::string::npos);  // next
  CHECK(third.find("次のページ") == std::string::npos);
  CHECK(second.find("福祉課（2／3）") != std::string::npos);  // its title
  CHECK(files.at("departments/index.html").find("（450件）") != std::string::npos);
  // the rows link back to the page they are on
  CHECK(third.find("href=\"../../../goal-1/index.html#measure-") != std::string::npos);

  cache::Cache cache;
  auto o = options();
  o.cache = &cache;
  auto whole = build::run(fs, o, memory());
  REQUIRE(whole.ok);
  CHECK(files_of(whole) == files);

  // the department pages are filled side by side (the three parts of 福祉課 in one step,
  // its rows freed only after the last): the same pages on one thread and on four
  for (unsigned jobs : {1u, 4u}) {
    auto j = options();
    j.jobs = jobs;
    auto threads = build::run(fs, j, memory());
    REQUIRE(threads.ok);
    CHECK(files_of(threads) == files);
  }
}

TEST_CASE("build::inputs_fingerprint: the same on a pool, another when a page changes") {
  auto fs = small_site();
  for (int i = 0; i < 30; ++i)
    fs.add("content/part-" + std::to_string(i) + "/index.md", "+++\ntitle = \"p\"\n+++\n本文" + std::to_string(i) + "\n");
  diag::Diagnostics ds;
  auto cfg = config::load(fs, "site.toml", ds);
  REQUIRE(cfg);
  auto opts = options();
  opts.config = "site.toml";
  parallel::Pool pool(3);
  const auto alone = build::inputs_fingerprint(fs, opts, *cfg);
  CHECK(build::inputs_fingerprint(fs, opts, *cfg, &pool) == alone);
  fs.add("content/part-17/index.md", "+++\ntitle = \"p\"\n+++\n本文十七\n");
  const auto changed = build::inputs_fingerprint(fs, opts, *cfg, &pool);
  CHECK(changed != alone);
  CHECK(build::inputs_fingerprint(fs, opts, *cfg) == changed);
}

// read.ssml is written as text, not printed from a tree: it must still be XML, with the
// text escaped as pugixml escapes it, each block a <p>, each sentence an <s>, and a word of
// readings.toml a <sub alias>.
TEST_CASE("read.ssml escapes the text and parses as the SSML tree it stands for") {
  auto fs = small_site();
  fs.add("content/goal-1/index.md", "+++\ntitle = \"目標\"\n+++\nA&B \\<C\\> \"D\" 'E'。西東京市の目標です。\n\n## 節\n\n二つ目。\n");
  diag::Diagnostics ds;
  auto readings = ja::ReadingList::parse("\"西東京市\" = \"にしとうきょうし\"\n", "readings.toml", ds);
  REQUIRE(readings);
  ja::Services with_readings = fake_ja;
  with_readings.readings = &*readings;
  auto o = options();
  o.ja = &with_readings;
  auto r = build::run(fs, o, memory());
  for (const auto& d : r.diags.all()) CAPTURE(d.message);
  REQUIRE(r.ok);
  const auto& files = dynamic_cast<write::MemorySink&>(*r.sink).files();
  const auto& ssml = files.at("goal-1/read/read.ssml");
  CHECK(ssml.find("<s>A&amp;B &lt;C&gt; \"D\" 'E'。</s><s><sub alias=\"にしとうきょうし\">西東京市</sub>の目標です。</s>") !=
        std::string::npos);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(ssml.c_str(), pugi::parse_default | pugi::parse_ws_pcdata));
  auto speak = doc.child("speak");
  CHECK(std::string(speak.attribute("xml:lang").value()) == "ja-JP");
  CHECK(std::distance(speak.children("p").begin(), speak.children("p").end()) == 4);  // title, text, heading, text
  CHECK(std::distance(speak.children("break").begin(), speak.children("break").end()) == 1);
  CHECK(std::string(speak.child("p").next_sibling("p").first_child().first_child().value()) == "A&B <C> \"D\" 'E'。");
  std::ostringstream printed;  // pugixml's raw print of the tree gives the same text
  doc.save(printed, "", pugi::format_raw | pugi::format_no_declaration);
  CHECK("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + printed.str() + "\n" == ssml);
}
