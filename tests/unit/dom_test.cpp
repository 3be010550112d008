#include <dom/html.hpp>

#include <doctest/doctest.h>

using namespace tsu;

TEST_CASE("dom::serialize writes polyglot XHTML") {
  pugi::xml_document doc;
  auto body = doc.append_child("body");
  auto p = dom::append(body, "p", "a<b & \"c\"");
  dom::append(p, "br");
  dom::append(body, "td");  // empty non-void element
  CHECK(dom::serialize_children(body) == "<p>a&lt;b &amp; \"c\"<br/></p><td></td>");
}

TEST_CASE("dom::text_content skips ruby readings") {
  pugi::xml_document doc;
  CHECK(doc.load_string("<h2><ruby>西東京市<rp>(</rp><rt>にしとうきょうし</rt><rp>)</rp></ruby>の計画</h2>"));
  CHECK(dom::text_content(doc.first_child()) == "西東京市の計画");
}

TEST_CASE("dom::append_text merges adjacent text") {
  pugi::xml_document doc;
  auto p = doc.append_child("p");
  dom::append_text(p, "西東");
  dom::append_text(p, "京市");
  CHECK(std::distance(p.children().begin(), p.children().end()) == 1);
  CHECK(std::string(p.first_child().value()) == "西東京市");
}
