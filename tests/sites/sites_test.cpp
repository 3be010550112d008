// Whole sites through the pipeline: fixture sites against reviewed golden output,
// must-fail fixtures through the real command line, and the plan's real content.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <build/build.hpp>
#include <cache/cache.hpp>
#include <dom/html.hpp>
#include <print/geometry.hpp>

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>

namespace stdfs = std::filesystem;
using namespace tsu;

namespace {

const stdfs::path source_dir = TSU_SOURCE_DIR;
const stdfs::path fixtures = source_dir / "tests/fixtures";

std::string slurp(const stdfs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, std::string> snapshot(const stdfs::path& dir) {
  std::map<std::string, std::string> files;
  if (!stdfs::exists(dir)) return files;
  for (auto& e : stdfs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[stdfs::relative(e.path(), dir).generic_string()] = slurp(e.path());
  return files;
}

std::vector<std::string> subdirs(const stdfs::path& dir) {
  std::vector<std::string> out;
  for (auto& e : stdfs::directory_iterator(dir))
    if (e.is_directory()) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

struct TempDir {
  stdfs::path path;
  explicit TempDir(const std::string& name) {
    path = stdfs::temp_directory_path() / ("tsu-sites-" + std::to_string(::getpid()) + "-" + name);
    stdfs::remove_all(path);
    stdfs::create_directories(path);
  }
  ~TempDir() { stdfs::remove_all(path); }
};

struct Run {
  int status;
  std::string out;
};

// Runs a shell command, capturing what it prints (stdout and stderr as the command says).
Run shell(const std::string& command) {
  Run r{};
  FILE* p = ::popen(command.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  while (auto n = std::fread(buf, 1, sizeof buf, p)) r.out.append(buf, n);
  int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string quote(const stdfs::path& p) { return "'" + p.string() + "'"; }

build::SinkFactory memory() {
  return [](const stdfs::path&, const std::string&) { return std::make_unique<write::MemorySink>(); };
}

const std::map<std::string, std::string>& built(const build::Result& r) {
  return dynamic_cast<write::MemorySink&>(*r.sink).files();
}

// Builds a site into memory; it must succeed without a single warning.
build::Result build_in_memory(const stdfs::path& config) {
  fs::DiskFileSystem disk;
  build::Options opt;
  opt.config = config;
  auto r = build::run(disk, opt, memory());
  std::string messages;
  for (const auto& d : r.diags.all()) messages += diag::format(d);
  CAPTURE(messages);
  REQUIRE(r.ok);
  CHECK(messages.empty());
  return r;
}

// The default theme's static files (CSS) are copied unchanged; golden files hold the
// pages, not another copy of the stylesheet.
bool copied_from_default_theme(const std::string& path, const std::string& bytes) {
  auto theme_file = source_dir / "themes/default/static" / path;
  return stdfs::is_regular_file(theme_file) && slurp(theme_file) == bytes;
}

bool parses_as_xml(const std::string& html, std::string& why) {
  pugi::xml_document doc;
  auto res = doc.load_buffer(html.data(), html.size(), pugi::parse_default | pugi::parse_doctype);
  why = res.description();
  return static_cast<bool>(res);
}

void collect(pugi::xml_node n, const char* name, std::vector<pugi::xml_node>& out) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (std::string_view(c.name()) == name) out.push_back(c);
    collect(c, name, out);
  }
}

std::vector<pugi::xml_node> all(pugi::xml_node n, const char* name) {
  std::vector<pugi::xml_node> v;
  collect(n, name, v);
  return v;
}

}  // namespace

// Golden files: expected/ holds the reviewed output. TSUTAWARU_UPDATE_GOLDEN=1 rewrites it;
// a person then reads the diff before committing (tests/README.md).
TEST_CASE("fixture sites match their reviewed golden output") {
  bool update = std::getenv("TSUTAWARU_UPDATE_GOLDEN") != nullptr;
  for (const auto& name : subdirs(fixtures / "sites")) {
    CAPTURE(name);
    auto dir = fixtures / "sites" / name;
    auto r = build_in_memory(dir / "site.toml");
    std::map<std::string, std::string> files;
    for (const auto& [path, bytes] : built(r))
      if (!copied_from_default_theme(path, bytes)) files[path] = bytes;
    auto expected_dir = dir / "expected";
    if (update) {
      stdfs::remove_all(expected_dir);
      for (const auto& [path, bytes] : files) {
        stdfs::create_directories((expected_dir / path).parent_path());
        std::ofstream(expected_dir / path, std::ios::binary) << bytes;
      }
    }
    auto expected = snapshot(expected_dir);
    std::set<std::string> got_names, want_names;
    for (const auto& [k, v] : files) got_names.insert(k);
    for (const auto& [k, v] : expected) want_names.insert(k);
    CHECK(got_names == want_names);
    for (const auto& [path, bytes] : expected) {
      CAPTURE(path);
      auto it = files.find(path);
      if (it != files.end()) CHECK(it->second == bytes);
    }
  }
}

// Each must-fail fixture holds expected.txt: exactly what `tsutawaru build` prints on
// stderr, with the output folder written as $OUT. The build must exit 1 and leave an
// existing output folder byte for byte as it was.
TEST_CASE("must-fail fixtures print their diagnostics and change nothing") {
  auto names = subdirs(fixtures / "fail");
  CHECK(names.size() >= 3);
  for (const auto& name : names) {
    CAPTURE(name);
    auto dir = fixtures / "fail" / name;
    TempDir tmp(name);
    auto out = tmp.path / "public";
    stdfs::create_directories(out / "goal-1");
    std::ofstream(out / "index.html") << "<p>the site as published yesterday</p>\n";
    std::ofstream(out / "goal-1/index.html") << "<p>目標1</p>\n";
    auto before = snapshot(tmp.path);

    auto run = shell("cd " + quote(dir) + " && " + quote(TSU_BINARY) + " build --out " + quote(out) +
                     " 2>&1 >/dev/null");
    std::string got = std::regex_replace(run.out, std::regex(out.string()), "$$OUT");
    std::string want = slurp(dir / "expected.txt");
    CHECK(run.status == 1);
    CHECK(got == want);
    CHECK(snapshot(tmp.path) == before);
  }
}

// Generated rather than committed (issue 10): a 20 MB page is refused with a clear message
// and no change; a 50,000-row table builds (row groups, ruby and all).
TEST_CASE("limits: a 20 MB page is refused, a 50,000-row table builds") {
  TempDir tmp("limits");
  stdfs::create_directories(tmp.path / "content");
  std::ofstream(tmp.path / "site.toml") << "title = \"t\"\ntheme = \"" << (source_dir / "themes/default").string() << "\"\n";
  {
    std::ofstream big(tmp.path / "content/_index.md");
    big << "+++\ntitle = \"t\"\n+++\n\n";
    std::string line = std::string(100, 'a') + "\n";
    for (int i = 0; i < 20 * 1024 * 1024 / 101; ++i) big << line;
  }
  auto run = shell("cd " + quote(tmp.path) + " && " + quote(TSU_BINARY) + " build 2>&1");
  CHECK(run.status == 1);
  CHECK(run.out.rfind("content/_index.md: error: the page is 20.0 MB; a page may be at most 8 MB [page-too-large]", 0) == 0);
  CHECK_FALSE(stdfs::exists(tmp.path / "public"));

  {
    std::ofstream table(tmp.path / "content/_index.md");
    table << "+++\ntitle = \"t\"\n+++\n\n| 取り組み | 主な事業 | 所管課 |\n| --- | --- | --- |\n";
    for (int i = 0; i < 50000; ++i)
      table << "| " << (i % 5 == 0 ? "①項目" : "") << " | 事業" << i << "の実施 | 生活福祉課 |\n";
    table << "\nTable: 大きな表\n";
  }
  run = shell("cd " + quote(tmp.path) + " && " + quote(TSU_BINARY) + " build 2>&1");
  CHECK(run.status == 0);
  auto html = slurp(tmp.path / "public/index.html");
  CHECK(std::count(html.begin(), html.end(), '\n') > 0);
  std::size_t groups = 0;
  for (auto pos = html.find("scope=\"rowgroup\""); pos != std::string::npos; pos = html.find("scope=\"rowgroup\"", pos + 1)) ++groups;
  CHECK(groups == 10000);
}

TEST_CASE("command line: help, version and usage errors") {
  auto bin = quote(TSU_BINARY);
  auto help = shell(bin + " --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("usage: tsutawaru <command>") != std::string::npos);
  auto version = shell(bin + " --version");
  CHECK(version.status == 0);
  CHECK(version.out == std::string("tsutawaru ") + TSUTAWARU_VERSION + "\n");
  CHECK(shell(bin + " 2>&1").status == 2);
  auto unknown = shell(bin + " bild 2>&1");
  CHECK(unknown.status == 2);
  CHECK(unknown.out.rfind("tsutawaru: unknown command 'bild'", 0) == 0);
  CHECK(shell(bin + " build --frobnicate 2>&1").status == 2);
  CHECK(shell(bin + " build --out 2>&1").status == 2);
  CHECK(shell(bin + " build --help").status == 0);
}

TEST_CASE("command line: readings shows the site's furigana and the unknown words") {
  auto bin = quote(TSU_BINARY) + " readings --config " + quote(source_dir / "site.toml");
  auto ruby = shell("printf '茶話会に参加\\n' | " + bin);
  CHECK(ruby.status == 0);
  // readings.toml's さわかい wins over the dictionary's ちゃばなし
  CHECK(ruby.out.find("<rt aria-hidden=\"true\">さ</rt>") != std::string::npos);
  CHECK(ruby.out.find("ちゃ") == std::string::npos);
  auto unknown = shell("printf '市民協働の𠮷野家\\n' | " + bin + " --unknown");
  CHECK(unknown.status == 0);
  CHECK(unknown.out == "\"𠮷\" = \"\"  # unknown; line 1: 市民協働の𠮷野家\n");  // 協働 is in readings.toml
  // a word the analyser could read two ways is listed with both readings
  auto ambiguous = shell("printf '回覧板で\\n' | " + bin + " --unknown");
  CHECK(ambiguous.out == "\"板\" = \"ばん\"  # ばん or いた? line 1: 回覧板で\n");
}

TEST_CASE("command line: check prints figures side by side and fails --strict on a broken rule") {
  auto bin = quote(TSU_BINARY) + " check --config ";
  auto plan = shell(bin + quote(source_dir / "site.toml") + " --strict 2>/dev/null");
  CHECK(plan.status == 0);
  CHECK(plan.out.find("goal-1/index ") != std::string::npos);
  CHECK(plan.out.find(" → ") != std::string::npos);
  auto json = shell(bin + quote(source_dir / "site.toml") + " --format json");
  CHECK(json.out.rfind("[\n", 0) == 0);
  CHECK(json.out.find("\"page\": \"goal-1/index.easy.md\", \"easy\": true") != std::string::npos);

  TempDir tmp("check");
  stdfs::create_directories(tmp.path / "content");
  std::ofstream(tmp.path / "site.toml") << "title = \"t\"\ntheme = \"" << (source_dir / "themes/default").string() << "\"\n";
  std::ofstream(tmp.path / "content/_index.md") << "+++\ntitle = \"t\"\n+++\n\nふつうの ページです。\n";
  std::ofstream(tmp.path / "content/_index.easy.md") << "+++\ntitle = \"t\"\n+++\n\nいけんを いただきます。\n";
  auto broken = shell(bin + quote(tmp.path / "site.toml") + " --strict 2>&1");
  CHECK(broken.status == 1);
  CHECK(broken.out.find(tmp.path.string() + "/content/_index.easy.md:5:1: keigo: いけんを いただきます。") !=
        std::string::npos);
  CHECK(shell(bin + quote(tmp.path / "site.toml") + " 2>&1").status == 0);  // without --strict: a report
}

TEST_CASE("command line: the output may not be the content folder or hold it") {
  TempDir tmp("unsafe");
  auto site = fixtures / "sites/basic";
  auto before = snapshot(site);
  for (const char* out : {"content", "."}) {
    CAPTURE(out);
    auto run = shell("cd " + quote(site) + " && " + quote(TSU_BINARY) + " build --out " + out + " 2>&1");
    CHECK(run.status == 1);
    CHECK(run.out.find("error: refusing to write the site here") != std::string::npos);
  }
  CHECK(snapshot(site) == before);  // nothing in the site was touched
}

TEST_CASE("command line: --config builds another site, paths relative to its folder") {
  TempDir tmp("config");
  auto run = shell("cd " + quote(tmp.path) + " && " + quote(TSU_BINARY) + " build --config " +
                   quote(fixtures / "sites/basic/site.toml") + " --out site 2>&1");
  CHECK(run.status == 0);
  CHECK(stdfs::exists(tmp.path / "site/goal-1/index.html"));
  CHECK(stdfs::exists(tmp.path / "site/logo.svg"));
}

// Issue 9: a build whose inputs did not change does nothing (and says its warnings again);
// a build after an edit links every file whose bytes did not change from the previous site,
// so those keep their modification time, and writes the same site as a build from nothing.
TEST_CASE("command line: a second build with nothing changed does nothing") {
  TempDir tmp("again");
  auto basic = fixtures / "sites/basic";
  stdfs::copy(basic / "content", tmp.path / "content", stdfs::copy_options::recursive);
  stdfs::copy(basic / "assets", tmp.path / "assets", stdfs::copy_options::recursive);
  std::ofstream(tmp.path / "site.toml") << "title = \"テスト計画\"\ntheme = \""
                                        << (source_dir / "themes/default").string() << "\"\n";
  // a table without a caption: a warning every build must show
  std::ofstream(tmp.path / "content/goal-2/index.md", std::ios::app) << "\n| 項目 | 内容 |\n| --- | --- |\n| 日時 | 毎月 |\n";
  auto build = [&](const std::string& extra = "") {
    return shell("cd " + quote(tmp.path) + " && " + quote(TSU_BINARY) + " build" + extra + " 2>&1");
  };
  auto mtime = [&](const char* rel) { return stdfs::last_write_time(tmp.path / "public" / rel); };
  auto published = [&] {  // the site's files, without the manifest (which records times)
    auto files = snapshot(tmp.path / "public");
    CHECK(files.erase(".tsutawaru-manifest") == 1);
    return files;
  };

  auto first = build();
  CAPTURE(first.out);
  REQUIRE(first.status == 0);
  CHECK(first.out.find("built 8 pages") != std::string::npos);
  CHECK(first.out.find("table-no-caption") != std::string::npos);
  auto site = published();
  auto goal1 = mtime("goal-1/index.html");

  auto second = build();
  CHECK(second.status == 0);
  CHECK(second.out.find("public/ is up to date (8 pages, ") != std::string::npos);
  CHECK(second.out.find("table-no-caption") != std::string::npos);  // said again
  CHECK(published() == site);
  CHECK(mtime("goal-1/index.html") == goal1);

  // the same bytes written again (a checkout, an editor saving unchanged): still nothing to do
  auto text = slurp(tmp.path / "content/goal-1/index.md");
  std::ofstream(tmp.path / "content/goal-1/index.md", std::ios::trunc) << text;
  CHECK(build().out.find("is up to date") != std::string::npos);

  // somebody's file in the output: kept and reported; --clean builds and removes it
  std::ofstream(tmp.path / "public/banner.png") << "the city's own file";
  auto foreign = build();
  CHECK(foreign.out.find("is up to date") != std::string::npos);
  CHECK(foreign.out.find("output-foreign") != std::string::npos);
  auto cleaned = build(" --clean");
  CHECK(cleaned.out.find("built 8 pages") != std::string::npos);
  CHECK_FALSE(stdfs::exists(tmp.path / "public/banner.png"));

  // a published file edited by hand: the build puts it right
  std::ofstream(tmp.path / "public/goal-2/index.html", std::ios::trunc) << "edited";
  CHECK(build().out.find("built 8 pages") != std::string::npos);
  CHECK(published() == site);
  goal1 = mtime("goal-1/index.html");
  auto goal2 = mtime("goal-2/index.html");

  // an edit to goal 2's text: goal 2's files change, goal 1's page is the same file as before
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::ofstream(tmp.path / "content/goal-2/index.md", std::ios::app) << "\nボランティアの集まりがあります。\n";
  auto edited = build();
  CHECK(edited.out.find("built 8 pages") != std::string::npos);
  CHECK(mtime("goal-1/index.html") == goal1);
  CHECK(mtime("goal-2/index.html") != goal2);
  CHECK(slurp(tmp.path / "public/goal-2/index.html").find("ボランティア") != std::string::npos);
  auto incremental = published();
  stdfs::remove_all(tmp.path / "public");
  REQUIRE(build().status == 0);
  CHECK(published() == incremental);
}

// The plan itself: content/ builds without errors, and every goal page has its sections
// and its 市が取り組むこと tables.
TEST_CASE("the same site and messages whatever the number of threads") {
  fs::DiskFileSystem disk;
  auto build_with = [&](unsigned jobs) {
    build::Options opt;
    opt.config = source_dir / "site.toml";
    opt.jobs = jobs;
    return build::run(disk, opt, memory());
  };
  auto one = build_with(1);
  auto three = build_with(3);
  REQUIRE(one.ok);
  REQUIRE(three.ok);
  CHECK(built(one) == built(three));
  CHECK(one.diags.all().size() == three.diags.all().size());
}

TEST_CASE("[outputs] departments = false builds the pages without the 所管課 index") {
  auto work = stdfs::temp_directory_path() / "tsu-outputs-off";
  stdfs::remove_all(work);
  stdfs::create_directories(work);
  std::ifstream in(source_dir / "site.toml");
  std::stringstream toml;
  toml << in.rdbuf();
  std::ofstream(work / "site.toml") << toml.str() << "\n[outputs]\ndepartments = false\n";
  for (const char* dir : {"content", "themes", "assets"})
    stdfs::create_directory_symlink(source_dir / dir, work / dir);
  auto r = build_in_memory(work / "site.toml");
  const auto& files = built(r);
  CHECK(files.count("goal-1/index.html") == 1);
  CHECK(files.count("accessibility/index.html") == 1);
  for (const auto& [path, bytes] : files) CHECK(path.rfind("departments/", 0) != 0);
  CHECK(files.at("goal-1/index.html").find("departments/index.html") == std::string::npos);
  stdfs::remove_all(work);
}

// Issue 9: a build parses, passes, renders and writes a batch of pages at a time and frees
// them, keeping only what the 所管課 pages, print pages and EPUB need. A build with a cache
// keeps every page (as serve does); both must give the same site and the same messages.
TEST_CASE("a site made a batch of pages at a time is the site made whole") {
  fs::DiskFileSystem disk;
  auto build_with = [&](cache::Cache* cache, unsigned jobs) {
    build::Options opt;
    opt.config = source_dir / "site.toml";
    opt.cache = cache;
    opt.jobs = jobs;
    return build::run(disk, opt, memory());
  };
  auto streamed = build_with(nullptr, 2);
  cache::Cache cache;
  auto whole = build_with(&cache, 2);
  REQUIRE(streamed.ok);
  REQUIRE(whole.ok);
  // the streaming build ran its own stages: parsing, passes and rendering in one
  std::vector<std::string> stages;
  for (const auto& t : streamed.timings) stages.push_back(t.stage);
  CHECK(std::find(stages.begin(), stages.end(), "pages") != stages.end());
  CHECK(std::find(stages.begin(), stages.end(), "markdown") == stages.end());
  const auto& files = built(streamed);
  CHECK(files == built(whole));
  // every kind of output is there: pages, read-aloud, print with voice codes, 所管課, EPUB
  for (const char* path : {"goal-1/index.html", "goal-1/read/read.ssml", "print/index.html", "goal-3/print/codes.json",
                           "departments/index.html", "plan.epub"})
    CHECK_MESSAGE(files.count(path) == 1, path);
  CHECK(streamed.pages == whole.pages);
  CHECK(streamed.files == whole.files);
  CHECK(streamed.diags.all().size() == whole.diags.all().size());
  // one thread, and batches of 5 pages (11 of them)
  build::Options small;
  small.config = source_dir / "site.toml";
  small.jobs = 1;
  small.batch = 5;
  auto batches = build::run(disk, small, memory());
  REQUIRE(batches.ok);
  CHECK(built(batches) == files);
}

// --proof draws the voice-code slot on the print pages, in a build made a batch at a time
// as in one made whole.
TEST_CASE("command line: --proof shows the voice-code slot on the print pages") {
  TempDir tmp("proof");
  auto build = [&](const char* out, const std::string& extra) {
    return shell("cd " + quote(tmp.path) + " && " + quote(TSU_BINARY) + " build --config " +
                 quote(source_dir / "site.toml") + " --out " + out + extra + " 2>&1");
  };
  REQUIRE(build("plain", "").status == 0);
  REQUIRE(build("proof", " --proof").status == 0);
  auto plain = slurp(tmp.path / "plain/goal-1/print/index.html");
  auto proof = slurp(tmp.path / "proof/goal-1/print/index.html");
  REQUIRE_FALSE(plain.empty());
  CHECK(plain != proof);
  // the plan has no [print]: the default geometry. Without --proof its stylesheet hides the
  // slot and the notch; with it, it does not.
  auto g = print::geometry(config::PrintConfig{});
  CHECK(plain.find(print::stylesheet(g, false)) != std::string::npos);
  CHECK(proof.find(print::stylesheet(g, false)) == std::string::npos);
  CHECK(proof.find(print::stylesheet(g, true)) != std::string::npos);
  CHECK(slurp(tmp.path / "plain/goal-1/index.html") == slurp(tmp.path / "proof/goal-1/index.html"));
}

TEST_CASE("command line: a batch-at-a-time build that fails reports every error and changes nothing") {
  TempDir tmp("stream-fail");
  std::ofstream(tmp.path / "site.toml") << "title = \"t\"\ntheme = \"" << (source_dir / "themes/default").string()
                                        << "\"\n[outputs]\ndepartments = false\nprint = false\nepub = false\n";
  stdfs::create_directories(tmp.path / "content");
  std::ofstream(tmp.path / "content/_index.md") << "+++\ntitle = \"計画\"\n+++\n\n計画の本文です。\n";
  auto page = [&](int i, const std::string& body) {
    auto dir = tmp.path / "content" / ("page-" + std::to_string(100 + i));
    stdfs::create_directories(dir);
    std::ofstream(dir / "index.md") << "+++\ntitle = \"ページ" << i << "\"\nweight = " << i << "\n+++\n\n" << body << "\n";
  };
  for (int i = 0; i < 80; ++i) page(i, "地域の活動について説明します。");
  auto run = [&] { return shell("cd " + quote(tmp.path) + " && " + quote(TSU_BINARY) + " build --jobs 1 --verbose 2>&1"); };
  auto good = run();
  REQUIRE(good.status == 0);
  CHECK(good.out.find("built 81 pages") != std::string::npos);
  CHECK(good.out.find("  pages: ") != std::string::npos);  // made a batch at a time
  auto before = snapshot(tmp.path / "public");

  // two author-ruby errors, in the first batch and in the second (64 pages a batch)
  page(2, "{西東京市|にしとうきょうし");
  page(70, "{地域|ちいき");
  auto bad = run();
  CHECK(bad.status != 0);
  CHECK(bad.out.find("page-102/index.md") != std::string::npos);
  CHECK(bad.out.find("page-170/index.md") != std::string::npos);
  CHECK(bad.out.find("ruby-unclosed") != std::string::npos);
  CHECK(snapshot(tmp.path / "public") == before);
  CHECK(subdirs(tmp.path) == std::vector<std::string>{"content", "public"});  // no staging folder left
}

TEST_CASE("the plan's content builds into a complete site") {
  auto r = build_in_memory(source_dir / "site.toml");
  const auto& files = built(r);

  // Tables per goal: one per 施策, except goal 2's (1), whose rows the source PDF lost.
  const std::map<std::string, int> tables = {{"goal-1", 3}, {"goal-2", 2}, {"goal-3", 3},
                                             {"goal-4", 3}, {"goal-5", 2}, {"goal-6", 3}};
  std::set<std::string> titles;
  for (const auto& [page, n_tables] : tables) {
    CAPTURE(page);
    auto it = files.find(page + "/index.html");
    REQUIRE(it != files.end());
    std::string why;
    REQUIRE_MESSAGE(parses_as_xml(it->second, why), why);
    pugi::xml_document doc;
    doc.load_buffer(it->second.data(), it->second.size(), pugi::parse_default | pugi::parse_doctype);
    auto html = doc.child("html");
    CHECK(std::string(html.attribute("lang").value()) == "ja");
    titles.insert(html.child("head").child("title").text().get());
    CHECK(all(html, "h1").size() == 1);
    CHECK(all(html, "main").size() == 1);
    auto main = all(html, "main")[0];

    std::vector<std::string> h2, h3, h4;
    for (auto h : all(main, "h2")) h2.push_back(dom::text_content(h));
    for (auto h : all(main, "h3")) h3.push_back(dom::text_content(h));
    for (auto h : all(main, "h4")) h4.push_back(dom::text_content(h));
    CHECK(h2 == std::vector<std::string>{"関連ページ", "このページの内容", "現状と課題", "今後の取り組み"});
    // the goal page links to its comparison page (issue 5)
    CHECK(it->second.find("<a href=\"../" + page + "/compare/index.html\">主な事業比較(第4期・第5期)</a>") !=
          std::string::npos);
    CHECK(std::count(h3.begin(), h3.end(), "課題") == 1);
    CHECK(std::count(h3.begin(), h3.end(), "実際に寄せられた意見(抜粋)") == 1);
    for (const char* group : {"アンケートでの意見", "団体・事業者ヒアリングでの意見", "地区懇談会での意見"})
      CHECK(std::count(h4.begin(), h4.end(), group) == 1);
    auto n_measures = std::count_if(h3.begin(), h3.end(), [](const std::string& s) { return s.rfind("(", 0) == 0; });
    CHECK(std::count(h4.begin(), h4.end(), "施策の方向") == n_measures);
    CHECK(std::count(h4.begin(), h4.end(), "地域で取り組むこと") == n_measures);
    CHECK(std::count(h4.begin(), h4.end(), "市が取り組むこと") == n_measures);
    CHECK(all(main, "div").size() >= static_cast<std::size_t>(n_measures));

    auto ts = all(main, "table");
    CHECK(ts.size() == static_cast<std::size_t>(n_tables));
    for (auto t : ts) {
      CHECK(dom::text_content(t.child("caption")).rfind("市が取り組むこと：(", 0) == 0);
      auto ths = all(t.child("thead"), "th");
      REQUIRE(ths.size() == 2);
      CHECK(dom::text_content(ths[0]) == "取り組み内容");
      CHECK(dom::text_content(ths[1]) == "所管課");
      CHECK(std::string(ths[0].attribute("scope").value()) == "col");
      for (auto tr : all(t.child("tbody"), "tr")) {
        CHECK(std::string(tr.child("th").attribute("scope").value()) == "row");
        // every row: ① title in bold, then its description; departments never empty
        auto item = dom::text_content(tr.child("th").child("strong"));
        bool numbered = false;
        for (const char* n : {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"})
          numbered = numbered || item.rfind(std::string(n) + " ", 0) == 0;
        CHECK_MESSAGE(numbered, item);
        CHECK_FALSE(dom::text_content(tr.child("td")).empty());
      }
    }
  }
  // Comparison pages (issue 5): per 施策 a 第4期 and a 第5期 table, grouped by measure.
  for (const auto& [goal, n] : tables) {
    CAPTURE(goal);
    auto it = files.find(goal + "/compare/index.html");
    REQUIRE(it != files.end());
    pugi::xml_document doc;
    REQUIRE(doc.load_buffer(it->second.data(), it->second.size(), pugi::parse_default | pugi::parse_doctype));
    titles.insert(doc.child("html").child("head").child("title").text().get());
    auto main = all(doc, "main")[0];
    auto ts = all(main, "table");
    CHECK(ts.size() == 2 * (all(main, "h2").size() - 1));  // two per 施策 (h2), less the TOC's h2
    int fourth = 0, fifth = 0;
    for (auto t : ts) {
      std::string caption = dom::text_content(t.child("caption"));
      fourth += caption.rfind("第4期 (", 0) == 0;
      fifth += caption.rfind("第5期 (", 0) == 0;
      auto ths = all(t.child("thead"), "th");
      CHECK(ths.size() == (caption.rfind("第5期", 0) == 0 ? 4u : 3u));
      for (auto th : ths) CHECK(std::string(th.attribute("scope").value()) == "col");
      for (auto tbody : t.children("tbody")) {
        // a table whose every measure has one project has no groups: its rows are keyed by
        // the measure alone (docs/content-format.md)
        std::string scope = tbody.child("tr").child("th").attribute("scope").value();
        CHECK((scope == "rowgroup" || scope == "row"));
        for (auto tr : tbody.children("tr")) CHECK(std::string(tr.find_child_by_attribute("th", "scope", "row").name()) == "th");
      }
    }
    CHECK(fourth == fifth);
    CHECK(fourth >= 2);
  }
  CHECK(titles.size() == 2 * tables.size());  // every <title> is unique

  // やさしい日本語 pages (issue 4): the top page and every goal, linked both ways.
  for (std::string dir : {"", "goal-1/", "goal-2/", "goal-3/", "goal-4/", "goal-5/", "goal-6/"}) {
    CAPTURE(dir);
    auto standard = files.find(dir + "index.html");
    auto easy = files.find(dir + "easy/index.html");
    REQUIRE(standard != files.end());
    REQUIRE(easy != files.end());
    CHECK(standard->second.find("<a class=\"tool-link\" href=\"" + std::string(dir.empty() ? "" : "../") + dir +
                                "easy/index.html\">やさしい日本語</a>") != std::string::npos);
    CHECK(standard->second.find("<link rel=\"alternate\"") != std::string::npos);
    CHECK(easy->second.find(">ふつうの日本語</a>") != std::string::npos);
    CHECK(easy->second.find("<body class=\"easy\">") != std::string::npos);
    CHECK(easy->second.find("class=\"rh\"") == std::string::npos);  // every kanji has its reading shown
    std::string why;
    CHECK_MESSAGE(parses_as_xml(easy->second, why), why);
  }
  CHECK(files.count("index.html") == 1);
  CHECK(files.at("index.html").find("goal-6/index.html") != std::string::npos);
}
