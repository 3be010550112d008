#pragma once
#include <ja/align.hpp>
#include <ja/kanjidic.hpp>
#include <ja/readings.hpp>
#include <ja/tokenizer.hpp>

#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tsu::ja {

/// Called with each run of a text, in order.
using RunVisitor = std::function<void(const RubyRun&)>;

/// Remembers annotate()'s runs per text. `serve` keeps one for as long as its services
/// live, so an edit analyses the sentences it changed and takes the others from here; a
/// build gives each thread one (ThreadServices). Safe to share between threads.
class AnnotationMemo {
public:
  /// What it keeps: texts of at most max_text bytes. When the texts stored since the
  /// last turn number max_entries or take about max_bytes (texts and runs), it turns:
  /// what was stored before the last turn and not found since is forgotten. So it holds
  /// at most twice that, and the texts that recur stay (found ones move to the newer half).
  struct Limits {
    std::size_t max_text = static_cast<std::size_t>(-1);
    std::size_t max_entries = static_cast<std::size_t>(-1);
    bool one_thread = false;  ///< used by one thread only (ja::ThreadServices): no locking
    std::size_t max_bytes = static_cast<std::size_t>(-1);
  };
  AnnotationMemo() = default;
  explicit AnnotationMemo(Limits limits) : m_limits(limits) {}
  /// Calls each with the runs remembered for text (without copying them); false when
  /// there are none.
  bool find(std::string_view text, const RunVisitor& each);
  void store(std::string_view text, std::vector<RubyRun> runs);
  /// Whether store() would keep a text of this many bytes.
  bool keeps(std::size_t bytes) const { return bytes <= m_limits.max_text; }

private:
  struct Hash {  // looks texts up without copying them into a string
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, std::vector<RubyRun>, Hash, std::equal_to<>>;
  void keep(std::string text, std::vector<RubyRun> runs);  // into the newer half, turning first when full
  Limits m_limits;
  std::size_t m_bytes = 0;  ///< what the newer half's texts and runs take, about
  mutable std::shared_mutex m_mutex;
  Map m_runs;  ///< stored or found since the last turn
  Map m_old;   ///< stored before it, not found since
};

/// The language services a build uses, loaded once and shared by every page and thread.
struct Services {
  const Tokenizer* tokenizer = nullptr;
  const KanjiDic* kanji = nullptr;       ///< grades and per-kanji readings; may be null
  const ReadingList* readings = nullptr; ///< the plan's own list; may be null
  /// Earlier results for the same services; may be null. Valid only while the three
  /// above stay the same, so whoever owns them owns it.
  AnnotationMemo* memo = nullptr;
};

/// Text as runs with readings: the plan's reading list first (longest match wins), then
/// the analyser for the rest; every run aligned so kana is never covered. With a memo,
/// where the tokenizer is exact at sentence ends, each sentence is done and remembered on
/// its own.
std::vector<RubyRun> annotate(std::string_view text, const Services& ja);
/// The same runs, each given to `each` as it comes (remembered ones are not copied).
void annotate_each(std::string_view text, const Services& ja, const RunVisitor& each);

/// The byte after the first 。 at or after `from` that ends a sentence in a way the
/// analyser cannot join to the next one: a hiragana before it and a hiragana, katakana or
/// kanji after it (no symbol or space on either side, which MeCab could group with the 。
/// into an unknown word). npos when there is none. Design note 17 says why cutting there
/// leaves an ipadic-family analysis unchanged.
std::size_t sentence_end(std::string_view text, std::size_t from);

}  // namespace tsu::ja
