#include <ja/kana.hpp>
#include <ja/tokenizer.hpp>
#include <text/unicode.hpp>

#include <mecab.h>

#include <algorithm>
#include <map>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <limits>
#include <mutex>
#include <utility>
#include <vector>

namespace tsu::ja {

namespace {
std::uint64_t next_tokenizer_id() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

struct MecabTokenizer::Impl {
  std::unique_ptr<MeCab::Model> model;
  bool exact_at_sentence_ends = false;
  const std::uint64_t id = next_tokenizer_id();
  mutable std::mutex mutex;  // guards taggers (only when a thread first uses this tokenizer)
  mutable std::vector<std::unique_ptr<MeCab::Tagger>> taggers;

  // One tagger per thread, created on first use and owned here. Each thread remembers its
  // taggers by tokenizer id (never by address: a later tokenizer may reuse it), so the hot
  // path takes no lock at all.
  MeCab::Tagger& tagger() const {
    thread_local std::vector<std::pair<std::uint64_t, MeCab::Tagger*>> mine;
    for (const auto& [owner, t] : mine)
      if (owner == id) return *t;
    std::lock_guard lock(mutex);
    taggers.emplace_back(model->createTagger());
    mine.emplace_back(id, taggers.back().get());
    return *taggers.back();
  }
};

namespace {

// Whether the dictionary's 。 wins over each other word MeCab makes of the character (its
// unknown-word symbols) whatever stands on either side: then every best path runs through
// it, and a cut after it changes nothing (design note 17). The dictionary's connection
// costs (matrix.bin: two counts, then cost[left word's right id + count * right word's
// left id]) bound how much a neighbour can favour the other word.
bool period_outweighs_symbols(const MeCab::Model& model, const std::string& dicdir) {
  std::unique_ptr<MeCab::Tagger> tagger(model.createTagger());
  std::unique_ptr<MeCab::Lattice> lattice(model.createLattice());
  static const char period[] = "。";
  lattice->set_sentence(period);
  if (!tagger || !lattice || !tagger->parse(lattice.get())) return false;
  const MeCab::Node* word = nullptr;
  std::vector<const MeCab::Node*> others;
  for (const MeCab::Node* n = lattice->begin_nodes(0); n; n = n->bnext) {
    if (n->length != sizeof period - 1) return false;  // something longer starts with 。
    if (n->stat == MECAB_NOR_NODE) {
      if (word) return false;
      word = n;
    } else {
      others.push_back(n);
    }
  }
  std::ifstream in(dicdir + "/matrix.bin", std::ios::binary);
  std::uint16_t size[2] = {0, 0};
  if (!word || !in.read(reinterpret_cast<char*>(size), sizeof size)) return false;
  const std::size_t lefts = size[0], rights = size[1];
  std::vector<std::int16_t> cost(lefts * rights);
  if (!in.read(reinterpret_cast<char*>(cost.data()), static_cast<std::streamsize>(cost.size() * sizeof cost[0])))
    return false;
  auto at = [&](std::size_t right_id_of_left, std::size_t left_id_of_right) {
    return static_cast<long>(cost[right_id_of_left + lefts * left_id_of_right]);
  };
  for (const MeCab::Node* other : others) {
    if (word->lcAttr >= rights || other->lcAttr >= rights || word->rcAttr >= lefts || other->rcAttr >= lefts)
      return false;
    long before = std::numeric_limits<long>::min(), after = before;
    for (std::size_t l = 0; l < lefts; ++l) before = std::max(before, at(l, word->lcAttr) - at(l, other->lcAttr));
    for (std::size_t r = 0; r < rights; ++r) after = std::max(after, at(word->rcAttr, r) - at(other->rcAttr, r));
    if (before + after + word->wcost - other->wcost >= 0) return false;
  }
  return true;
}

}  // namespace

MecabTokenizer::MecabTokenizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
MecabTokenizer::~MecabTokenizer() = default;

std::unique_ptr<MecabTokenizer> MecabTokenizer::open(const std::string& dicdir, diag::Diagnostics& diags) {
  std::string arg = "-d " + dicdir;
  auto impl = std::make_unique<Impl>();
  impl->model.reset(MeCab::createModel(arg.c_str()));
  if (!impl->model) {
    diags.error("mecab-dictionary", {dicdir, 0, 0},
                std::string("cannot open the MeCab dictionary: ") + MeCab::getLastError(),
                "install it (apt-get install mecab-ipadic-utf8) or set [ruby] dictionary in site.toml");
    return nullptr;
  }
  impl->exact_at_sentence_ends = period_outweighs_symbols(*impl->model, dicdir);
  return std::unique_ptr<MecabTokenizer>(new MecabTokenizer(std::move(impl)));
}

bool MecabTokenizer::exact_at_sentence_ends() const { return m_impl->exact_at_sentence_ends; }

namespace {
// The n-th comma-separated field of a MeCab feature string (ipadic / naist-jdic layout:
// pos, pos1, pos2, pos3, conjugation type, form, base, reading, pronunciation).
std::string_view field(std::string_view f, int n) {
  for (int i = 0; i < n; ++i) {
    auto comma = f.find(',');
    if (comma == std::string_view::npos) return {};
    f.remove_prefix(comma + 1);
  }
  return f.substr(0, f.find(','));
}
std::string field(const char* feature, int n) { return std::string(field(std::string_view(feature), n)); }
}  // namespace

std::vector<Token> MecabTokenizer::tokenize(std::string_view text) const {
  std::vector<Token> out;
  out.reserve(text.size() / 4 + 2);  // a word is two or three characters of six to nine bytes
  std::string input(text);
  const MeCab::Node* node = m_impl->tagger().parseToNode(input.c_str());
  std::size_t covered = 0;
  for (; node; node = node->next) {
    if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE) continue;
    // MeCab skips spaces between words; keep them so surfaces cover the text.
    auto start = static_cast<std::size_t>(node->surface - input.c_str());
    if (start > covered) out.push_back({input.substr(covered, start - covered), "", "記号", "空白"});
    Token& t = out.emplace_back();
    t.surface.assign(node->surface, node->length);
    // pos, pos1 and the reading (the 8th field), without copying the feature string
    std::string_view feature(node->feature);
    auto pos = field(feature, 0), pos1 = field(feature, 1);
    t.pos.assign(pos);
    t.pos1.assign(pos1);
    t.unknown = node->stat == MECAB_UNK_NODE;
    auto reading = field(feature, 7);
    if (!reading.empty() && reading != "*") t.reading = to_hiragana(reading);
    covered = start + node->length;
  }
  if (covered < input.size()) out.push_back({input.substr(covered), "", "記号", "空白"});
  return out;
}

// The 3 best analyses (MeCab N-best); a span with kanji read differently on any of them
// has another plausible reading.
std::vector<std::pair<std::string, std::vector<std::string>>> MecabTokenizer::alternatives(std::string_view text) const {
  std::unique_ptr<MeCab::Lattice> lattice(m_impl->model->createLattice());
  std::string input(text);
  lattice->set_request_type(MECAB_NBEST);
  lattice->set_sentence(input.c_str());
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  if (!m_impl->tagger().parse(lattice.get())) return out;
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::string>> spans;
  std::vector<std::pair<std::size_t, std::size_t>> order;
  for (int n = 0; n < 3; ++n) {
    for (const MeCab::Node* node = lattice->bos_node(); node; node = node->next) {
      if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE) continue;
      std::string surface(node->surface, node->length);
      if (!has_kanji(surface)) continue;
      std::string reading = field(node->feature, 7);
      if (reading.empty() || reading == "*") continue;
      reading = to_hiragana(reading);
      std::pair<std::size_t, std::size_t> span{static_cast<std::size_t>(node->surface - lattice->sentence()), node->length};
      auto& readings = spans[span];
      if (readings.empty()) order.push_back(span);
      if (std::find(readings.begin(), readings.end(), reading) == readings.end()) readings.push_back(reading);
    }
    if (!lattice->next()) break;
  }
  for (const auto& span : order)
    if (spans[span].size() > 1) out.emplace_back(input.substr(span.first, span.second), spans[span]);
  return out;
}

std::vector<Token> FakeTokenizer::tokenize(std::string_view text) const {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t best = 0;
    std::string reading;
    for (const auto& [w, r] : m_words)
      if (w.size() > best && text.substr(i, w.size()) == w) {
        best = w.size();
        reading = r;
      }
    if (best) {
      out.push_back({std::string(text.substr(i, best)), reading, "名詞", "一般"});
      i += best;
      continue;
    }
    std::size_t j = i;
    char32_t c = text::next_code_point(text, j);
    bool digit = (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９');
    out.push_back({std::string(text.substr(i, j - i)), "", digit ? "名詞" : "記号", digit ? "数" : "一般"});
    i = j;
  }
  return out;
}

}  // namespace tsu::ja
