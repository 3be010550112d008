// Reading accuracy on the plan's own sentences with the real analyser (MeCab + ipadic),
// kanjidic and content/readings.toml (issue 3). Reports sentence and word accuracy.
#include <content/site.hpp>
#include <ja/furigana.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace {
std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// base[reading] for every run with a reading, as the test set writes it.
std::string show(const std::vector<tsu::ja::RubyRun>& runs, int& words) {
  std::string out;
  for (const auto& r : runs) {
    out += r.base;
    if (r.reading.empty()) continue;
    out += "[" + r.reading + "]";
    ++words;
  }
  return out;
}

// The bracketed runs of an annotated line, in order.
std::vector<std::string> runs_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0, start = 0;
  while ((pos = s.find(']', pos)) != std::string::npos) {
    auto open = s.rfind('[', pos);
    auto base_start = s.rfind(']', open);
    base_start = base_start == std::string::npos || base_start < start ? start : base_start + 1;
    out.push_back(s.substr(base_start, pos + 1 - base_start));
    start = ++pos;
  }
  return out;
}
}  // namespace

TEST_CASE("readings of the plan's sentences") {
  tsu::diag::Diagnostics ds;
  // TSU_MECAB_DICT=/var/lib/mecab/dic/naist-jdic compares another dictionary on the same set.
  const char* dict = std::getenv("TSU_MECAB_DICT");
  auto tokenizer = tsu::ja::MecabTokenizer::open(dict ? dict : "/var/lib/mecab/dic/ipadic-utf8", ds);
  auto kanji = tsu::ja::KanjiDic::load("/usr/share/edict/kanjidic", ds);
  auto readings = tsu::ja::ReadingList::parse(slurp(TSU_SOURCE_DIR "/content/readings.toml"), "readings.toml", ds);
  REQUIRE(tokenizer);
  REQUIRE(kanji);
  REQUIRE(readings);
  tsu::ja::Services services{tokenizer.get(), &*kanji, &*readings};

  std::istringstream set(slurp(TSU_SOURCE_DIR "/tests/ja/plan-sentences.tsv"));
  int sentences = 0, sentences_right = 0, words = 0, words_right = 0;
  for (std::string line; std::getline(set, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    std::string sentence = line.substr(0, tab), want = line.substr(tab + 1);
    int n = 0;
    std::string got = show(tsu::ja::annotate(sentence, services), n);
    auto got_runs = runs_of(got), want_runs = runs_of(want);
    words += static_cast<int>(want_runs.size());
    for (const auto& w : want_runs)
      words_right += std::find(got_runs.begin(), got_runs.end(), w) != got_runs.end();
    ++sentences;
    sentences_right += got == want;
    CHECK_MESSAGE(got == want, "got  " << got << "\nwant " << want);
  }
  std::printf("reading accuracy: sentences %d/%d, words %d/%d\n", sentences_right, sentences, words_right, words);
  CHECK(sentences >= 10);
}
