#include <diag/diagnostic.hpp>

#include <doctest/doctest.h>

using namespace tsu::diag;

TEST_CASE("diag::format") {
  SUBCASE("file, line, column, id and hint") {
    Diagnostic d{"toml-syntax", Severity::Error, {"site.toml", 3, 9}, "invalid TOML", "fix it", ""};
    CHECK(format(d) == "site.toml:3:9: error: invalid TOML [toml-syntax]\n  hint: fix it\n");
  }
  SUBCASE("the caret counts wide characters as two cells") {
    Diagnostic d{"x", Severity::Warning, {"a.md", 1, 3}, "m", "", "西東x"};
    CHECK(format(d) == "a.md:1:3: warning: m [x]\n  西東x\n      ^\n");
  }
  SUBCASE("no line known") {
    Diagnostic d{"x", Severity::Error, {"public", 0, 0}, "m", "", ""};
    CHECK(format(d) == "public: error: m [x]\n");
  }
}

TEST_CASE("diag::Diagnostics counts errors, not warnings") {
  Diagnostics ds;
  ds.warning("w", {}, "w");
  CHECK_FALSE(ds.has_errors());
  ds.error("e", {}, "e");
  Diagnostics more;
  more.error("e2", {}, "e2");
  ds.append(std::move(more));
  CHECK(ds.error_count() == 2);
  CHECK(ds.all().size() == 3);
  CHECK(more.all().empty());
}

TEST_CASE("diag::line_of") {
  CHECK(line_of("a\r\nb\nc", 1) == "a");
  CHECK(line_of("a\nb\nc", 3) == "c");
  CHECK(line_of("a\nb", 4).empty());
}

TEST_CASE("diag::did_you_mean") {
  std::vector<std::string> keys = {"title", "subtitle", "base_url", "output_dir"};
  CHECK(did_you_mean("titel", keys) == "title");
  CHECK(did_you_mean("outputdir", keys) == "output_dir");
  CHECK(did_you_mean("zzzzzz", keys).empty());
}
