#include <serve/http.hpp>
#include <serve/live.hpp>
#include <serve/watch.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace tsu::serve;

TEST_CASE("resolve_target maps request targets to site files") {
  CHECK(resolve_target("/").path == "index.html");
  CHECK(resolve_target("/goal-1/").path == "goal-1/index.html");
  CHECK(resolve_target("/goal-1/").directory);
  CHECK(resolve_target("/goal-1/index.html?x=1#y").path == "goal-1/index.html");
  CHECK(resolve_target("/css/site.css").path == "css/site.css");
  CHECK(resolve_target("//goal-1//index.html").path == "goal-1/index.html");
  // Percent-encoded UTF-8 (department pages have Japanese names).
  CHECK(resolve_target("/departments/%E7%A6%8F%E7%A5%89%E8%AA%B2/").path == "departments/福祉課/index.html");
  CHECK(resolve_target("/departments/福祉課/index.html").path == "departments/福祉課/index.html");
}

TEST_CASE("resolve_target refuses every way out of the site") {
  for (const char* hostile : {"/../etc/passwd", "/goal-1/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/x",
                              "/.%2e/x", "/goal-1/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/a%2fb", "/a%2Fb",
                              "/..\\..\\etc\\passwd", "/a%5cb", "/a%00.html", "/a\x01", "/%zz", "/%4", "/./index.html",
                              "/..", "relative/path", "", "/%ff%fe"}) {
    CAPTURE(hostile);
    auto t = resolve_target(hostile);
    CHECK(t.status == 400);
    CHECK(t.path.empty());
    CHECK_FALSE(t.reason.empty());
  }
}

TEST_CASE("content types carry their charset") {
  CHECK(content_type("goal-1/index.html") == "text/html; charset=utf-8");
  CHECK(content_type("goal-1/read/read.txt") == "text/plain; charset=utf-8");
  CHECK(content_type("goal-1/read/read.sjis.txt") == "text/plain; charset=Shift_JIS");
  CHECK(content_type("goal-1/read/read.ssml") == "application/ssml+xml; charset=utf-8");
  CHECK(content_type("plan.epub") == "application/epub+zip");
  CHECK(content_type("css/site.css") == "text/css; charset=utf-8");
  CHECK(content_type("js/site.js") == "text/javascript; charset=utf-8");
  CHECK(content_type("print/plan.pdf") == "application/pdf");
  CHECK(content_type("unknown.bin") == "application/octet-stream");
}

TEST_CASE("validators: ETag, HTTP dates, 304") {
  CHECK(etag("a") == etag("a"));
  CHECK(etag("a") != etag("b"));
  CHECK(etag("a").front() == '"');
  CHECK(http_date(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
  CHECK(http_date(1795381668) == "Sun, 22 Nov 2026 21:07:48 GMT");
  CHECK(parse_http_date("Sun, 22 Nov 2026 21:07:48 GMT") == 1795381668);
  CHECK(parse_http_date("yesterday") == -1);
  CHECK(parse_http_date("Sun, 22 Foo 2026 21:07:48 GMT") == -1);
  auto tag = etag("page");
  CHECK(not_modified(tag, "", tag, 100));
  CHECK(not_modified("\"other\", " + tag, "", tag, 100));
  CHECK(not_modified("W/" + tag, "", tag, 100));
  CHECK(not_modified("*", "", tag, 100));
  CHECK_FALSE(not_modified("\"other\"", "", tag, 100));
  // If-None-Match wins over If-Modified-Since.
  CHECK_FALSE(not_modified("\"other\"", http_date(200), tag, 100));
  CHECK(not_modified("", http_date(100), tag, 100));
  CHECK(not_modified("", http_date(200), tag, 100));
  CHECK_FALSE(not_modified("", http_date(99), tag, 100));
  CHECK_FALSE(not_modified("", "garbage", tag, 100));
  CHECK_FALSE(not_modified("", "", tag, 100));
}

TEST_CASE("inject puts the script in head and the overlay first in body") {
  auto page = inject("<html><head><title>t</title></head><body class=\"easy\"><p>x</p></body></html>", "<script/>",
                     "<div>err</div>");
  CHECK(page == "<html><head><title>t</title><script/></head><body class=\"easy\"><div>err</div><p>x</p></body></html>");
  CHECK(inject("<p>bare</p>", "<s/>", "") == "<p>bare</p><s/>");
}

TEST_CASE("the error overlay shows each diagnostic as the command line does, escaped") {
  tsu::diag::Diagnostic d{"heading-skip", tsu::diag::Severity::Error, {"content/goal-1/index.md", 42, 1},
                          "heading level skips from h2 to h4", "use '###'", "#### <見出し>"};
  auto html = error_overlay({d});
  CHECK(html.find("role=\"alert\"") != std::string::npos);
  CHECK(html.find("content/goal-1/index.md:42:1: error: heading level skips from h2 to h4") != std::string::npos);
  CHECK(html.find("#### &lt;見出し&gt;") != std::string::npos);
  CHECK(html.find("1 error)") != std::string::npos);
  CHECK(html.find("<見出し>") == std::string::npos);
}

namespace {
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/tsu-watch-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};
void write(const std::filesystem::path& p, const std::string& s) { std::ofstream(p) << s; }
}  // namespace

TEST_CASE("the watcher sees saves, renames, new folders and deletions, and ignores editor files") {
  TempDir dir;
  std::filesystem::create_directories(dir.path / "content/goal-1");
  write(dir.path / "content/goal-1/index.md", "a");
  write(dir.path / "site.toml", "x");
  write(dir.path / "other.txt", "x");
  Watcher w({dir.path / "content", dir.path / "missing-assets"}, {dir.path / "site.toml"});
  REQUIRE(w.ok());
  using std::chrono::milliseconds;

  write(dir.path / "content/goal-1/index.md", "b");
  auto c = w.wait();
  CHECK(c.paths == std::set<std::filesystem::path>{dir.path / "content/goal-1/index.md"});

  // Saved through a temporary dot file renamed over the page (vim, VS Code, our bench).
  write(dir.path / "content/goal-1/.index.md.swp", "c");
  std::filesystem::rename(dir.path / "content/goal-1/.index.md.swp", dir.path / "content/goal-1/index.md");
  c = w.wait();
  CHECK(c.paths == std::set<std::filesystem::path>{dir.path / "content/goal-1/index.md"});

  // A new folder with a page in it: the page counts, and the folder is watched from now on.
  std::filesystem::create_directories(dir.path / "content/goal-9");
  write(dir.path / "content/goal-9/index.md", "new");
  c = w.wait();
  CHECK(c.paths.count(dir.path / "content/goal-9/index.md"));
  write(dir.path / "content/goal-9/index.md", "newer");
  c = w.wait();
  CHECK(c.paths == std::set<std::filesystem::path>{dir.path / "content/goal-9/index.md"});

  // site.toml is watched through its folder; its neighbours are not.
  write(dir.path / "other.txt", "y");
  write(dir.path / "site.toml", "y");
  c = w.wait();
  CHECK(c.paths == std::set<std::filesystem::path>{dir.path / "site.toml"});

  std::filesystem::remove(dir.path / "content/goal-9/index.md");
  c = w.wait();
  CHECK(c.paths.count(dir.path / "content/goal-9/index.md"));

  // stop() ends a wait from another thread.
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(50));
    w.stop();
  });
  c = w.wait();
  stopper.join();
  CHECK(c.stopped);
  CHECK(c.paths.empty());
}
