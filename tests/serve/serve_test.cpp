// `tsutawaru serve` end to end (issue 8): the real binary on a free loopback port, a real
// HTTP client, real edits to a copy of the basic fixture site.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "live_server.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>

namespace stdfs = std::filesystem;
using namespace std::chrono_literals;
using tsu::testing::EventStream;
using tsu::testing::LiveServer;

namespace {

struct Site {
  stdfs::path dir;
  Site() {
    char tmpl[] = "/tmp/tsu-serve-XXXXXX";
    dir = mkdtemp(tmpl);
    stdfs::path fixture = stdfs::path(TSU_SOURCE_DIR) / "tests/fixtures/sites/basic";
    stdfs::copy(fixture / "content", dir / "content", stdfs::copy_options::recursive);
    stdfs::copy(fixture / "assets", dir / "assets", stdfs::copy_options::recursive);
    std::ifstream in(fixture / "site.toml");
    std::stringstream toml;
    toml << in.rdbuf();
    std::string text = toml.str();
    auto at = text.find("theme = ");
    text = text.substr(0, at) + "theme = \"" + (stdfs::path(TSU_SOURCE_DIR) / "themes/default").string() + "\"\n";
    std::ofstream(dir / "site.toml") << text;
  }
  ~Site() { stdfs::remove_all(dir); }
  std::string read(const std::string& rel) const {
    std::ifstream in(dir / rel);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // Saves the way editors do: a temporary file renamed over the page.
  void save(const std::string& rel, const std::string& text) const {
    auto tmp = dir / (rel + ".tmp~");
    std::ofstream(tmp) << text;
    stdfs::rename(tmp, dir / rel);
  }
};

// One raw request, exactly as given (clients normalise paths; an attacker does not).
std::pair<int, std::string> raw_get(int port, const std::string& target) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  REQUIRE(send(fd, req.data(), req.size(), 0) == static_cast<ssize_t>(req.size()));
  std::string response;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) response.append(buf, static_cast<std::size_t>(n));
  close(fd);
  int status = response.size() > 12 ? std::atoi(response.substr(9, 3).c_str()) : 0;
  return {status, response};
}

// Waits for a reload event that names path (or "*"); returns its data.
std::string reload_naming(EventStream& events, const std::string& path) {
  for (int i = 0; i < 10; ++i) {
    auto e = events.next("reload", 20s);
    REQUIRE_MESSAGE(e, "no reload event");
    if (e->data.find("\"" + path + "\"") != std::string::npos || e->data.find("\"*\"") != std::string::npos)
      return e->data;
  }
  FAIL("no reload event named " << path);
  return {};
}

}  // namespace

TEST_CASE("serve: pages, HTTP validators and methods") {
  Site site;
  LiveServer server(TSU_BINARY, "site.toml", site.dir.string());
  httplib::Client http("127.0.0.1", server.port());

  auto home = http.Get("/");
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK(home->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(home->body.find("<script src=\"/__tsutawaru/live.js\"") != std::string::npos);
  CHECK(home->body.find("tsutawaru-errors") == std::string::npos);
  auto tag = home->get_header_value("ETag");
  CHECK(tag.size() > 2);
  CHECK_FALSE(home->get_header_value("Last-Modified").empty());

  // Revalidation: the same ETag gives 304 with no body; another gives the page.
  auto again = http.Get("/index.html", {{"If-None-Match", tag}});
  REQUIRE(again);
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  auto other = http.Get("/index.html", {{"If-None-Match", "\"other\""}});
  REQUIRE(other);
  CHECK(other->status == 200);
  auto since = http.Get("/index.html", {{"If-Modified-Since", home->get_header_value("Last-Modified")}});
  REQUIRE(since);
  CHECK(since->status == 304);

  auto head = http.Head("/goal-1/index.html");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(std::stoul(head->get_header_value("Content-Length")) > 1000);

  auto folder = http.Get("/goal-1");
  REQUIRE(folder);
  CHECK(folder->status == 301);
  CHECK(folder->get_header_value("Location").find("/goal-1/") != std::string::npos);

  auto css = http.Get("/css/site.css");
  REQUIRE(css);
  CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
  auto svg = http.Get("/logo.svg");
  REQUIRE(svg);
  CHECK(svg->get_header_value("Content-Type") == "image/svg+xml");
  auto js = http.Get("/__tsutawaru/live.js");
  REQUIRE(js);
  CHECK(js->body.find("EventSource") != std::string::npos);

  auto missing = http.Get("/no-such-page.html");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->body.find("404") != std::string::npos);

  auto post = http.Post("/", "x", "text/plain");
  REQUIRE(post);
  CHECK(post->status == 405);

  // The build output folder is never written by serve.
  CHECK_FALSE(stdfs::exists(site.dir / "public"));

  // Ctrl-C stops cleanly.
  CHECK(server.stop() == 0);
  CHECK(server.output().find("stopping") != std::string::npos);
}

TEST_CASE("serve: no path leaves the site") {
  Site site;
  // A link inside content/ to a file outside it is neither published nor served.
  stdfs::create_symlink("/etc/passwd", site.dir / "content/passwd.txt");
  stdfs::create_directories(site.dir / "content/goal-1/files");
  std::ofstream(site.dir / "content/goal-1/files/plan.txt") << "ok";
  LiveServer server(TSU_BINARY, "site.toml", site.dir.string());
  CHECK(server.output().find("link-outside") != std::string::npos);

  CHECK(raw_get(server.port(), "/goal-1/files/plan.txt").first == 200);
  for (const char* hostile :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/goal-1/..%2f..%2f..%2fetc%2fpasswd",
        "/..%5c..%5cetc%5cpasswd", "/goal-1\\..\\..\\etc\\passwd", "/index.html%00.txt", "/passwd.txt",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/./././../etc/passwd", "/goal-1/files/../../../etc/passwd"}) {
    CAPTURE(hostile);
    auto [status, body] = raw_get(server.port(), hostile);
    CHECK((status == 400 || status == 404));
    CHECK(body.find("root:") == std::string::npos);
  }
}

TEST_CASE("serve: edits rebuild and reload, and a broken file shows its errors over the last good site") {
  Site site;
  LiveServer server(TSU_BINARY, "site.toml", site.dir.string());
  httplib::Client http("127.0.0.1", server.port());
  EventStream events(server.port());
  REQUIRE(events.next("hello", 10s));
  const std::string page = "content/goal-1/index.md";
  const std::string original = site.read(page);

  // An edit: the page changes, the reload event names it, and only it was rendered again.
  site.save(page, original + "\nついかしたぶんです。\n");
  reload_naming(events, "goal-1/index.html");
  auto r = http.Get("/goal-1/");
  REQUIRE(r);
  CHECK(r->body.find("ついかしたぶんです。") != std::string::npos);
  CHECK(server.wait_for("1 of ", 5s));

  // Break it: a second h1 (the page title is the only one).
  site.save(page, original + "\n# とんだみだし\n");
  auto data = reload_naming(events, "goal-1/index.html");
  CHECK(data.find("\"*\"") != std::string::npos);
  for (const char* path : {"/goal-1/", "/", "/no-such-page.html"}) {
    CAPTURE(path);
    auto broken = http.Get(path);
    REQUIRE(broken);
    CHECK(broken->body.find("id=\"tsutawaru-errors\"") != std::string::npos);
    CHECK(broken->body.find("content/goal-1/index.md:") != std::string::npos);
    CHECK(broken->body.find("[heading-h1]") != std::string::npos);
    CHECK(broken->body.find("# とんだみだし") != std::string::npos);  // the source line
  }
  // Underneath, the last good site is still served.
  CHECK(http.Get("/goal-1/")->body.find("ついかしたぶんです。") != std::string::npos);

  // Fix it: the overlay goes away.
  site.save(page, original + "\nなおしたぶんです。\n");
  reload_naming(events, "goal-1/index.html");
  auto fixed = http.Get("/goal-1/");
  REQUIRE(fixed);
  CHECK(fixed->body.find("tsutawaru-errors") == std::string::npos);
  CHECK(fixed->body.find("なおしたぶんです。") != std::string::npos);

  // Edits while a build runs are not lost: save twice in quick succession; the second
  // text must end up served.
  site.save(page, original + "\nいっかいめです。\n");
  std::this_thread::sleep_for(15ms);  // past the debounce, so the first build has started
  site.save(page, original + "\nにかいめです。\n");
  bool seen = false;
  for (int i = 0; i < 6 && !seen; ++i) {
    auto e = events.next("reload", 10s);
    if (!e) break;
    seen = http.Get("/goal-1/")->body.find("にかいめです。") != std::string::npos;
  }
  CHECK(seen);

  // A new page appears; a template edit renders again the pages using it.
  stdfs::create_directories(site.dir / "content/goal-3");
  site.save("content/goal-3/index.md", "+++\ntitle = \"新しい目標\"\nweight = 3\n+++\n\n## 節\n\nほんぶんです。\n");
  reload_naming(events, "goal-3/index.html");
  auto added = http.Get("/goal-3/");
  REQUIRE(added);
  CHECK(added->status == 200);
  CHECK(added->body.find("ほんぶんです。") != std::string::npos);

  // Ctrl-C with a page still listening for events: a clean, quick stop.
  auto start = tsu::testing::Clock::now();
  CHECK(server.stop() == 0);
  CHECK(tsu::testing::Clock::now() - start < 5s);
}
