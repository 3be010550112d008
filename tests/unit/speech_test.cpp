#include <dom/html.hpp>
#include <passes/passes.hpp>
#include <speech/speech.hpp>

#include <doctest/doctest.h>

using namespace tsu;

namespace {
// A page run through every pass (ruby included), as the outputs see it. Sentences and rows
// are the plan's own (content/goal-1/index.md, goal-1/compare.md).
struct Passed {
  content::Site site;
  std::vector<passes::Heading> toc;
  diag::Diagnostics ds;
  ja::FakeTokenizer tokenizer{std::map<std::string, std::string>{
      {"地区", "ちく"}, {"懇談", "こんだん"}, {"会", "かい"}, {"福祉", "ふくし"}, {"教育", "きょういく"},
      {"充実", "じゅうじつ"}, {"学校", "がっこう"}, {"指導", "しどう"}, {"課", "か"}, {"公民館", "こうみんかん"},
      {"社会", "しゃかい"}, {"地域", "ちいき"}, {"協働", "きょうどう"}, {"取り組み", "とりくみ"}, {"内容", "ないよう"},
      {"所管", "しょかん"}, {"市", "し"}, {"人権", "じんけん"}, {"推進", "すいしん"}, {"生活", "せいかつ"}}};
  std::optional<ja::ReadingList> readings;
  ja::Services services{&tokenizer, nullptr, nullptr};
  markdown::Document doc;

  explicit Passed(std::string_view md) {
    content::Page home;
    home.kind = content::PageKind::Home;
    home.url_path = "index.html";
    content::Page g1;
    g1.rel = "goal-1/index.md";
    g1.url_path = "goal-1/index.html";
    g1.display = "content/goal-1/index.md";
    site.pages = {home, g1};
    site.config.ruby.policy = config::RubyPolicy::All;
    site.config.easy.department_column = "所管課";
    readings = ja::ReadingList::parse(
        "\"地区懇談会\" = \"ちくこんだんかい\"\n\"協働コミュニティ課\" = \"きょうどうこみゅにてぃか\"\n"
        "\"地域福祉コーディネーター\" = \"ちいきふくしこーでぃねーたー\"\n\"所管課\" = \"しょかんか\"\n",
        "readings.toml", ds);
    services.readings = &*readings;
    doc = markdown::parse({md, "content/goal-1/index.md", 1}, ds);
    passes::Context ctx{site, site.pages[1], doc, toc, ds, &services};
    passes::run_all(ctx);
    REQUIRE_FALSE(ds.has_errors());
  }
  pugi::xml_node first(const char* name) { return dom::descendants(doc.body(), name).at(0); }
};
}  // namespace

TEST_CASE("speech: ruby is read once, as its base text") {
  Passed p("近年、全国的に地域のつながりが希薄になっている現状が浮かび上がっています。\n");
  auto para = p.first("p");
  REQUIRE(dom::descendants(para, "rt").size() > 0);  // the page has visible ruby
  speech::Voice v(&p.services);
  CHECK(v.speak(para) == "近年、全国的に地域のつながりが希薄になっている現状が浮かび上がっています。");
}

TEST_CASE("speech: words of readings.toml are spoken in kana, the rest as written") {
  Passed p("地区懇談会では、隣近所同士でもあいさつがない人も増えてきており、付き合いが少なくなってきている。\n\n"
           "ほっとネットの中心を担う地域福祉コーディネーターの質の向上を図ります。\n");
  speech::Voice v(&p.services);
  auto ps = dom::descendants(p.doc.body(), "p");
  CHECK(v.speak(ps[0]) == "ちくこんだんかいでは、隣近所同士でもあいさつがない人も増えてきており、付き合いが少なくなってきている。");
  // kana in the word stays as written: only the kanji are replaced
  CHECK(v.speak(ps[1]) == "ほっとネットの中心を担うちいきふくしコーディネーターの質の向上を図ります。");
  auto pieces = v.blocks(ps[0]).at(0).pieces;
  REQUIRE(pieces.size() == 2);
  CHECK(pieces[0].written == "地区懇談会");
  CHECK(pieces[0].spoken == "ちくこんだんかい");
  CHECK(speech::written(pieces) == "地区懇談会では、隣近所同士でもあいさつがない人も増えてきており、付き合いが少なくなってきている。");
}

TEST_CASE("speech: a table row is one sentence naming its column headers") {
  Passed p("| 取り組み内容 | 所管課 |\n| --- | --- |\n"
           "| **① 福祉教育・学習機会の充実**<br>子どものころからボランティア活動等の体験を通じた学校における福祉教育を充実します。 | "
           "教育指導課<br>社会教育課<br>公民館<br>企画政策課 |\n\nTable: 市が取り組むこと：(1)福祉教育・啓発の充実\n");
  speech::Voice v(&p.services);
  auto blocks = v.blocks(p.doc.body());
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].kind == speech::Block::Kind::Caption);
  CHECK(speech::spoken(blocks[0].pieces) == "表、市が取り組むこと、1、福祉教育、啓発の充実。");
  CHECK(blocks[1].kind == speech::Block::Kind::Row);
  CHECK(speech::spoken(blocks[1].pieces) ==
        "取り組み内容『1、福祉教育、学習機会の充実。子どものころからボランティア活動等の体験を通じた学校における福祉教育を充実します』。"
        "しょかんかは、教育指導課、社会教育課、公民館、企画政策課です。");
  CHECK(speech::spoken(blocks[2].pieces) == "表の終わり。");
  CHECK(v.speak(p.first("tr").next_sibling()) == "");  // no second row
  CHECK(v.speak(dom::descendants(p.doc.body(), "tr").at(1)) == speech::spoken(blocks[1].pieces));
}

TEST_CASE("speech: rows of a row group each carry the group's header") {
  Passed p("| 取り組み | 主な事業 | 所管課 |\n| --- | --- | --- |\n"
           "| ①学校における福祉教育の充実 | 学校教育における奉仕体験活動の推進 | 生活福祉課<br>教育指導課 |\n"
           "|  | 人権教育の推進 | 教育指導課 |\n\nTable: 第4期 (1) 福祉教育・啓発の充実 の主な事業\n");
  REQUIRE(dom::descendants(p.doc.body(), "tbody").size() == 1);
  speech::Voice v(&p.services);
  auto rows = dom::descendants(p.doc.body(), "tr");
  REQUIRE(rows.size() == 3);
  CHECK(v.speak(rows[1]) ==
        "取り組み『1、学校における福祉教育の充実』。主な事業『学校教育における奉仕体験活動の推進』。しょかんかは、生活福祉課、教育指導課です。");
  CHECK(v.speak(rows[2]) == "取り組み『1、学校における福祉教育の充実』。主な事業『人権教育の推進』。しょかんかは、教育指導課です。");
  CHECK(v.speak(rows[0]) == "");  // the header row is not read as a row
}

TEST_CASE("speech: headings are announced, lists read item by item with symbols per the table") {
  Passed p("## 今後の取り組み\n\n### (1)福祉教育・啓発の充実\n\n"
           "- 長い時間を確保することが難しい。15~30分のボランティアがあれば(ちょっと参加)、参加のハードルを下げると活動が活発になるのでは\n"
           "- ● 障害に対する理解がない\n\n例えば・・・\n\n※ 市の行事\n");
  speech::Voice v(&p.services);
  auto blocks = v.blocks(p.doc.body());
  REQUIRE(blocks.size() == 6);
  CHECK(blocks[0].kind == speech::Block::Kind::Heading);
  CHECK(blocks[0].level == 2);
  CHECK(speech::spoken(blocks[0].pieces) == "見出し、今後の取り組み。");
  CHECK(speech::spoken(blocks[0].words) == "今後の取り組み");
  CHECK(speech::spoken(blocks[1].pieces) == "見出し、1、福祉教育、啓発の充実。");
  CHECK(speech::spoken(blocks[2].pieces) ==
        "長い時間を確保することが難しい。15から30分のボランティアがあれば(ちょっと参加)、参加のハードルを下げると活動が活発になるのでは。");
  CHECK(speech::spoken(blocks[3].pieces) == "障害に対する理解がない。");
  CHECK(speech::spoken(blocks[4].pieces) == "例えば。");
  CHECK(speech::spoken(blocks[5].pieces) == "注、市の行事。");
}

TEST_CASE("speech: phrases come from the theme's strings, defaults for the rest") {
  auto ph = speech::Phrases::from_strings({{"speech.heading", "{text}。"}, {"speech.symbols.※", "こめ、"}, {"speech.symbols.♪", ""}});
  CHECK(ph.heading == "{text}。");
  CHECK(ph.row_cell == speech::Phrases{}.row_cell);
  Passed p("## 現状と課題\n\n※ あいさつ♪\n");
  speech::Voice v(&p.services, ph);
  CHECK(v.speak(p.doc.body()) == "現状と課題。こめ、あいさつ。");
}

TEST_CASE("speech: sentences split after 。 outside quotation brackets") {
  std::vector<speech::Piece> ps = {{"地区懇談会", "ちくこんだんかい"}, {"では「ない。」と言う。次です", ""}};
  auto s = speech::sentences(ps);
  REQUIRE(s.size() == 2);
  CHECK(speech::written(s[0]) == "地区懇談会では「ない。」と言う。");
  CHECK(s[0][0].spoken == "ちくこんだんかい");
  CHECK(speech::written(s[1]) == "次です");
}

TEST_CASE("speech: the symbol table covers the markers the issue names") {
  speech::Voice v(nullptr);
  for (std::string_view s : {"●", "■", "▶", "◆", "★", "〇", "・"}) {
    std::string t = std::string(s) + "あいさつ";
    CHECK(speech::spoken(v.words(t)) == "あいさつ");
  }
  CHECK(speech::spoken(v.words("⑳あいさつ")) == "20、あいさつ");
  CHECK(speech::spoken(v.words("保健・医療・福祉")) == "保健、医療、福祉");
  CHECK(speech::spoken(v.words("A→B")) == "A、B");
  CHECK(speech::spoken(v.words("「顔を合わせれば、あいさつする」")) == "「顔を合わせれば、あいさつする」");
}

// Voice::line takes characters that start no symbol and no word of the list after one look
// at a table (m_look): what follows them must be read as it was with every rule tried, a
// line starting again after 、 and 。 only, bytes that are not UTF-8 included.
TEST_CASE("speech: a line read in runs of plain characters starts rules and words where it did") {
  Passed p("本文\n");
  speech::Voice v(&p.services);
  auto said = [&](std::string_view text) { return speech::spoken(v.words(text)); };
  CHECK(said("課題、(1)地区懇談会") == "課題、1、ちくこんだんかい");  // after 、 a line starts again
  CHECK(said("課題(1)です") == "課題(1)です");                    // elsewhere (1) is as written
  CHECK(said("終わり。・次") == "終わり。次");                      // a marker after 。
  CHECK(said("終わり・次") == "終わり、次");                        // a middle dot inside a line
  CHECK(said("ほっとネットの地区懇談会で") == "ほっとネットのちくこんだんかいで");
  CHECK(said("18~29歳") == "18から29歳");
  CHECK(said("𠮷野家・店") == "𠮷野家、店");  // beyond the BMP
  // a three-byte lead whose third byte is not a continuation: read as U8_NEXT reads it
  CHECK(said("あ\xE3\x81・次") == "あ\xE3\x81、次");
  CHECK(said("あ\xE3\x81") == "あ\xE3\x81");
  CHECK(said("\xFFあ・い") == "\xFFあ、い");
  // two-byte characters, and three-byte ones led by E0 and ED (whose second bytes are
  // checked): read as next_code_point reads them, valid or not
  CHECK(said("é・a×b") == "é、a×b");
  CHECK(said("\xE0\xA4\x85・次") == "\xE0\xA4\x85、次");      // U+0905
  CHECK(said("\xED\x9F\xBF・次") == "\xED\x9F\xBF、次");      // U+D7FF
  CHECK(said("\xED\xA0\x80・次") == "\xED\xA0\x80、次");      // a surrogate: not UTF-8
  CHECK(said("\xE0\x80\x80・次") == "\xE0\x80\x80、次");      // overlong
  CHECK(said("終わり・次\xE3\x80") == "終わり、次\xE3\x80");    // cut short at the end
  CHECK(said("次\xE3") == "次\xE3");
  // with only a start-of-line rule, 、 and 。 are plain characters themselves
  speech::Phrases numbered;
  numbered.symbols = {{"(1)", "1、", true}};
  speech::Voice only(&p.services, numbered);
  CHECK(speech::spoken(only.words("課題、(1)内容")) == "課題、1、内容");
  CHECK(speech::spoken(only.words("課題。(1)内容")) == "課題。1、内容");
  CHECK(speech::spoken(only.words("課題(1)内容")) == "課題(1)内容");
  auto pieces = v.words("ほっとネットの地区懇談会で");
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[0].written == "ほっとネットの");
  CHECK(pieces[1].written == "地区懇談会");
  CHECK(pieces[2].written == "で");
}

TEST_CASE("speech: whitespace of every kind is said as the line around it needs") {
  Passed p("本文\n");
  speech::Voice v(&p.services);
  auto said = [&](std::string_view text) { return speech::spoken(v.words(text)); };
  // between two Japanese characters a pause, whichever whitespace it is
  for (const char* space : {" ", "\n", "\t", "\r", "\u3000", " \u3000\n"})
    CHECK(said(std::string("コラム") + space + "生活困窮者") == "コラム、生活困窮者");
  CHECK(said("市民の声、 地区懇談会") == "市民の声、ちくこんだんかい");  // no pause after a pause
  CHECK(said("plan  do\tsee") == "plan do see");                     // runs between ASCII words: one space
  CHECK(said("第 4 期") == "第4期");                                   // beside one wide character: gone
  CHECK(said(" 地区懇談会\n") == "ちくこんだんかい");                  // at the ends: gone
  // no whitespace: the line as it is, U+3000's lead byte (every kana's) and other
  // three-byte sequences around it included
  CHECK(said("ひらがな、カタカナ。\u3001\u3002") == "ひらがな、カタカナ。\u3001\u3002");
  CHECK(said("") == "");
  // a word of the reading list with whitespace in it is matched against the tidied line,
  // as every line was before whitespace was tidied only when met
  diag::Diagnostics ds;
  auto spaced = ja::ReadingList::parse("\"地域 福祉\" = \"ちいきふくし\"\n\"plan do\" = \"ぷらんどぅ\"\n", "readings.toml", ds);
  REQUIRE(spaced);
  ja::Services with_spaced = p.services;
  with_spaced.readings = &*spaced;
  speech::Voice sv(&with_spaced);
  CHECK(speech::spoken(sv.words("地域 福祉の話")) == "地域、福祉の話");  // tidied to 地域、福祉: no match
  CHECK(speech::spoken(sv.words("plan  do")) == "ぷらんどぅ");        // tidied to plan do: a match
  CHECK(speech::spoken(sv.words("コラム　生活")) == "コラム、生活");
}

TEST_CASE("speech: the kana form reads every word with ruby in its reading") {
  Passed p("## 市民の声\n\n地区懇談会では、地域の福祉教育を充実します。\n");
  speech::Voice v(&p.services, {}, speech::Voice::Form::Kana);
  // 市民/声 have no reading in the fake analyser: they stay; 見出し in the template is
  // read by the analyser too (the fake one does not know it either)
  CHECK(v.speak(p.first("p")) == "ちくこんだんかいでは、ちいきのふくしきょういくをじゅうじつします。");
  speech::Voice written(&p.services);
  CHECK(written.speak(p.first("p")) == "ちくこんだんかいでは、地域の福祉教育を充実します。");
}

// A ruby as authors may write it: <rp>s of their own, an element around the base, a reading
// in two <rt>s, no <rt> at all. The written form says the base, the kana form the readings.
TEST_CASE("speech: every kind of ruby child is read in both forms") {
  Passed p("本文\n");
  pugi::xml_document doc;
  REQUIRE(doc.load_string("<p><ruby><b>地域</b><rp>(</rp><rt>ちいき</rt><rp>)</rp></ruby>と"
                          "<ruby>福祉<rt>ふく</rt><rt>し</rt></ruby>の<ruby>会<rt/></ruby>、<ruby>市</ruby>。</p>"));
  const auto para = doc.child("p");
  speech::Voice written(&p.services);
  CHECK(written.speak(para) == "地域と福祉の会、市。");
  speech::Voice kana(&p.services, {}, speech::Voice::Form::Kana);
  CHECK(kana.speak(para) == "ちいきとふくしの、。");
}

// The kana form's own phrases (見出し, 表, 注) are said in kana, converted once when the
// voice is made; the written form keeps them as written.
TEST_CASE("speech: the kana form says its phrases in kana") {
  ja::FakeTokenizer tokenizer{std::map<std::string, std::string>{
      {"見出し", "みだし"}, {"表", "ひょう"}, {"終わり", "おわり"}, {"注", "ちゅう"}, {"地域", "ちいき"}}};
  ja::Services services{&tokenizer, nullptr, nullptr};
  speech::Voice kana(&services, {}, speech::Voice::Form::Kana);
  speech::Voice written(&services);
  CHECK(kana.phrases().heading == "みだし、{text}。");
  CHECK(kana.phrases().table_end == "ひょうのおわり。");
  CHECK(written.phrases().heading == "見出し、{text}。");
  pugi::xml_document doc;
  REQUIRE(doc.load_string("<body><h2>地域</h2><p>※地域</p><table><thead><tr><th>地域</th></tr></thead>"
                          "<tbody><tr><td>あ</td></tr></tbody></table></body>"));
  CHECK(kana.speak(doc.child("body")) == "みだし、ちいき。ちゅう、ちいき。ちいきは、あです。ひょうのおわり。");
  CHECK(written.speak(doc.child("body")) == "見出し、地域。注、地域。地域は、あです。表の終わり。");
}

// A page's two listening texts are made in one walk of its tree: the same blocks as each
// voice's own walk, on a page with headings, lists, a row group, line breaks in cells and
// a ruby without a reading (the written form has its base, the kana form nothing).
TEST_CASE("speech: both forms in one walk are each form's own blocks") {
  Passed p("## 地域の福祉教育\n\n地区懇談会では、地域の福祉教育を充実します。\n\n"
           "- 地域福祉コーディネーターの質の向上\n  - 公民館の推進\n\n"
           "| 取り組み | 主な事業 | 所管課 |\n| --- | --- | --- |\n"
           "| ①学校における福祉教育の充実 | 学校教育における推進 | 生活福祉課<br>教育指導課 |\n"
           "|  | 人権教育の推進。 | 教育指導課 |\n\nTable: 第4期 (1) 福祉教育・啓発の充実\n\n"
           "※ 市の行事<br>地域の声\n");
  auto body = p.doc.body();
  dom::append(body, "p").append_child("ruby").append_child(pugi::node_pcdata).set_value("漢");
  speech::Voice written(&p.services);
  speech::Voice kana(&p.services, {}, speech::Voice::Form::Kana);
  std::vector<speech::Block> w, k;
  written.blocks(body, kana, w, k);
  auto same = [](const std::vector<speech::Block>& a, const std::vector<speech::Block>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CAPTURE(i);
      CHECK(a[i].kind == b[i].kind);
      CHECK(a[i].level == b[i].level);
      CHECK(speech::written(a[i].pieces) == speech::written(b[i].pieces));
      CHECK(speech::spoken(a[i].pieces) == speech::spoken(b[i].pieces));
      CHECK(speech::spoken(a[i].words) == speech::spoken(b[i].words));
      CHECK(a[i].pieces.size() == b[i].pieces.size());
    }
  };
  same(w, written.blocks(body));
  same(k, kana.blocks(body));
  CHECK(w.size() == k.size() + 1);  // the ruby without a reading: nothing to say in kana
  CHECK(speech::spoken(w.back().pieces) == "漢。");
  CHECK(speech::spoken(k[1].pieces) == "ちくこんだんかいでは、ちいきのふくしきょういくをじゅうじつします。");
}
