#pragma once
#include <ja/furigana.hpp>

#include <pugixml.hpp>

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

/// Text made for listening (issue 7): read-aloud pages, read.txt, read.ssml, and the voice
/// text of print pages all come from here. docs/speech.md describes the rules.
namespace tsu::speech {

/// How a symbol is read: replaced by `spoken` (empty: dropped). With at_start, only at the
/// start of a block or of a line in it (a list marker), else anywhere.
struct SymbolRule {
  std::string symbol;
  std::string spoken;
  bool at_start = false;
};

/// The built-in symbol table (docs/speech.md lists it): ● ■ ▶ ◆ ★ 〇 as markers dropped,
/// ※ 「注、」, ①–⑳ and (1)–(20) as numbers, ・ a pause, 〜 「から」, …
const std::vector<SymbolRule>& default_symbols();

/// Phrase templates and symbol rules, from the theme's UI strings (themes/<t>/strings.toml,
/// table [speech]; defaults built in). Placeholders: {text} {level} {caption} {header} {cell}.
struct Phrases {
  std::string heading = "見出し、{text}。";       ///< h2–h6 (h1: {text}。)
  std::string caption = "表、{caption}。";        ///< before a table's rows
  std::string table_end = "表の終わり。";          ///< after its last row
  std::string row_header = "{header}『{cell}』。";  ///< a row's header cells (th)
  std::string row_cell = "{header}は、{cell}です。";  ///< a data cell (td)
  std::string row_cell_sentence = "{header}、{cell}";  ///< a data cell that is a sentence (ends with 。)
  std::string no_header = "{cell}。";             ///< a cell without a column header
  std::string line_join = "、";                   ///< between lines of a cell that are not sentences
  std::vector<SymbolRule> symbols = default_symbols();

  /// Phrases from a theme's flattened strings ("speech.heading" → template, and
  /// "speech.symbols.<symbol>" → spoken form, replacing or adding a rule); missing keys keep
  /// their defaults.
  static Phrases from_strings(const std::map<std::string, std::string>& strings);
};

/// A piece of listening text as written, and as spoken when that differs: a word of
/// readings.toml is spoken in kana (西東京市 → にしとうきょうし), for SSML <sub alias>.
struct Piece {
  std::string written;
  std::string spoken;  ///< empty: as written
  const std::string& said() const { return spoken.empty() ? written : spoken; }
};
/// The spoken text of pieces (kana for dictionary words).
std::string spoken(const std::vector<Piece>& pieces);
/// The written text of pieces (dictionary words as written).
std::string written(const std::vector<Piece>& pieces);

/// One unit of a page for listening.
struct Block {
  enum class Kind { Heading, Paragraph, Item, Caption, Row, TableEnd };
  Kind kind = Kind::Paragraph;
  int level = 0;              ///< headings: 1–6
  std::vector<Piece> pieces;  ///< with the announcement (heading, caption, row template)
  std::vector<Piece> words;   ///< headings and captions: the text alone, for a page that shows it as such
};

/// Turns passed DOM blocks (ruby present) into text for listening: no ruby (base text, or
/// the kana reading for every word listed in readings.toml: the plan lists exactly the words
/// analysers misread, and TTS engines run the same kind of analyser), tables read as one
/// sentence per body row built from the column headers, symbols spoken or dropped per the
/// table above, headings announced.
class Voice {
public:
  /// Written: kanji as written (a TTS engine reads them). Kana: every word with ruby in
  /// its reading, for engines that read only kana (espeak-ng; read.kana.txt).
  enum class Form { Written, Kana };
  explicit Voice(const ja::Services* ja, Phrases phrases = {}, Form form = Form::Written);
  /// The listening text of one block element: h1–h6, p, li, blockquote, dt/dd, caption,
  /// a table row `tr` (spoken with its table's headers), or a whole table/div/section
  /// (its blocks in order, joined). Never contains ruby readings twice.
  std::string speak(pugi::xml_node block) const;
  /// The blocks of an element (a page body), in reading order.
  std::vector<Block> blocks(pugi::xml_node root) const;
  /// The blocks of this voice and of another form's voice (kana_voice) in one walk of the
  /// tree: what blocks(root) of each gives (a page's read.txt and read.kana.txt).
  void blocks(pugi::xml_node root, const Voice& kana_voice, std::vector<Block>& out,
              std::vector<Block>& kana_out) const;
  /// The words of inline content (a title), no announcement.
  std::vector<Piece> words(pugi::xml_node inline_parent) const;
  /// The words of plain text (a page title from front matter).
  std::vector<Piece> words(std::string_view text) const;
  const Phrases& phrases() const { return m_phrases; }

private:
  /// A walk of the tree for one voice, or for a written and a kana voice at once, and
  /// where each one's blocks go.
  struct Walk {
    explicit Walk(const Voice& v) : voice{&v, nullptr} {}
    std::array<const Voice*, 2> voice;
    std::array<std::vector<Block>*, 2> out{};
    int n = 1;
  };
  using Each = std::array<std::vector<Piece>, 2>;  ///< one per voice of a walk
  using Headers = std::array<std::vector<std::vector<Piece>>, 2>;
  /// The blocks of root for each voice of the walk, kanji left over said in kana where the
  /// voice is the kana form.
  static void speak_all(const Walk& w, pugi::xml_node root);
  static void walk(const Walk& w, pugi::xml_node n);
  static void table(const Walk& w, pugi::xml_node table);
  static void caption(const Walk& w, pugi::xml_node caption);
  /// headers: the pieces of the table's column headers, when the caller has them already
  static std::array<Block, 2> row(const Walk& w, pugi::xml_node tr, const Headers* headers);
  static Headers header_pieces(const Walk& w, pugi::xml_node table);
  /// The inline content of n for each voice of the walk (its tree read once).
  static Each inline_all(const Walk& w, pugi::xml_node n);
  /// Pieces from the lines of inline content, as this voice says them.
  std::vector<Piece> pieces_of(const std::vector<std::string>& raw) const;
  std::vector<Piece> line(std::string_view text) const;
  void kana(std::vector<Piece>& pieces) const;
  std::string said_of(const ja::ReadingEntry& e) const;

  const ja::Services* m_ja;
  Phrases m_phrases;
  Form m_form;
  /// The characters of the BMP line() must look at: a symbol rule or a word of the reading
  /// list may start with them, or they are whitespace to tidy. The others are plain text,
  /// taken as they are.
  std::vector<unsigned char> m_look = std::vector<unsigned char>(0x10000);
  /// The rules (indices into the phrases' symbols, in their order) by the character they
  /// start with, so a character is tried only against its own.
  std::unordered_map<char32_t, std::vector<std::size_t>> m_rules_at;
  /// What each word of the reading list says (its kana, or its reading when it has symbols),
  /// worked out once: the list does not change while the voice speaks.
  std::unordered_map<const ja::ReadingEntry*, std::string> m_said;
  /// Whether a symbol or a word of the reading list has whitespace in it (line() then tidies
  /// a line's whitespace before it reads the line, not when it meets it).
  bool m_spaced_words = false;
};

/// Splits pieces into sentences at 。！？ (for SSML <s>); a dictionary word stays whole.
std::vector<std::vector<Piece>> sentences(const std::vector<Piece>& pieces);

}  // namespace tsu::speech
