#include <config/site_config.hpp>

#include <doctest/doctest.h>

using namespace tsu;

namespace {
fs::MemoryFileSystem site_with(const std::string& toml) {
  fs::MemoryFileSystem fs;
  fs.add("site/site.toml", toml);
  fs.add("site/content/_index.md", "+++\ntitle = \"t\"\n+++\n");
  fs.add("site/themes/default/layouts/page.mustache", "");
  return fs;
}
}  // namespace

TEST_CASE("config::load resolves paths against the folder of site.toml") {
  auto fs = site_with("title = \"計画\"\noutput_dir = \"out\"\n");
  diag::Diagnostics ds;
  auto cfg = config::load(fs, "site/site.toml", ds);
  REQUIRE(cfg);
  CHECK(cfg->title == "計画");
  CHECK(cfg->content_dir.generic_string() == "site/content");
  CHECK(cfg->output_dir.generic_string() == "site/out");
  CHECK(cfg->theme_dir.generic_string() == "site/themes/default");
  CHECK(cfg->language == "ja");
}

TEST_CASE("config::load reports mistakes with line and column") {
  diag::Diagnostics ds;
  SUBCASE("syntax error") {
    auto fs = site_with("title = \"計画\"\nsubtitle = \n");
    CHECK_FALSE(config::load(fs, "site/site.toml", ds));
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "toml-syntax");
    CHECK(ds.all()[0].where.file == "site/site.toml");
    CHECK(ds.all()[0].where.line == 2);
  }
  SUBCASE("unknown key with a suggestion") {
    auto fs = site_with("title = \"計画\"\nsubtitel = \"x\"\n");
    CHECK_FALSE(config::load(fs, "site/site.toml", ds));
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "unknown-key");
    CHECK(ds.all()[0].where.line == 2);
    CHECK(ds.all()[0].where.column == 1);
    CHECK(ds.all()[0].hint == "did you mean 'subtitle'?");
  }
  SUBCASE("wrong type") {
    auto fs = site_with("title = 5\n");
    CHECK_FALSE(config::load(fs, "site/site.toml", ds));
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "wrong-type");
    CHECK(ds.all()[0].where.line == 1);
    CHECK(ds.all()[0].where.column == 9);
  }
  SUBCASE("missing title") {
    auto fs = site_with("subtitle = \"x\"\n");
    CHECK_FALSE(config::load(fs, "site/site.toml", ds));
    CHECK(ds.all()[0].id == "config-title");
  }
  SUBCASE("missing file") {
    fs::MemoryFileSystem empty;
    CHECK_FALSE(config::load(empty, "site.toml", ds));
    CHECK(ds.all()[0].id == "config-missing");
  }
}

TEST_CASE("config::load reads [outputs]: every output on unless set false") {
  diag::Diagnostics ds;
  SUBCASE("absent: all on") {
    auto fs = site_with("title = \"計画\"\n");
    auto cfg = config::load(fs, "site/site.toml", ds);
    REQUIRE(cfg);
    CHECK(cfg->outputs.on("html"));
    CHECK(cfg->outputs.on("departments"));
  }
  SUBCASE("one turned off") {
    auto fs = site_with("title = \"計画\"\n[outputs]\nhtml = true\ndepartments = false\n");
    auto cfg = config::load(fs, "site/site.toml", ds);
    REQUIRE(cfg);
    CHECK(cfg->outputs.on("html"));
    CHECK_FALSE(cfg->outputs.on("departments"));
  }
  SUBCASE("an unknown output is an error with a suggestion") {
    auto fs = site_with("title = \"計画\"\n[outputs]\ndepartment = false\n");
    CHECK_FALSE(config::load(fs, "site/site.toml", ds));
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "unknown-key");
    CHECK(ds.all()[0].where.line == 3);
    CHECK(ds.all()[0].hint.find("departments") != std::string::npos);
  }
  SUBCASE("not a boolean") {
    auto fs = site_with("title = \"計画\"\n[outputs]\ndepartments = \"no\"\n");
    CHECK_FALSE(config::load(fs, "site/site.toml", ds));
    REQUIRE(ds.all().size() == 1);
  }
}

TEST_CASE("config::load reads [print] and rejects values the print pages cannot use") {
  diag::Diagnostics ds;
  SUBCASE("defaults: the voice code's size M at the bottom right") {
    auto fs = site_with("title = \"計画\"\n");
    auto cfg = config::load(fs, "site/site.toml", ds);
    REQUIRE(cfg);
    CHECK(cfg->print.code_size_mm == 17.9);
    CHECK(cfg->print.code_capacity == 800);
    CHECK(cfg->print.code_side == config::CodeSide::Right);
  }
  SUBCASE("a right-opening booklet") {
    auto fs = site_with("title = \"計画\"\n[print]\ncode_side = \"left\"\ncode_capacity = 400\nfont = \"mincho\"\n");
    auto cfg = config::load(fs, "site/site.toml", ds);
    REQUIRE(cfg);
    CHECK(cfg->print.code_side == config::CodeSide::Left);
    CHECK(cfg->print.code_capacity == 400);
    CHECK(cfg->print.font == "mincho");
  }
  SUBCASE("out of range, with line and column") {
    auto fs = site_with("title = \"計画\"\n[print]\ncode_size_mm = 3\n");
    CHECK_FALSE(config::load(fs, "site/site.toml", ds));
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "print-range");
    CHECK(ds.all()[0].where.line == 3);
    CHECK(ds.all()[0].message == "'code_size_mm' must be between 10 and 40 (mm)");
  }
  SUBCASE("an unknown side") {
    auto fs = site_with("title = \"計画\"\n[print]\ncode_side = \"top\"\n");
    CHECK_FALSE(config::load(fs, "site/site.toml", ds));
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "print-range");
    CHECK(ds.all()[0].hint == "use \"right\" (left-opening booklets) or \"left\" (right-opening booklets)");
  }
}
