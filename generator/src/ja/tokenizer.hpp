#pragma once
#include <diag/diagnostic.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tsu::ja {

/// A word as the morphological analyser sees it.
struct Token {
  std::string surface;
  std::string reading;  ///< hiragana; empty when the dictionary gives none
  std::string pos;      ///< part of speech, e.g. 名詞
  std::string pos1;     ///< its first subdivision, e.g. 数 for numbers
  bool unknown = false; ///< the dictionary does not know the word (its reading is a guess or none)
};

/// Splits Japanese text into words with readings. Behind an interface so tests use a fake
/// and never load a dictionary (style.md, "Side effects behind small interfaces").
class Tokenizer {
public:
  virtual ~Tokenizer() = default;
  /// Tokens covering text exactly: their surfaces concatenate to text. Thread-safe.
  virtual std::vector<Token> tokenize(std::string_view text) const = 0;
  /// Words of text that the analyser could plausibly read another way: the same span of
  /// text read differently on one of the next-best analyses. Each entry: surface and its
  /// readings, the chosen one first. Empty when the analyser cannot tell.
  virtual std::vector<std::pair<std::string, std::vector<std::string>>> alternatives(std::string_view text) const {
    (void)text;
    return {};
  }
  /// Whether analysing a text sentence by sentence, each cut at a sentence_end() and the
  /// later ones given the 。 before them, yields the same words as the whole text (design
  /// note 17). False unless the analyser is known to behave so.
  virtual bool exact_at_sentence_ends() const { return false; }
};

/// MeCab with a Debian dictionary. The model is shared; each thread gets its own tagger
/// (MeCab taggers are not thread-safe, models are).
class MecabTokenizer final : public Tokenizer {
public:
  /// dicdir: e.g. /var/lib/mecab/dic/ipadic-utf8. nullptr (with a diagnostic) on failure.
  static std::unique_ptr<MecabTokenizer> open(const std::string& dicdir, diag::Diagnostics& diags);
  ~MecabTokenizer() override;
  std::vector<Token> tokenize(std::string_view text) const override;
  std::vector<std::pair<std::string, std::vector<std::string>>> alternatives(std::string_view text) const override;
  /// True for a dictionary of the ipadic family (ipadic, naist-jdic): its 。 is the word
  /// 記号,句点 and wins over every other reading of the character (design note 17).
  bool exact_at_sentence_ends() const override;

private:
  struct Impl;
  explicit MecabTokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

/// A tokenizer from a word list, for tests: longest match; other characters become
/// one-character tokens without reading (digits get pos 名詞/数).
class FakeTokenizer final : public Tokenizer {
public:
  explicit FakeTokenizer(std::map<std::string, std::string> words) : m_words(std::move(words)) {}
  std::vector<Token> tokenize(std::string_view text) const override;

private:
  std::map<std::string, std::string> m_words;
};

}  // namespace tsu::ja
