#include <write/sink.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

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
