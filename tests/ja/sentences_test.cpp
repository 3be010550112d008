// Furigana sentence by sentence (design note 17): cutting a text after a sentence's 。 must
// give exactly the runs of the whole text, with the real analyser, on the plan's own text.
#include <ja/furigana.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string show(const std::vector<tsu::ja::RubyRun>& runs) {
  std::string out;
  for (const auto& r : runs) {
    out += r.base;
    if (r.reading.empty()) continue;
    out += "[" + r.reading;
    for (const auto& p : r.per_char) out += "/" + p;
    out += "]";
  }
  return out;
}

// The real analyser, counting its calls, and saying it is exact at sentence ends or not.
struct Wrapped final : tsu::ja::Tokenizer {
  const tsu::ja::Tokenizer* real = nullptr;
  bool exact = true;
  mutable int calls = 0;
  std::vector<tsu::ja::Token> tokenize(std::string_view text) const override {
    ++calls;
    return real->tokenize(text);
  }
  bool exact_at_sentence_ends() const override { return exact && real->exact_at_sentence_ends(); }
};

std::unique_ptr<tsu::ja::MecabTokenizer> open(const char* dicdir) {
  tsu::diag::Diagnostics ds;
  return tsu::ja::MecabTokenizer::open(dicdir, ds);
}
}  // namespace

TEST_CASE("sentence_end: after a 。 between a hiragana and a word's first character") {
  using tsu::ja::sentence_end;
  CHECK(sentence_end("推進します。地域の", 0) == std::string("推進します。").size());
  CHECK(sentence_end("です。あり、ます。ケア", 0) == std::string("です。").size());
  CHECK(sentence_end("です。あり、ます。ケア", std::string("です。").size()) == std::string("です。あり、ます。").size());
  CHECK(sentence_end("ます。", 0) == std::string_view::npos);         // nothing after it
  CHECK(sentence_end("ました。(地域", 0) == std::string_view::npos);  // a symbol after: MeCab may group it
  CHECK(sentence_end("ました。「地域", 0) == std::string_view::npos);
  CHECK(sentence_end("です」。地域", 0) == std::string_view::npos);    // a symbol before
  CHECK(sentence_end("モー娘。地域", 0) == std::string_view::npos);    // a word of ipadic ends in 。
  CHECK(sentence_end("です。 地域", 0) == std::string_view::npos);     // a space
  CHECK(sentence_end("です。2025年", 0) == std::string_view::npos);
  CHECK(sentence_end("。地域", 0) == std::string_view::npos);
}

TEST_CASE("the Debian dictionaries are exact at sentence ends, a fake analyser is not") {
  for (const char* dicdir : {"/var/lib/mecab/dic/ipadic-utf8", "/var/lib/mecab/dic/naist-jdic"}) {
    CAPTURE(dicdir);
    auto tok = open(dicdir);
    REQUIRE(tok);
    CHECK(tok->exact_at_sentence_ends());
  }
  tsu::ja::FakeTokenizer fake(std::map<std::string, std::string>{});
  CHECK_FALSE(fake.exact_at_sentence_ends());
}

// The real analyser, kanjidic and the plan's reading list, as a build uses them: once
// analysing every text whole, once sentence by sentence.
struct Real {
  tsu::diag::Diagnostics ds;
  std::unique_ptr<tsu::ja::MecabTokenizer> tok = open("/var/lib/mecab/dic/ipadic-utf8");
  std::optional<tsu::ja::KanjiDic> kanji = tsu::ja::KanjiDic::load("/usr/share/edict/kanjidic", ds);
  std::optional<tsu::ja::ReadingList> readings =
      tsu::ja::ReadingList::parse(slurp(TSU_SOURCE_DIR "/content/readings.toml"), "readings.toml", ds);
  Wrapped whole, cut;
  tsu::ja::AnnotationMemo memo;  // sentences are cut only for a memo to keep
  tsu::ja::Services as_whole, by_sentence;
  Real() {
    REQUIRE(tok);
    REQUIRE(kanji);
    REQUIRE(readings);
    whole.real = cut.real = tok.get();
    whole.exact = false;
    as_whole = {&whole, &*kanji, &*readings};
    by_sentence = {&cut, &*kanji, &*readings, &memo};
  }
};

TEST_CASE("a sentence's first word is read as after its 。, not as at the start of a text") {
  Real r;
  // ipadic makes 多言語 多|言語 at the start of a text and 多言|語 after a 。 (plan, goal 5).
  const std::string first = "安全確保策の推進を進めます。", second = "多言語による情報提供の手段を検討していきます。";
  const std::string whole = show(tsu::ja::annotate(first + second, r.as_whole));
  CHECK(show(tsu::ja::annotate(first + second, r.by_sentence)) == whole);
  // The context counts: analysed apart, the second sentence would be cut otherwise.
  CHECK(show(tsu::ja::annotate(first, r.as_whole)) + show(tsu::ja::annotate(second, r.as_whole)) != whole);
}

TEST_CASE("every text of the plan: sentence by sentence gives the runs of the whole") {
  Real r;
  CHECK_FALSE(r.readings->spans_period());
  int texts = 0, split = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(TSU_SOURCE_DIR "/content")) {
    if (entry.path().extension() != ".md") continue;
    std::istringstream lines(slurp(entry.path()));
    // Each line as one text: paragraphs, list items, table rows (their cells joined by |).
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      ++texts;
      if (tsu::ja::sentence_end(line, 0) != std::string::npos) ++split;
      CAPTURE(line);
      CHECK(show(tsu::ja::annotate(line, r.by_sentence)) == show(tsu::ja::annotate(line, r.as_whole)));
    }
  }
  MESSAGE(texts << " lines of content/, " << split << " of them cut into sentences");
  CHECK(split > 100);  // the check above saw many cuts
}

TEST_CASE("a memo keeps sentences: another paragraph with the same sentence analyses only the new one") {
  auto tok = open("/var/lib/mecab/dic/ipadic-utf8");
  REQUIRE(tok);
  Wrapped counted;
  counted.real = tok.get();
  tsu::ja::AnnotationMemo memo;
  const tsu::ja::Services s{&counted, nullptr, nullptr, &memo};
  const std::string a = "地域の活動を推進します。", b = "相談の場を広げます。", c = "支援を行います。";
  const tsu::ja::Services fresh{tok.get(), nullptr, nullptr};
  Wrapped alone;  // without a memo a text is analysed whole: cutting it would only cost
  alone.real = tok.get();
  tsu::ja::annotate(a + b, tsu::ja::Services{&alone, nullptr, nullptr});
  CHECK(alone.calls == 1);
  tsu::ja::annotate(a + b, s);
  CHECK(counted.calls == 2);
  counted.calls = 0;
  CHECK(show(tsu::ja::annotate(c + b, s)) == show(tsu::ja::annotate(c + b, fresh)));
  CHECK(counted.calls == 1);  // c; b after a 。 was remembered
  // b at the start of a text is another entry: its first word had no 。 before it.
  CHECK(show(tsu::ja::annotate(b, s)) == show(tsu::ja::annotate(b, fresh)));
  CHECK(counted.calls == 2);
  CHECK(show(tsu::ja::annotate(b + a, s)) == show(tsu::ja::annotate(b + a, fresh)));
  CHECK(counted.calls == 3);  // a after a 。 is new; b + a itself was not seen either
}
