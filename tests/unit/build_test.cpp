#include <build/build.hpp>

#include <doctest/doctest.h>

#include <cstdlib>

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
  CHECK(stages == std::vector<std::string>{"config", "content", "theme", "markdown", "ja",
                                           "passes", "generated", "outputs", "epub", "pdf", "write"});
  const auto& files = sink->files();
  // the two pages, css, logo, each page's read-aloud page, read.txt, read.sjis.txt and
  // read.ssml (this theme has no read layout: its page layout shows them), the EPUB
  CHECK(files.size() == 13);
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
  CHECK(r.sink == nullptr);  // the write stage never ran
  CHECK(r.timings.back().stage == "passes");
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
