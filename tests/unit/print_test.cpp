#include <dom/html.hpp>
#include <print/geometry.hpp>
#include <print/lines.hpp>
#include <print/paginate.hpp>
#include <text/unicode.hpp>

#include <doctest/doctest.h>

#include <pugixml.hpp>

using namespace tsu;

namespace {

// A document from XHTML, its root element returned.
struct Html {
  pugi::xml_document doc;
  explicit Html(const std::string& xhtml) {
    std::string wrapped = "<body>" + xhtml + "</body>";
    REQUIRE(doc.load_buffer(wrapped.data(), wrapped.size(), pugi::parse_default | pugi::parse_ws_pcdata));
  }
  pugi::xml_node body() { return doc.child("body"); }
  pugi::xml_node first() { return body().first_child(); }
};

std::vector<std::string> texts(const std::vector<print::Line>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.text);
  return out;
}

std::vector<std::string> set(const std::string& xhtml, double width_em, double indent = 0) {
  Html h(xhtml);
  return texts(print::set_lines(print::inline_text(h.first()), width_em, indent));
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The listening text, without language services (no readings.toml words).
const speech::Voice voice(nullptr);

}  // namespace

TEST_CASE("print::advance_em follows the BIZ UD fonts' two widths") {
  CHECK(print::advance_em(U'漢') == 1);
  CHECK(print::advance_em(U'あ') == 1);
  CHECK(print::advance_em(U'。') == 1);
  CHECK(print::advance_em(U'Ａ') == 1);    // fullwidth
  CHECK(print::advance_em(U'①') == 1);    // ambiguous: the fonts draw it full width
  CHECK(print::advance_em(U'…') == 1);
  CHECK(print::advance_em(U'a') == 0.5);
  CHECK(print::advance_em(U'1') == 0.5);
  CHECK(print::advance_em(U'ｱ') == 0.5);   // halfwidth katakana
  CHECK(print::advance_em(U'\u0301') == 0);  // combining mark
}

TEST_CASE("print::set_lines breaks Japanese by width with kinsoku") {
  SUBCASE("fills each line to its width") {
    auto lines = set("<p>" + repeat("あ", 25) + "</p>", 10.25);
    CHECK(lines == std::vector<std::string>{repeat("あ", 10), repeat("あ", 10), repeat("あ", 5)});
  }
  SUBCASE("a first-line indent shortens the first line") {
    auto lines = set("<p>" + repeat("あ", 20) + "</p>", 10.25, 1);
    CHECK(lines == std::vector<std::string>{repeat("あ", 9), repeat("あ", 10), "あ"});
  }
  SUBCASE("half-width characters take half the room") {
    auto lines = set("<p>" + repeat("1", 20) + "あ</p>", 10);
    CHECK(lines.size() == 2);
  }
  SUBCASE("。 never starts a line: the character before it moves down with it") {
    auto lines = set("<p>" + repeat("あ", 10) + "。</p>", 10);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == repeat("あ", 9));
    CHECK(lines[1] == "あ。");
  }
  SUBCASE("「 never ends a line") {
    auto lines = set("<p>" + repeat("あ", 9) + "「いい」</p>", 10);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == repeat("あ", 9));
    CHECK(lines[1] == "「いい」");
  }
  SUBCASE("small kana never start a line (strict)") {
    auto lines = set("<p>" + repeat("あ", 9) + "きょう</p>", 10);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1] == "きょう");
  }
  SUBCASE("<br> forces a break") {
    auto lines = set("<p><strong>題</strong><br/>本文</p>", 10);
    CHECK(lines == std::vector<std::string>{"題", "本文"});
  }
  SUBCASE("a line exactly as wide as the box counts as full (glyphs sit on a 1/64 px grid)") {
    CHECK(set("<p>" + repeat("あ", 10) + "</p>", 10).size() == 2);
    CHECK(set("<p>" + repeat("あ", 10) + "</p>", 10.02).size() == 1);
  }
  SUBCASE("a word longer than the line breaks between graphemes") {
    auto lines = set("<p>" + repeat("x", 30) + "</p>", 10.25);
    CHECK(lines.size() == 2);
    CHECK(lines[0] == repeat("x", 20));
  }
  SUBCASE("a grapheme cluster is never split") {
    std::string g = "か\u3099";  // か + combining voiced mark: one grapheme, 1 em
    auto lines = set("<p>" + repeat("あ", 9) + g + g + "</p>", 10.25);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == repeat("あ", 9) + g);
    CHECK(lines[1] == g);
  }
}

TEST_CASE("print::inline_text counts a visible ruby as wide as its reading") {
  Html shown("<p><ruby>囀<rp>(</rp><rt>さえず</rt><rp>)</rp></ruby>り</p>");
  auto t = print::inline_text(shown.first());
  CHECK(t.text == "囀り");  // the reading is not base text
  CHECK(t.visible_ruby);
  REQUIRE(t.atoms.size() == 2);
  CHECK(t.atoms[0].em == 1.5);  // さえず at half size is wider than 囀
  Html hidden("<p><ruby class=\"rh\">囀<rt>さえず</rt></ruby>り</p>");
  auto h = print::inline_text(hidden.first());
  CHECK_FALSE(h.visible_ruby);
  CHECK(h.atoms[0].em == 1);
}

TEST_CASE("print::geometry keeps the voice-code slot clear of the text") {
  config::PrintConfig cfg;
  auto g = print::geometry(cfg);
  CHECK(g.slot == doctest::Approx(17.9 * print::px_per_mm).epsilon(0.001));
  CHECK(g.content_top + g.content_h < g.slot_y);                       // text ends above the code
  CHECK(g.slot_x + g.slot < g.page_w);                                 // bottom right
  CHECK(g.slot_x > g.page_w / 2);
  cfg.code_side = config::CodeSide::Left;                               // right-opening booklet
  auto left = print::geometry(cfg);
  CHECK(left.slot_x < left.page_w / 2);
  CHECK(g.p.ruby_line > g.p.line);                                      // ruby adds a fixed height
  auto css = print::stylesheet(g, false);
  CHECK(css.find("@page { size: A4; margin: 0 }") != std::string::npos);
  CHECK(css.find("local(\"BIZ UDGothic\")") != std::string::npos);
  CHECK(css.find(".notch, .slot-outline { display: none }") != std::string::npos);
  CHECK(print::stylesheet(g, true).find("display: none") == std::string::npos);  // --proof shows them
}

TEST_CASE("print::paginate cuts a page into sheets") {
  config::PrintConfig cfg;
  diag::Diagnostics ds;

  SUBCASE("a sheet ends when its voice text would pass the capacity") {
    cfg.code_capacity = 200;
    auto g = print::geometry(cfg);
    std::string body;
    for (int i = 0; i < 7; ++i) body += "<p>" + repeat("あ", 49) + "。</p>";  // 50 characters each
    Html h(body);
    auto paged = print::paginate({h.body(), "題", "t.md"}, g, 3, voice, ds);
    REQUIRE(paged.sheets.size() == 3);
    CHECK(paged.sheets[0].number == 3);
    CHECK(paged.sheets[2].number == 5);
    for (const auto& s : paged.sheets) {
      CHECK(s.voice.rfind(std::to_string(s.number) + "ページ。", 0) == 0);
      CHECK(s.voice_chars <= 200);
      CHECK(s.voice_chars == text::grapheme_count(s.voice));
    }
    // "3ページ。" (5) + "見出し、題。" (6) + three paragraphs (150) = 161; a fourth would pass 200
    CHECK(paged.sheets[0].voice_chars == 161);
    CHECK(paged.sheets[0].voice == "3ページ。見出し、題。" + repeat(repeat("あ", 49) + "。", 3));
    CHECK(paged.sheets[0].first_text == "題");
    CHECK(paged.sheets[1].first_text == repeat("あ", 49) + "。");
    CHECK(ds.all().empty());
  }

  SUBCASE("a sheet ends when the next block would not fit its box") {
    cfg.code_capacity = 100000;
    auto g = print::geometry(cfg);
    std::string body;
    for (int i = 0; i < 40; ++i) body += "<p>" + repeat("あ", 77) + "。</p>";  // 39 + 39: 2 lines at 40 em
    Html h(body);
    auto paged = print::paginate({h.body(), "題", "t.md"}, g, 1, voice, ds);
    double per = g.p.height(2, false);
    int fit_first = static_cast<int>((g.content_h - g.h1.height(1, false)) / per);
    REQUIRE(paged.sheets.size() >= 2);
    CHECK(paged.sheets[0].body_html.find("<h1>") == 0);
    // first sheet: the title and as many paragraphs as fit; each sheet within its box
    Html first(paged.sheets[0].body_html);
    CHECK(static_cast<int>(dom::descendants(first.body(), "p").size()) == fit_first);
    for (const auto& s : paged.sheets) CHECK(s.height <= g.content_h);
  }

  SUBCASE("tables split between rows and repeat their caption and header row") {
    cfg.code_capacity = 150;
    auto g = print::geometry(cfg);
    std::string rows;
    for (int i = 1; i <= 6; ++i) rows += "<tr><th scope=\"row\">取組" + std::to_string(i) + "</th><td>" + repeat("い", 30) + "</td></tr>";
    Html h("<table><caption>市が取り組むこと</caption><thead><tr><th scope=\"col\">内容</th><th scope=\"col\">課</th></tr></thead><tbody>" + rows + "</tbody></table>");
    auto paged = print::paginate({h.body(), "題", "t.md"}, g, 1, voice, ds);
    REQUIRE(paged.sheets.size() >= 2);
    int total_rows = 0;
    for (std::size_t i = 0; i < paged.sheets.size(); ++i) {
      Html s(paged.sheets[i].body_html);
      auto table = s.body().child("table");
      REQUIRE(table);
      CHECK(table.child("thead"));  // the header row on every sheet
      CHECK(table.child("colgroup"));
      std::string caption = dom::text_content(table.child("caption"));
      CHECK(caption == (i == 0 ? "市が取り組むこと" : "市が取り組むこと（続き）"));
      total_rows += static_cast<int>(dom::elements(table.child("tbody")).size());
      CHECK(paged.sheets[i].voice_chars <= 150);
    }
    CHECK(total_rows == 6);
    // the table is read as sentences: its caption first, its end after the last row
    CHECK(paged.sheets[0].voice.find("表、市が取り組むこと。内容『取組1』。課は、") != std::string::npos);
    CHECK(paged.sheets.back().voice.size() > 18);
    CHECK(paged.sheets.back().voice.substr(paged.sheets.back().voice.size() - 18) == "表の終わり。");
    CHECK(paged.sheets.back().last_text == "取組6");
  }

  SUBCASE("a heading is never the last block of a sheet") {
    cfg.code_capacity = 130;
    auto g = print::geometry(cfg);
    Html h("<p>" + repeat("あ", 99) + "。</p><h2>見出し</h2><p>" + repeat("う", 29) + "。</p>");
    auto paged = print::paginate({h.body(), "題", "t.md"}, g, 1, voice, ds);
    REQUIRE(paged.sheets.size() == 2);
    CHECK(paged.sheets[0].last_text == repeat("あ", 99) + "。");
    CHECK(paged.sheets[1].first_text == "見出し");
  }

  SUBCASE("lists split between items; the last item never starts a sheet alone") {
    cfg.code_capacity = 120;
    auto g = print::geometry(cfg);
    Html h("<ol><li>" + repeat("あ", 40) + "</li><li>" + repeat("い", 40) + "</li><li>" + repeat("う", 40) +
           "</li></ol>");
    auto paged = print::paginate({h.body(), "題", "t.md"}, g, 1, voice, ds);
    REQUIRE(paged.sheets.size() == 2);
    Html second(paged.sheets[1].body_html);
    auto ol = second.body().child("ol");
    CHECK(dom::elements(ol).size() == 2);
    CHECK(std::string(ol.attribute("start").value()) == "2");  // numbering goes on
  }

  SUBCASE("a 地域で取り組むこと box gets its write-in lines") {
    cfg.write_in_lines = 3;
    auto g = print::geometry(cfg);
    Html h("<div class=\"workbook\"><p>書き込んでみましょう</p><ul><li>参加する</li></ul></div>");
    auto paged = print::paginate({h.body(), "題", "t.md"}, g, 1, voice, ds);
    REQUIRE(paged.sheets.size() == 1);
    Html s(paged.sheets[0].body_html);
    auto lines = s.body().child("div").find_child_by_attribute("div", "class", "write-in");
    REQUIRE(lines);
    CHECK(dom::elements(lines).size() == 3);
  }

  SUBCASE("a block too long for one code is reported") {
    cfg.code_capacity = 100;
    auto g = print::geometry(cfg);
    Html h("<p>" + repeat("あ", 150) + "。</p>");
    auto paged = print::paginate({h.body(), "題", "t.md"}, g, 1, voice, ds);
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].id == "print-voice-capacity");
  }
}

TEST_CASE("print::first_last_sentence") {
  auto [first, last] = print::first_last_sentence("一つ目です。 二つ目\nです。三つ目");
  CHECK(first == "一つ目です。");
  CHECK(last == "三つ目");
}
