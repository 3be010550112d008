#include <epub/epub.hpp>
#include <markdown/parse.hpp>

#include <doctest/doctest.h>

using namespace tsu;

namespace {
struct Book {
  content::Site site;
  std::vector<passes::PageResult> pages;
  diag::Diagnostics ds;
  Book() {
    site.config.title = "テスト計画";
    site.config.publisher = "テスト市";
    site.config.modified = "2024-03-01T00:00:00Z";
    content::Page home;
    home.kind = content::PageKind::Home;
    home.url_path = "index.html";
    content::Page g1;
    g1.url_path = "goal-1/index.html";
    g1.front.title = "地域づくり";
    g1.front.label = "基本目標1";
    g1.parent = 0;
    content::Page easy = g1;
    easy.url_path = "goal-1/easy/index.html";
    easy.easy = true;
    site.pages = {home, g1, easy};
    for (const auto& p : site.pages) {
      passes::PageResult r;
      r.page = &p;
      r.doc = markdown::parse({p.kind == content::PageKind::Home ? "本文へ" : "## 節\n\n<!-- -->\n段落です。\n", "x.md", 1}, ds);
      if (p.kind != content::PageKind::Home) r.toc.push_back({2, "節", "節", ""});
      pages.push_back(std::move(r));
    }
  }
  std::string file(const std::vector<epub::Entry>& es, const std::string& path) {
    for (const auto& e : es)
      if (e.path == path) return e.bytes;
    return "(missing " + path + ")";
  }
};
}  // namespace

TEST_CASE("epub: the standard pages, nav with toc and landmarks, accessibility metadata") {
  Book b;
  auto es = epub::entries(b.site, b.pages, {}, b.ds);
  REQUIRE(es.size() == 7);  // mimetype, container, opf, nav, css, two pages (not the easy page)
  CHECK(es[0].path == "mimetype");
  CHECK(es[5].path == "EPUB/index.xhtml");
  CHECK(es[6].path == "EPUB/goal-1/index.xhtml");
  auto opf = b.file(es, "EPUB/package.opf");
  for (std::string want : {"<dc:language>ja</dc:language>", "<meta property=\"dcterms:modified\">2024-03-01T00:00:00Z</meta>",
                           "<meta property=\"schema:accessMode\">textual</meta>",
                           "<meta property=\"schema:accessibilityFeature\">rubyAnnotations</meta>",
                           "<meta property=\"schema:accessibilityFeature\">structuralNavigation</meta>",
                           "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>",
                           "<meta property=\"schema:accessibilityHazard\">none</meta>", "schema:accessibilitySummary",
                           "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>"})
    CHECK_MESSAGE(opf.find(want) != std::string::npos, want);
  CHECK(opf.find("pageBreakMarkers") == std::string::npos);
  auto nav = b.file(es, "EPUB/nav.xhtml");
  CHECK(nav.find("epub:type=\"toc\"") != std::string::npos);
  CHECK(nav.find("epub:type=\"landmarks\"") != std::string::npos);
  CHECK(nav.find("href=\"goal-1/index.xhtml#節\"") != std::string::npos);
  CHECK(nav.find("page-list") == std::string::npos);
  auto page = b.file(es, "EPUB/goal-1/index.xhtml");
  CHECK(page.find("<link rel=\"stylesheet\" href=\"../css/epub.css\"") != std::string::npos);
  CHECK(page.find("段落です。") != std::string::npos);
}

TEST_CASE("epub: print page breaks become markers and the page-list") {
  Book b;
  epub::Options o;
  o.page_breaks = {{"goal-1/index.html", "", "1", {}}, {"goal-1/index.html", "節", "2", {}}};
  b.pages[1].doc.body().first_child().append_attribute("id").set_value("節");
  auto es = epub::entries(b.site, b.pages, o, b.ds);
  auto nav = b.file(es, "EPUB/nav.xhtml");
  CHECK(nav.find("epub:type=\"page-list\"") != std::string::npos);
  CHECK(nav.find("href=\"goal-1/index.xhtml#page-2\"") != std::string::npos);
  auto page = b.file(es, "EPUB/goal-1/index.xhtml");
  auto marker = page.find("id=\"page-2\" epub:type=\"pagebreak\"");
  REQUIRE(marker != std::string::npos);
  CHECK(marker < page.find("<h2 id=\"節\""));
  CHECK(page.find("id=\"page-1\"") < page.find("id=\"page-2\""));
  CHECK(b.file(es, "EPUB/package.opf").find("pageBreakMarkers") != std::string::npos);
}

TEST_CASE("epub: zip puts mimetype first, stored, and is the same every time") {
  Book b;
  auto es = epub::entries(b.site, b.pages, {}, b.ds);
  auto z1 = epub::zip(es, b.ds);
  auto z2 = epub::zip(es, b.ds);
  REQUIRE(z1);
  CHECK(*z1 == *z2);
  CHECK(z1->substr(0, 4) == "PK\x03\x04");
  CHECK(z1->substr(8, 2) == std::string("\0\0", 2));  // compression method 0: stored
  CHECK(z1->substr(28, 2) == std::string("\0\0", 2));  // no extra field
  CHECK(z1->substr(30, 28) == "mimetypeapplication/epub+zip");
}
