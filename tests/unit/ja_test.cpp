#include <ja/furigana.hpp>
#include <ja/kana.hpp>
#include <ja/services.hpp>
#include <text/unicode.hpp>

#include <doctest/doctest.h>

using namespace tsu;

namespace {
// A few kanjidic lines (the real file is EUC-JP; parse() takes UTF-8).
const char* dic_text =
    "民 4D31 U6c11 B83 G4 S5 ミン たみ {people}\n"
    "生 4038 U751f B100 G1 S5 セイ ショウ い.きる う.まれる なま {life}\n"
    "委 3051 U59d4 B123 G3 S8 イ ゆだ.ねる {committee}\n"
    "員 3077 U54e1 B30 G3 S10 イン {member}\n"
    "人 3F4D U4eba B9 G1 S2 ジン ニン ひと -り -と {person} T1 と\n"
    "学 3358 U5b66 B39 G1 S8 ガク まな.ぶ {study}\n"
    "校 3955 U6821 B75 G1 S10 コウ キョウ {school}\n"
    "諾 427A U8afe B149 G8 S15 ダク {consent}\n"
    "小 3E2E U5c0f B42 G1 S3 ショウ ちい.さい こ- お- さ- {little}\n"
    "中 4366 U4e2d B2 G1 S4 チュウ なか うち あた.る {in}\n";

std::string show(const std::vector<ja::RubyRun>& runs) {
  std::string out;
  for (const auto& r : runs) {
    out += r.base;
    if (r.reading.empty()) continue;
    out += "[" + r.reading;
    if (!r.per_char.empty()) {
      out += ":";
      for (const auto& p : r.per_char) out += p + "/";
    }
    out += "]";
  }
  return out;
}
}  // namespace

TEST_CASE("ja::to_hiragana and character classes") {
  CHECK(ja::to_hiragana("ニシトウキョウシ") == "にしとうきょうし");
  CHECK(ja::to_hiragana("ほっとネット") == "ほっとねっと");
  CHECK(ja::is_kanji(U'市'));
  CHECK(ja::is_kanji(U'々'));
  CHECK_FALSE(ja::is_kanji(U'あ'));
  CHECK(ja::all_kana("コーディネーター"));
  CHECK_FALSE(ja::all_kana("NPO"));
  CHECK(ja::has_kanji("ほっとネット推進員"));
}

// has_kanji skips bytes without decoding them: it must still find a kanji exactly where
// is_kanji finds one, for every character between kana, and after bytes that are not UTF-8.
TEST_CASE("ja::has_kanji finds a kanji wherever is_kanji does") {
  int wrong = 0;
  for (char32_t c = 0x20; c < 0x30000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string s = "あ";
    text::append_utf8(s, c);
    s += "い";
    wrong += ja::has_kanji(s) != ja::is_kanji(c);
  }
  CHECK(wrong == 0);
  CHECK(ja::has_kanji("𠮷野"));
  CHECK(ja::has_kanji("\xC3漢"));
  CHECK(ja::has_kanji("\xE3\x81漢"));
  CHECK_FALSE(ja::has_kanji("\xE3\x81"));
  CHECK_FALSE(ja::has_kanji("ちくこんだんかい、ほっとネット。〇"));
  CHECK(ja::has_kanji("時々"));
}

TEST_CASE("ja::KanjiDic reads grades and readings") {
  auto dic = ja::KanjiDic::parse(dic_text);
  CHECK(dic.grade(U'民') == 4);
  CHECK(dic.grade(U'諾') == 0);  // G8: secondary school
  CHECK(dic.grade(U'龍') == 0);  // not listed
  CHECK(dic.readings(U'生') == std::vector<std::string>{"せい", "しょう", "い", "う", "なま"});
  CHECK(dic.readings(U'人') == std::vector<std::string>{"じん", "にん", "ひと", "り", "と"});  // not T1 names
  auto counts = dic.grade_counts();
  CHECK(counts[1] == 6);
  CHECK(counts[3] == 2);
}

TEST_CASE("ja::align never covers kana, splits per kanji when it can") {
  auto dic = ja::KanjiDic::parse(dic_text);
  CHECK(show(ja::align("取り組み", "とりくみ", &dic)) == "取[と]り組[く]み");
  CHECK(show(ja::align("話し合い", "はなしあい", &dic)) == "話[はな]し合[あ]い");
  CHECK(show(ja::align("民生委員", "みんせいいいん", &dic)) == "民生委員[みんせいいいん:みん/せい/い/いん/]");
  CHECK(show(ja::align("学校", "がっこう", &dic)) == "学校[がっこう:がっ/こう/]");   // sokuon
  CHECK(show(ja::align("人々", "ひとびと", &dic)) == "人々[ひとびと:ひと/びと/]");   // 々 + rendaku
  CHECK(show(ja::align("申出", "もうしで", &dic)) == "申出[もうしで]");           // no known split
  CHECK(show(ja::align("ほっとネット推進員", "ほっとねっとすいしんいん", nullptr)) ==
        "ほっとネット推進員[すいしんいん]");
  CHECK(show(ja::align("約3割", "やくさんわり", &dic)) == "約3割");  // digits inside: not aligned
  // issue 10, found by the align fuzzer: two digits in a word whose reading does not fit
  // looped for ever
  CHECK(show(ja::align("第12回", "ちがう", &dic)) == "第12回");
  CHECK(show(ja::align("取り組み", "ちがう", &dic)) == "取り組み[ちがう]");  // does not fit: group
  // punctuation inside a word is not read; known readings decide where 小 ends
  CHECK(show(ja::align("小・中学校", "しょうちゅうがっこう", &dic)) ==
        "小[しょう]・中学校[ちゅうがっこう:ちゅう/がっ/こう/]");
}

TEST_CASE("ja::ReadingList") {
  diag::Diagnostics ds;
  auto list = ja::ReadingList::parse(
      "\"西東京市\" = \"にしとうきょうし\"\n\"西東京\" = \"ニシトウキョウ\"\n"
      "[\"制度\"]\n\"民生委員\" = [\"みん\", \"せい\", \"い\", \"いん\"]\n",
      "content/readings.toml", ds);
  for (const auto& d : ds.all()) MESSAGE(diag::format(d));
  REQUIRE(list);
  CHECK(list->size() == 3);
  std::string text = "この西東京市の";
  auto* e = list->longest_at(text, 6);  // byte offset of 西
  REQUIRE(e);
  CHECK(e->surface == "西東京市");  // longest match wins
  CHECK(list->longest_at(text, 0) == nullptr);

  SUBCASE("bad entries name file and line") {
    diag::Diagnostics bad;
    CHECK_FALSE(ja::ReadingList::parse("\"茶話会\" = \"さわ会\"\n\"所管課\" = [\"しょ\", \"かん\"]\n",
                                       "content/readings.toml", bad));
    REQUIRE(bad.all().size() == 2);
    CHECK(bad.all()[0].where.line == 1);
    CHECK(bad.all()[0].message == "reading of '茶話会': 'さわ会' is not kana");
    CHECK(bad.all()[1].where.line == 2);
    CHECK(bad.all()[1].message == "reading of '所管課': 2 readings for 3 characters");
  }
}

TEST_CASE("ja::annotate: the reading list wins over the analyser") {
  auto dic = ja::KanjiDic::parse(dic_text);
  ja::FakeTokenizer tok({{"西東京", "にしとうきょう"}, {"市", "し"}, {"民生", "みんせい"}, {"委員", "いいん"}});
  diag::Diagnostics ds;
  auto list = ja::ReadingList::parse("\"民生委員\" = [\"みん\", \"せい\", \"い\", \"いん\"]\n", "r.toml", ds);
  ja::Services s{&tok, &dic, &*list};
  CHECK(show(ja::annotate("西東京市の民生委員", s)) ==
        "西東京[にしとうきょう]市[し]の民生委員[みんせいいいん:みん/せい/い/いん/]");
  ja::Services no_list{&tok, &dic, nullptr};
  CHECK(show(ja::annotate("民生委員", no_list)) == "民生[みんせい:みん/せい/]委員[いいん:い/いん/]");
}

TEST_CASE("ja::AnnotationMemo: keeps short texts, forgets what does not recur, gives what analysing gives") {
  // A tokenizer that counts its calls, so a test can tell a remembered text from an analysed one.
  struct Counting final : ja::Tokenizer {
    ja::FakeTokenizer words{std::map<std::string, std::string>{{"民生", "みんせい"}, {"委員", "いいん"}, {"地域", "ちいき"}}};
    mutable int calls = 0;
    std::vector<ja::Token> tokenize(std::string_view text) const override {
      ++calls;
      return words.tokenize(text);
    }
  };
  Counting tok;
  ja::AnnotationMemo memo(ja::AnnotationMemo::Limits{12, 2});  // 12 bytes: four kanji
  ja::Services plain{&tok, nullptr, nullptr};
  ja::Services remembering{&tok, nullptr, nullptr, &memo};
  const std::string fresh = show(ja::annotate("民生委員", plain));
  tok.calls = 0;
  CHECK(show(ja::annotate("民生委員", remembering)) == fresh);
  CHECK(show(ja::annotate("民生委員", remembering)) == fresh);
  CHECK(tok.calls == 1);  // the second time from the memo
  ja::annotate("地域の民生委員", remembering);  // 21 bytes: longer than the memo keeps
  ja::annotate("地域の民生委員", remembering);
  CHECK(tok.calls == 3);
  ja::annotate("地域", remembering);  // two texts kept: full
  ja::annotate("委員", remembering);  // turns: 民生委員 and 地域 are the older half
  tok.calls = 0;
  ja::annotate("委員", remembering);
  CHECK(tok.calls == 0);
  CHECK(show(ja::annotate("民生委員", remembering)) == fresh);
  CHECK(tok.calls == 0);  // found in the older half, moved to the newer (委員, 民生委員: full)
  ja::annotate("学校", remembering);  // turns again: 地域, never found since, is forgotten
  tok.calls = 0;
  ja::annotate("民生委員", remembering);
  CHECK(tok.calls == 0);
  ja::annotate("地域", remembering);
  CHECK(tok.calls == 1);  // forgotten, analysed again

  // Bounded by bytes too: with room for one text a half, it keeps the last two.
  ja::AnnotationMemo small(ja::AnnotationMemo::Limits{.max_bytes = 1});
  ja::Services in_small{&tok, nullptr, nullptr, &small};
  tok.calls = 0;
  ja::annotate("民生委員", in_small);
  ja::annotate("民生委員", in_small);
  CHECK(tok.calls == 1);
  ja::annotate("地域", in_small);
  ja::annotate("民生委員", in_small);
  CHECK(tok.calls == 2);  // still there, in the older half
  ja::annotate("委員", in_small);
  ja::annotate("学校", in_small);
  ja::annotate("民生委員", in_small);
  CHECK(tok.calls == 5);  // two turns without being found: forgotten
}

TEST_CASE("ja::ThreadServices: a memo for each thread, or the caller's for all") {
  ja::FakeTokenizer tok(std::map<std::string, std::string>{{"民生", "みんせい"}});
  ja::Services base{&tok, nullptr, nullptr};
  ja::ThreadServices each(base, 3);
  CHECK(each[0].memo != nullptr);
  CHECK(each[1].memo != nullptr);
  CHECK(each[0].memo != each[1].memo);
  CHECK(each[2].tokenizer == &tok);
  ja::AnnotationMemo shared;
  ja::Services with_memo{&tok, nullptr, nullptr, &shared};
  ja::ThreadServices all(with_memo, 3);
  CHECK(all[0].memo == &shared);
  CHECK(all[2].memo == &shared);
  ja::ThreadServices none(ja::Services{}, 2);  // no analyser: nothing to remember
  CHECK(none[1].memo == nullptr);
}

TEST_CASE("ja::annotate: context decides 等, 方, 他 and 1人") {
  ja::FakeTokenizer tok(std::map<std::string, std::string>{
      {"等", "ひとし"}, {"方", "ほう"}, {"他", "た"}, {"人", "にん"}, {"広報", "こうほう"}, {"の", ""}});
  ja::Services s{&tok, nullptr, nullptr};
  CHECK(show(ja::annotate("広報等", s)) == "広報[こうほう]等[とう]");
  CHECK(show(ja::annotate("他の", s)) == "他[ほか]の");
  CHECK(show(ja::annotate("人の方", s)) == "人[にん]の方[ほう]");
  CHECK(show(ja::annotate("ある方", s)) == "ある方[かた]");
  CHECK(show(ja::annotate("1人と2人と3人", s)) == "1人[ひとり]と2人[ふたり]と3人[にん]");
}
