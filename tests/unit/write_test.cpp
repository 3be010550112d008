#include <write/manifest.hpp>
#include <write/sink.hpp>

#include <parallel/pool.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <vector>

using namespace tsu;
namespace stdfs = std::filesystem;

namespace {
struct TempDir {
  stdfs::path path;
  TempDir() {
    path = stdfs::temp_directory_path() / ("tsu-write-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(counter()++));
    stdfs::remove_all(path);
    stdfs::create_directories(path);
  }
  ~TempDir() { stdfs::remove_all(path); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};
std::string slurp(const stdfs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("write::DiskSink replaces the site and keeps files it did not write") {
  TempDir tmp;
  auto out = tmp.path / "public";
  diag::Diagnostics ds;
  write::DiskSink sink(out, "public", write::Clean::Keep);
  REQUIRE(sink.commit({{"index.html", "v1"}, {"old/index.html", "gone later"}}, ds));
  CHECK(slurp(out / "index.html") == "v1");
  std::ofstream(out / "city-banner.png") << "the city's own file";

  REQUIRE(sink.commit({{"index.html", "v2"}}, ds));
  CHECK(slurp(out / "index.html") == "v2");
  CHECK_FALSE(stdfs::exists(out / "old/index.html"));     // ours, no longer produced
  CHECK(slurp(out / "city-banner.png") == "the city's own file");  // not ours: kept
  REQUIRE(ds.all().size() == 1);
  CHECK(ds.all()[0].id == "output-foreign");
  CHECK(ds.all()[0].severity == diag::Severity::Warning);

  // nothing is left beside the output
  int entries = 0;
  for ([[maybe_unused]] auto& e : stdfs::directory_iterator(tmp.path)) ++entries;
  CHECK(entries == 1);

  write::DiskSink clean(out, "public", write::Clean::Remove);
  REQUIRE(clean.commit({{"index.html", "v3"}}, ds));
  CHECK_FALSE(stdfs::exists(out / "city-banner.png"));
}

TEST_CASE("write::check_output_dir refuses dangerous folders") {
  TempDir tmp;
  stdfs::create_directories(tmp.path / "content");
  config::SiteConfig cfg;
  cfg.root = tmp.path;
  cfg.content_dir = tmp.path / "content";
  cfg.theme_dir = tmp.path / "themes/default";
  cfg.assets_dir = tmp.path / "assets";
  diag::Diagnostics ds;
  CHECK(write::check_output_dir(tmp.path / "public", cfg, ds));
  CHECK_FALSE(write::check_output_dir(tmp.path / "content", cfg, ds));
  CHECK_FALSE(write::check_output_dir(tmp.path, cfg, ds));  // holds content/
  CHECK_FALSE(write::check_output_dir("/", cfg, ds));
  std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
  ::setenv("HOME", (tmp.path / "home").c_str(), 1);
  stdfs::create_directories(tmp.path / "home");
  CHECK_FALSE(write::check_output_dir(tmp.path / "home", cfg, ds));
  ::setenv("HOME", home.c_str(), 1);
  CHECK(ds.error_count() == 4);
  CHECK(ds.all()[0].id == "output-unsafe");
}

TEST_CASE("write::Manifest keeps files, fingerprint and warnings, and reads the old format") {
  TempDir tmp;
  write::Manifest m;
  m.inputs = 0x0123456789abcdefULL;
  m.pages = 7;
  m.files.push_back({"goal-1/index.html", 12, 1795393588517029815LL, write::content_hash("<p>計画</p>")});
  diag::Diagnostic w;
  w.id = "read-sjis-replaced";
  w.severity = diag::Severity::Warning;
  w.where = {"content/goal-1/index.md", 3, 14};
  w.message = "'𠮷' has no \"Shift_JIS\" code <&>";
  w.hint = "a hint\non two lines";
  w.source_line = "𠮷野家の前で";
  m.warnings.push_back(w);
  std::ofstream(tmp.path / write::manifest_name) << m.serialize();

  auto back = write::Manifest::read(tmp.path);
  CHECK(back.inputs == m.inputs);
  CHECK(back.pages == 7);
  REQUIRE(back.files.size() == 1);
  CHECK(back.files[0].path == "goal-1/index.html");
  CHECK(back.files[0].size == 12);
  CHECK(back.files[0].mtime_ns == 1795393588517029815LL);
  CHECK(back.files[0].hash == m.files[0].hash);
  REQUIRE(back.warnings.size() == 1);
  CHECK(back.warnings[0].id == w.id);
  CHECK(back.warnings[0].severity == diag::Severity::Warning);
  CHECK(back.warnings[0].where.file == w.where.file);
  CHECK(back.warnings[0].where.line == 3);
  CHECK(back.warnings[0].where.column == 14);
  CHECK(back.warnings[0].message == w.message);
  CHECK(back.warnings[0].hint == w.hint);
  CHECK(back.warnings[0].source_line == w.source_line);

  // written by an older tsutawaru: one path a line, nothing else known
  std::ofstream(tmp.path / write::manifest_name, std::ios::trunc) << "index.html\ngoal-1/index.html\n";
  auto old = write::Manifest::read(tmp.path);
  CHECK(old.inputs == 0);
  REQUIRE(old.files.size() == 2);
  CHECK(old.files[1].path == "goal-1/index.html");
  CHECK(old.files[1].mtime_ns == 0);

  CHECK(write::Manifest::read(tmp.path / "nowhere").files.empty());
  CHECK(write::content_hash("a") != write::content_hash("b"));
  CHECK(write::content_hash("12345678") != write::content_hash("12345679"));
  CHECK(write::content_hash("") != write::content_hash(std::string(1, '\0')));
}

TEST_CASE("write::DiskSink links unchanged files from the previous site and writes the others") {
  TempDir tmp;
  auto out = tmp.path / "public";
  diag::Diagnostics ds;
  write::DiskSink sink(out, "public", write::Clean::Keep);
  REQUIRE(sink.commit({{"same.html", "unchanged"}, {"changed.html", "v1"}, {"touched.html", "abc"}}, ds));
  auto inode = [](const stdfs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_ino;
  };
  auto same_before = inode(out / "same.html");
  auto changed_before = inode(out / "changed.html");
  // somebody edits a published file in place: it must not be linked into the new site
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::ofstream(out / "touched.html", std::ios::trunc) << "xyz";

  REQUIRE(sink.commit({{"same.html", "unchanged"}, {"changed.html", "v2"}, {"touched.html", "abc"}}, ds));
  CHECK(slurp(out / "same.html") == "unchanged");
  CHECK(inode(out / "same.html") == same_before);  // linked: the same file, time and all
  CHECK(slurp(out / "changed.html") == "v2");
  CHECK(inode(out / "changed.html") != changed_before);
  CHECK(slurp(out / "touched.html") == "abc");  // written again, not linked from the edited one
  CHECK(ds.all().empty());

  auto m = write::Manifest::read(out);
  REQUIRE(m.files.size() == 3);
  std::vector<std::string> foreign;
  CHECK(write::intact(out, m, foreign));
  CHECK(foreign.empty());
  std::ofstream(out / "city-banner.png") << "the city's own file";
  CHECK(write::intact(out, m, foreign));
  CHECK(foreign == std::vector<std::string>{"city-banner.png"});
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::ofstream(out / "same.html", std::ios::trunc) << "edited!!!";
  foreign.clear();
  CHECK_FALSE(write::intact(out, m, foreign));
  stdfs::remove(out / "same.html");
  CHECK_FALSE(write::intact(out, m, foreign));
}

TEST_CASE("write::intact looks at every file below the folder, on one thread or many") {
  TempDir tmp;
  auto out = tmp.path / "public";
  diag::Diagnostics ds;
  write::DiskSink sink(out, "public", write::Clean::Keep);
  // files at the top, in folders, and three folders deep
  REQUIRE(sink.commit({{"index.html", "top"},
                       {"goal-1/index.html", "one"},
                       {"goal-1/read/read.txt", "read"},
                       {"goal-2/easy/deep/page.html", "deep"},
                       {"css/site.css", "css"}},
                      ds));
  auto m = write::Manifest::read(out);
  REQUIRE(m.files.size() == 5);
  parallel::Pool pool(3);
  for (parallel::Pool* p : {static_cast<parallel::Pool*>(nullptr), &pool}) {
    CAPTURE(p != nullptr);
    std::vector<std::string> foreign{"left from before"};
    CHECK(write::intact(out, m, foreign, p));
    CHECK(foreign.empty());

    // somebody's files, deep and at the top, and a link to a file: listed in path order,
    // the same on any number of threads; a link to a folder is not followed
    std::ofstream(out / "goal-2/easy/deep/notes.txt") << "theirs";
    std::ofstream(out / "banner.png") << "theirs";
    stdfs::create_symlink("index.html", out / "alias.html");
    stdfs::create_directory_symlink("goal-1", out / "goal-link");
    CHECK(write::intact(out, m, foreign, p));
    CHECK(foreign == std::vector<std::string>{"alias.html", "banner.png", "goal-2/easy/deep/notes.txt"});
    CHECK(write::foreign_files(out, [&](std::string_view rel) {
            for (const auto& f : m.files)
              if (f.path == rel) return true;
            return false;
          }) == foreign);
    stdfs::remove(out / "goal-2/easy/deep/notes.txt");
    stdfs::remove(out / "banner.png");
    stdfs::remove(out / "alias.html");
    stdfs::remove(out / "goal-link");

    // one of ours gone from deep down, or made a link, or a folder: not intact
    stdfs::rename(out / "goal-2/easy/deep/page.html", tmp.path / "page.html");
    CHECK_FALSE(write::intact(out, m, foreign, p));
    stdfs::create_symlink(tmp.path / "page.html", out / "goal-2/easy/deep/page.html");
    CHECK_FALSE(write::intact(out, m, foreign, p));
    stdfs::remove(out / "goal-2/easy/deep/page.html");
    stdfs::create_directory(out / "goal-2/easy/deep/page.html");
    CHECK_FALSE(write::intact(out, m, foreign, p));
    stdfs::remove(out / "goal-2/easy/deep/page.html");
    // moved back: the same file, time and all
    stdfs::rename(tmp.path / "page.html", out / "goal-2/easy/deep/page.html");
    CHECK(write::intact(out, m, foreign, p));
  }
  std::vector<std::string> foreign;
  CHECK_FALSE(write::intact(tmp.path / "nowhere", m, foreign, &pool));
}

TEST_CASE("write::DiskSink stores a file ahead on another thread and puts it in its place") {
  TempDir tmp;
  auto out = tmp.path / "public";
  diag::Diagnostics ds;
  write::DiskSink sink(out, "public", write::Clean::Keep);
  REQUIRE(sink.begin(ds));
  std::optional<write::Ahead> book;
  // larger than the 128 KB write() calls a file is written in, and not a multiple of them
  std::string bytes;
  for (std::size_t i = 0; bytes.size() < 3 * 131072 + 5; ++i) bytes += std::to_string(i) + ',';
  bytes.resize(3 * 131072 + 5);
  std::thread ahead([&] { book = sink.store_ahead({"plan.epub", bytes}); });
  REQUIRE(sink.put({"index.html", "top"}, ds));
  ahead.join();
  REQUIRE(book);
  CHECK(book->file.bytes.empty());  // written already: the bytes are not kept
  REQUIRE(sink.put({"goal-1/index.html", "goal"}, ds));
  REQUIRE(sink.put_ahead(std::move(*book), ds));
  REQUIRE(sink.finish(ds));
  CHECK(slurp(out / "plan.epub") == bytes);
  // its place in the manifest is where it was put, not when it was written
  auto m = write::Manifest::read(out);
  REQUIRE(m.files.size() == 3);
  CHECK(m.files[2].path == "plan.epub");
  CHECK(m.files[2].size == bytes.size());
  std::vector<std::string> foreign;
  CHECK(write::intact(out, m, foreign));
  CHECK(ds.all().empty());

  // after a failed put() the staging folder is gone, and a file stored ahead then does
  // not make it again
  write::DiskSink failing(tmp.path / "other", "other", write::Clean::Keep);
  REQUIRE(failing.begin(ds));
  CHECK_FALSE(failing.put({"", "a file named as the folder itself"}, ds));
  auto late = failing.store_ahead({"plan.epub", "late"});
  CHECK_FALSE(late.stored);
  CHECK_FALSE(failing.put_ahead(std::move(late), ds));
  std::vector<std::string> left;
  for (auto& e : stdfs::directory_iterator(tmp.path)) left.push_back(e.path().filename().string());
  CHECK(left == std::vector<std::string>{"public"});
}
