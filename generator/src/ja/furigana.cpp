#include <ja/furigana.hpp>
#include <ja/kana.hpp>
#include <text/unicode.hpp>

#include <cstdint>
#include <unordered_map>

namespace tsu::ja {

namespace {

constexpr std::string_view kPeriod = "。";

// Readings that depend on the neighbouring words, where the dictionaries guess wrong in
// the plan's kind of text (issue 3: 等, 方, 他).
void apply_context(std::vector<Token>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto& t = tokens[i];
    const Token* prev = i > 0 ? &tokens[i - 1] : nullptr;
    const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
    if (t.surface == "等") {
      // 広報等 (とう, after a noun) vs 参加する等 (など, after a verb or auxiliary)
      bool after_verb = prev && (prev->pos == "動詞" || prev->pos == "助動詞");
      t.reading = after_verb ? "など" : "とう";
    } else if (t.surface == "方" && t.pos1 != "接尾") {
      // 知らない人の方が多い (ほう, comparison after の) vs 必要な方 / 意欲がある方 (かた, a person)
      t.reading = prev && prev->surface == "の" ? "ほう" : "かた";
    } else if (t.surface == "他" && next && next->surface == "の") {
      t.reading = "ほか";  // 他の団体
    } else if (t.surface == "人" && prev && (prev->surface == "1" || prev->surface == "１" ||
                                              prev->surface == "2" || prev->surface == "２")) {
      // 1人 ひとり, 2人 ふたり: the counter is read with the number, so the whole gets ruby
      bool one = prev->surface == "1" || prev->surface == "１";
      t.surface = prev->surface + t.surface;
      t.reading = one ? "ひとり" : "ふたり";
      t.pos1 = "助数詞";
      tokens[i - 1].surface.clear();
    }
  }
}

// align() of a word, remembered per thread: words recur (Zipf), and the alignment with its
// kanjidic backtracking costs more than the analysis of the word itself. Keyed by surface
// and reading, for one dictionary at a time; bounded.
void aligned(const std::string& surface, const std::string& reading, const KanjiDic* dic, std::vector<RubyRun>& out) {
  struct Memo {
    std::uint64_t dic = ~std::uint64_t{0};
    std::unordered_map<std::string, std::vector<RubyRun>> runs;
  };
  thread_local Memo memo;
  std::uint64_t which = dic ? dic->id() : 0;
  if (memo.dic != which || memo.runs.size() > 100000) {
    memo.runs.clear();
    memo.dic = which;
  }
  thread_local std::string key;  // made in place: most keys are longer than a short string
  key.assign(surface);
  key += '\0';
  key += reading;
  auto it = memo.runs.find(key);
  if (it == memo.runs.end()) it = memo.runs.emplace(key, align(surface, reading, dic)).first;
  out.insert(out.end(), it->second.begin(), it->second.end());
}

// The analyser's words for text, as runs. after_period: text follows a 。 that ended the
// sentence before it (sentence_end()); it is analysed with that 。 in front, so its first
// word has the same left neighbour as in the whole text, and the 。 is left out again.
void analyse(std::string_view text, bool after_period, const Services& ja, std::vector<RubyRun>& out) {
  if (text.empty()) return;
  std::vector<Token> tokens;
  if (after_period) {
    thread_local std::string input;
    input.assign(kPeriod).append(text);
    tokens = ja.tokenizer->tokenize(input);
    after_period = !tokens.empty() && tokens.front().surface == kPeriod;
    if (!after_period) tokens = ja.tokenizer->tokenize(text);  // not the dictionary's 。: as it is
  } else {
    tokens = ja.tokenizer->tokenize(text);
  }
  apply_context(tokens);
  for (std::size_t i = after_period ? 1 : 0; i < tokens.size(); ++i) {
    auto& t = tokens[i];
    if (t.surface.empty()) continue;  // merged into the next token
    if (t.pos1 == "助数詞" && (t.reading == "ひとり" || t.reading == "ふたり")) {
      out.push_back({std::move(t.surface), std::move(t.reading), {}});
      continue;
    }
    if (!has_kanji(t.surface) || t.reading.empty()) {
      out.push_back({std::move(t.surface), {}, {}});
      continue;
    }
    aligned(t.surface, t.reading, ja.kanji, out);
  }
}

// A reading-list entry with one reading per character: kanji keep theirs (consecutive
// kanji form one mono-ruby run), kana stand as they are.
void per_character(const ReadingEntry& e, std::vector<RubyRun>& out) {
  std::size_t i = 0, k = 0;
  while (i < e.surface.size()) {
    std::size_t start = i;
    char32_t c = text::next_code_point(e.surface, i);
    const std::string& reading = e.per_char[k++];
    if (!is_kanji(c)) {
      out.push_back({e.surface.substr(start, i - start), {}, {}});
      continue;
    }
    if (out.empty() || out.back().per_char.empty() || out.back().reading.empty() ||
        !is_kanji(text::last_code_point(out.back().base)) || start == 0)
      out.push_back({{}, {}, {}});
    auto& run = out.back();
    run.base.append(e.surface.substr(start, i - start));
    run.reading += reading;
    run.per_char.push_back(reading);
  }
}

}  // namespace

bool AnnotationMemo::find(std::string_view text, const RunVisitor& each) {
  if (!keeps(text.size())) return false;
  auto visit = [&](const std::vector<RubyRun>& runs) {
    for (const auto& r : runs) each(r);
    return true;
  };
  {
    std::shared_lock lock(m_mutex, std::defer_lock);
    if (!m_limits.one_thread) lock.lock();
    if (auto it = m_runs.find(text); it != m_runs.end()) return visit(it->second);
    if (m_old.empty()) return false;
  }
  std::unique_lock lock(m_mutex, std::defer_lock);
  if (!m_limits.one_thread) lock.lock();
  auto it = m_old.find(text);
  if (it == m_old.end()) {  // another thread may have moved it meanwhile
    auto now = m_runs.find(text);
    return now != m_runs.end() && visit(now->second);
  }
  auto entry = m_old.extract(it);
  visit(entry.mapped());
  keep(std::move(entry.key()), std::move(entry.mapped()));
  return true;
}

void AnnotationMemo::store(std::string_view text, std::vector<RubyRun> runs) {
  if (!keeps(text.size())) return;
  std::unique_lock lock(m_mutex, std::defer_lock);
  if (!m_limits.one_thread) lock.lock();
  if (!m_runs.contains(text)) keep(std::string(text), std::move(runs));
}

void AnnotationMemo::keep(std::string text, std::vector<RubyRun> runs) {
  std::size_t bytes = 64 + text.size() + runs.size() * sizeof(RubyRun);  // 64: node, hash
  for (const auto& r : runs) {
    bytes += r.base.size() + r.reading.size() + r.per_char.size() * sizeof(std::string);
    for (const auto& p : r.per_char) bytes += p.size();
  }
  if (m_runs.size() >= m_limits.max_entries || m_bytes + bytes > m_limits.max_bytes) {
    m_old = std::move(m_runs);
    m_runs = Map();
    m_bytes = 0;
  }
  m_runs.emplace(std::move(text), std::move(runs));
  m_bytes += bytes;
}

std::size_t sentence_end(std::string_view text, std::size_t from) {
  auto hiragana = [](char32_t c) { return c >= U'\u3041' && c <= U'\u3096'; };
  auto word_start = [&](char32_t c) {
    return hiragana(c) || (c >= U'\u30A1' && c <= U'\u30FA') || (c >= U'\u4E00' && c <= U'\u9FA5');
  };
  for (auto at = text.find(kPeriod, from); at != std::string_view::npos; at = text.find(kPeriod, at + 1)) {
    std::size_t after = at + kPeriod.size();
    if (at == 0 || after >= text.size()) continue;
    if (hiragana(text::last_code_point(text.substr(0, at))) && word_start(text::first_code_point(text.substr(after))))
      return after;
  }
  return std::string_view::npos;
}

namespace {

// The runs of one sentence (or of a whole text): the plan's reading list first (longest
// match wins), then the analyser for the rest.
void runs_of(std::string_view text, bool after_period, const Services& ja, std::vector<RubyRun>& out) {
  std::size_t pending = 0, pos = 0;
  while (pos < text.size()) {
    const ReadingEntry* e = ja.readings ? ja.readings->longest_at(text, pos) : nullptr;
    if (!e) {
      text::next_code_point(text, pos);
      continue;
    }
    analyse(text.substr(pending, pos - pending), after_period && pending == 0, ja, out);
    if (!e->per_char.empty()) per_character(*e, out);
    else
      aligned(e->surface, e->reading, ja.kanji, out);
    pos += e->surface.size();
    pending = pos;
  }
  analyse(text.substr(pending), after_period && pending == 0, ja, out);
}

// One sentence, from the memo or analysed (and then remembered).
void annotate_sentence(std::string_view text, bool after_period, const Services& ja, const RunVisitor& each) {
  // A sentence after a 。 is remembered apart from the same text at the start of a text:
  // its first word may be read otherwise (\0 is never in a text).
  thread_local std::string key;
  std::string_view memo_key = text;
  if (after_period) {
    key.assign(1, '\0').append(text);
    memo_key = key;
  }
  AnnotationMemo* memo = ja.memo && ja.memo->keeps(memo_key.size()) ? ja.memo : nullptr;
  if (memo && memo->find(memo_key, each)) return;
  std::vector<RubyRun> out;
  runs_of(text, after_period, ja, out);
  for (const auto& r : out) each(r);
  if (!memo) return;
  out.shrink_to_fit();  // kept for long: no slack (moves the strings, no copy)
  memo->store(memo_key, std::move(out));
}

}  // namespace

void annotate_each(std::string_view text, const Services& ja, const RunVisitor& each) {
  // Sentence by sentence where that is exact (design note 17), for a memo to keep:
  // sentences recur where paragraphs do not, and an edit in serve leaves the other
  // sentences of its paragraph. Without a memo the cuts would only cost.
  const bool split =
      ja.memo && ja.tokenizer->exact_at_sentence_ends() && !(ja.readings && ja.readings->spans_period());
  std::size_t start = 0;
  for (std::size_t end = split ? sentence_end(text, 0) : std::string_view::npos; end != std::string_view::npos;
       start = end, end = sentence_end(text, start))
    annotate_sentence(text.substr(start, end - start), start > 0, ja, each);
  annotate_sentence(text.substr(start), start > 0, ja, each);  // a text cut is remembered by its sentences
}

std::vector<RubyRun> annotate(std::string_view text, const Services& ja) {
  std::vector<RubyRun> out;
  if (!ja.memo) runs_of(text, false, ja, out);  // nothing to remember: straight into the result
  else
    annotate_each(text, ja, [&](const RubyRun& r) { out.push_back(r); });
  return out;
}

}  // namespace tsu::ja
