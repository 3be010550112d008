#include <dom/html.hpp>

#include <doctest/doctest.h>

#include <vector>

#include <sstream>

using namespace tsu;

TEST_CASE("dom::serialize writes polyglot XHTML") {
  pugi::xml_document doc;
  auto body = doc.append_child("body");
  auto p = dom::append(body, "p", "a<b & \"c\"");
  dom::append(p, "br");
  dom::append(body, "td");  // empty non-void element
  CHECK(dom::serialize_children(body) == "<p>a&lt;b &amp; \"c\"<br/></p><td></td>");
}

// serialize() writes the tree itself; pugixml's print is the reference for every escape.
TEST_CASE("dom::serialize escapes text and attributes as pugixml's print does") {
  pugi::xml_document doc;
  auto body = doc.append_child("body");
  auto a = dom::append(body, "a", "<&>\"' tab\tline\nret\r bell\x07 esc\x1b 西東京市");
  a.append_attribute("title").set_value("<&>\"' tab\tline\nret\r bell\x07");
  a.append_attribute("href").set_value("?a=1&b=2");
  auto cell = dom::append(body, "td");
  dom::append(cell, "span");   // empty, nested
  dom::append(body, "br");     // void: self-closed either way
  body.append_child(pugi::node_comment).set_value(" a comment ");

  std::ostringstream ref;
  for (auto c : body.children())
    c.print(ref, "", pugi::format_raw | pugi::format_no_declaration | pugi::format_no_empty_element_tags,
            pugi::encoding_utf8);
  std::string expected = ref.str();
  // pugixml's flag gives void elements an end tag too; polyglot HTML must not
  auto at = expected.find("<br></br>");
  REQUIRE(at != std::string::npos);
  expected.replace(at, 9, "<br/>");
  CHECK(dom::serialize_children(body) == expected);
  CHECK(expected.find("&#07;") != std::string::npos);  // the reference does escape controls
  CHECK(dom::serialize(cell) == "<td><span></span></td>");
  CHECK(!cell.first_child().first_child());  // the tree is left as it was
}

// The writer grows its output a kilobyte past what it needs at a time and trims it when it
// goes: a page of a few hundred kilobytes, and an escape appended to a long string, must
// come out whole and with nothing after them.
TEST_CASE("dom::serialize writes long pages and appends to long strings whole") {
  pugi::xml_document doc;
  auto body = doc.append_child("body");
  for (int i = 0; i < 3000; ++i) {
    auto p = dom::append(body, "p", "地域の & つながり " + std::to_string(i));
    p.append_attribute("id").set_value(("p-" + std::to_string(i)).c_str());
    dom::append(p, "br");
  }
  std::ostringstream ref;
  for (auto c : body.children()) c.print(ref, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  const std::string written = dom::serialize_children(body);
  CHECK(written.size() > 150000);
  CHECK(written == ref.str());
  // a short text keeps no more room than it needs (a build keeps every page's headings)
  CHECK(dom::serialize_children(body.first_child()).capacity() < 200);
  // and, written after a long one (in the same room), holds nothing of it
  CHECK(dom::serialize_children(body.first_child()) == "地域の &amp; つながり 0<br/>");
  CHECK(dom::serialize(body.first_child()) == "<p id=\"p-0\">地域の &amp; つながり 0<br/></p>");
  CHECK(dom::serialize_children(body) == written);
  std::string out(5000, 'x');
  dom::append_escaped(out, "a<b", false);
  CHECK(out.size() == 5006);
  CHECK(out.substr(4999) == "xa&lt;b");
}

// The furigana pass keeps ruby as base text and <rt>; the writer adds the <rp> parentheses
// and aria-hidden, and leaves alone what a parsed page (print sheets) has already.
TEST_CASE("dom::serialize writes ruby readings with their parentheses, once") {
  const std::string full = "<p><ruby>漢<rp>（</rp><rt aria-hidden=\"true\">かん</rt><rp>）</rp>"
                           "字<rp>（</rp><rt aria-hidden=\"true\">じ</rt><rp>）</rp></ruby>と<rt>外</rt></p>";
  pugi::xml_document compact;
  REQUIRE(compact.load_string("<body><p><ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>と<rt>外</rt></p></body>"));
  CHECK(dom::serialize_children(compact.child("body")) == full);
  pugi::xml_document parsed;  // already written out and read back: nothing doubled
  REQUIRE(parsed.load_string(("<body>" + full + "</body>").c_str()));
  CHECK(dom::serialize_children(parsed.child("body")) == full);
  CHECK(dom::text_content(compact.child("body")) == "漢字と");
}

// The writer takes a short way for a ruby's plain <rt> (no attributes, one text, no <rp>
// beside it); every other child of a ruby is written as any element is.
TEST_CASE("dom::serialize writes every kind of ruby child as an element elsewhere is written") {
  const std::pair<const char*, const char*> cases[] = {
      {"<ruby>漢<rt class=\"x\">かん</rt></ruby>",
       "<ruby>漢<rp>（</rp><rt class=\"x\" aria-hidden=\"true\">かん</rt><rp>）</rp></ruby>"},
      {"<ruby>漢<rt aria-hidden=\"false\">かん</rt></ruby>",
       "<ruby>漢<rp>（</rp><rt aria-hidden=\"false\">かん</rt><rp>）</rp></ruby>"},
      {"<ruby>漢<rt><b>か</b>ん</rt></ruby>",
       "<ruby>漢<rp>（</rp><rt aria-hidden=\"true\"><b>か</b>ん</rt><rp>）</rp></ruby>"},
      {"<ruby>漢<rt/></ruby>", "<ruby>漢<rp>（</rp><rt aria-hidden=\"true\"></rt><rp>）</rp></ruby>"},
      {"<ruby>漢<rp>(</rp><rt>かん</rt>字<rt>じ</rt><rp>)</rp></ruby>",
       "<ruby>漢<rp>(</rp><rt aria-hidden=\"true\">かん</rt><rp>）</rp>字<rp>（</rp><rt aria-hidden=\"true\">じ</rt><rp>)</rp></ruby>"},
      {"<ruby>漢<!--c--><rt>かん</rt></ruby>",
       "<ruby>漢<!--c--><rp>（</rp><rt aria-hidden=\"true\">かん</rt><rp>）</rp></ruby>"},
      {"<ruby class=\"rh\"><b>漢</b><rt>a&amp;b&lt;&gt;</rt></ruby>",
       "<ruby class=\"rh\"><b>漢</b><rp>（</rp><rt aria-hidden=\"true\">a&amp;b&lt;&gt;</rt><rp>）</rp></ruby>"},
      {"<ruby>漢<rtc>かん</rtc><r>x</r></ruby>", "<ruby>漢<rtc>かん</rtc><r>x</r></ruby>"},
      {"<ruby><rt>かん</rt><rt>じ</rt></ruby>",
       "<ruby><rp>（</rp><rt aria-hidden=\"true\">かん</rt><rp>）</rp><rp>（</rp><rt aria-hidden=\"true\">じ</rt><rp>）</rp></ruby>"},
      {"<ruby>漢<rt>かん</rt><ruby>字<rt>じ</rt></ruby></ruby>",
       "<ruby>漢<rp>（</rp><rt aria-hidden=\"true\">かん</rt><rp>）</rp><ruby>字<rp>（</rp><rt aria-hidden=\"true\">じ</rt><rp>）</rp></ruby></ruby>"},
  };
  for (const auto& [in, out] : cases) {
    const std::string input = in;
    CAPTURE(input);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(in, pugi::parse_default | pugi::parse_comments));
    CHECK(dom::serialize_children(doc) == std::string(out));
  }
  // an <rt> holding two texts side by side (as passes may leave them)
  pugi::xml_document doc;
  auto ruby = doc.append_child("ruby");
  ruby.append_child(pugi::node_pcdata).set_value("漢");
  auto rt = ruby.append_child("rt");
  rt.append_child(pugi::node_pcdata).set_value("か");
  rt.append_child(pugi::node_pcdata).set_value("ん");
  CHECK(dom::serialize_children(doc) == "<ruby>漢<rp>（</rp><rt aria-hidden=\"true\">かん</rt><rp>）</rp></ruby>");
}

TEST_CASE("dom::serialize_children with a link map: only <a href> is mapped, the tree stays") {
  pugi::xml_document doc;
  REQUIRE(doc.load_string("<body><p><a href=\"x.html\">x</a><a href=\"#t\">t</a><area href=\"y.html\"/>"
                          "<a name=\"n\" href=\"z.html?a&amp;b\">z</a></p></body>"));
  const auto body = doc.child("body");
  const std::string before = dom::serialize_children(body);
  const dom::LinkMap links = [](std::string_view href) -> std::optional<std::string> {
    if (href.starts_with("#")) return std::nullopt;
    return "new-" + std::string(href);
  };
  CHECK(dom::serialize_children(body, links) ==
        "<p><a href=\"new-x.html\">x</a><a href=\"#t\">t</a><area href=\"y.html\"/>"
        "<a name=\"n\" href=\"new-z.html?a&amp;b\">z</a></p>");
  CHECK(dom::serialize_children(body) == before);
}

TEST_CASE("dom::serialize_children with a link map that serialises: both texts whole") {
  // the writer's scratch string is in use while the map runs; a serialisation there gets
  // its own string
  pugi::xml_document doc;
  REQUIRE(doc.load_string("<body><p><a href=\"x.html\">x</a> and <a href=\"y.html\">y</a></p><em>地域</em></body>"));
  const auto body = doc.child("body");
  std::vector<std::string> inner;
  const dom::LinkMap links = [&](std::string_view href) -> std::optional<std::string> {
    inner.push_back(dom::serialize(body.child("em")));
    return "new-" + std::string(href);
  };
  CHECK(dom::serialize_children(body, links) ==
        "<p><a href=\"new-x.html\">x</a> and <a href=\"new-y.html\">y</a></p><em>地域</em>");
  REQUIRE(inner.size() == 2);
  CHECK(inner[0] == "<em>地域</em>");
  CHECK(inner[1] == "<em>地域</em>");
  CHECK(dom::serialize_children(body.child("p")) == "<a href=\"x.html\">x</a> and <a href=\"y.html\">y</a>");
}

// The EPUB's chapters map the links of the standard page's body as written: the same
// bytes as writing the tree again with the map.
TEST_CASE("dom::map_links on the writer's output equals serialize_children with the map") {
  pugi::xml_document doc;
  REQUIRE(doc.load_string(
      "<body><p><a href=\"x.html\">x</a><a href=\"#t\">t</a><area href=\"y.html\"/><abbr title=\"a\">A</abbr>"
      "<a name=\"n\" href=\"z.html?a&amp;b&quot;c&lt;d\" class=\"k\">z</a><a>no href</a>"
      "<a class=\"href\" data-x='href=\"q.html\"'>attribute text</a></p>"
      "<p>text that looks like a tag: &lt;a href=\"w.html\"&gt;</p>"
      "<ul><li><a href=\"../goal-2/index.html#h-1\"><ruby>西<rt>にし</rt></ruby>東京市</a></li></ul></body>"));
  auto body = doc.child("body");
  body.append_child(pugi::node_comment).set_value(" <a href=\"c.html\"> ");
  body.first_child().first_child().attribute("href").set_value("tab\there.html");
  const dom::LinkMap links = [](std::string_view href) -> std::optional<std::string> {
    if (href.starts_with("#")) return std::nullopt;
    return "new-" + std::string(href) + "&\"<>";
  };
  const std::string written = dom::serialize_children(body);
  const std::string expected = dom::serialize_children(body, links);
  CHECK(dom::map_links(written, links) == expected);
  CHECK(expected.find("new-tab&#09;here.html&amp;&quot;&lt;>") != std::string::npos);
  CHECK(expected.find("new-z.html?a&amp;b&quot;c&lt;d") != std::string::npos);
  CHECK(expected.find("new-w.html") == std::string::npos);  // text, not a link
  CHECK(expected.find("new-c.html") == std::string::npos);  // a comment, not a link
  CHECK(expected.find("new-q.html") == std::string::npos);  // an attribute's text
  const dom::LinkMap none = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  CHECK(dom::map_links(written, none) == written);
}

// map_links looks at 16 bytes a step for "<a" and "<!": a link or a comment at every place
// in and across those steps, and at the very end, is found as a search byte by byte finds it.
TEST_CASE("dom::map_links finds links and comments wherever they fall") {
  const dom::LinkMap links = [](std::string_view href) -> std::optional<std::string> { return "m-" + std::string(href); };
  for (std::size_t lead = 0; lead < 40; ++lead) {
    CAPTURE(lead);
    pugi::xml_document doc;
    auto body = doc.append_child("body");
    auto p = body.append_child("p");
    p.append_child(pugi::node_pcdata).set_value(std::string(lead, 'x').c_str());
    auto ruby = p.append_child("ruby");  // tags that are neither: <r…, </…
    ruby.append_child(pugi::node_pcdata).set_value("漢");
    ruby.append_child("rt").append_child(pugi::node_pcdata).set_value("かん");
    auto a = p.append_child("a");
    a.append_attribute("href").set_value("x.html");
    a.append_child(pugi::node_pcdata).set_value("x");
    body.append_child(pugi::node_comment).set_value("<a href=\"c.html\">");
    body.append_child("a").append_attribute("href").set_value("y.html");
    const std::string written = dom::serialize_children(body);
    const std::string expected = dom::serialize_children(body, links);
    CHECK(dom::map_links(written, links) == expected);
    CHECK(expected.find("m-x.html") != std::string::npos);
    CHECK(expected.find("m-y.html") != std::string::npos);
    CHECK(expected.find("m-c.html") == std::string::npos);  // in a comment: not a link
    // the written text cut short just after each "<a" or "<!": nothing read past its end
    for (std::size_t cut = 0; cut <= written.size(); ++cut) {
      const std::string_view part = std::string_view(written).substr(0, cut);
      std::string out = "kept:";
      dom::append_mapped(out, part, [](std::string_view) { return std::nullopt; });
      CHECK(out == "kept:" + std::string(part));
    }
  }
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
