#include <dom/html.hpp>
#include <ja/kana.hpp>
#include <speech/speech.hpp>
#include <text/unicode.hpp>

#include <algorithm>
#include <array>
#include <cstring>

namespace tsu::speech {

namespace {

// Ends with 。！？ (before any closing brackets: 「…!」 and (…!) end a sentence too).
bool ends_sentence(std::string_view s) {
  for (bool again = true; again;) {
    again = false;
    for (std::string_view close : {"」", "』", ")", "）"})
      if (s.size() > close.size() && s.substr(s.size() - close.size()) == close) {
        s.remove_suffix(close.size());
        again = true;
      }
  }
  for (std::string_view end : {"。", "！", "？", "!", "?"})
    if (s.size() >= end.size() && s.substr(s.size() - end.size()) == end) return true;
  return false;
}

// Appends plain text, merging with a plain last piece.
void add_plain(std::vector<Piece>& out, std::string_view s) {
  if (s.empty()) return;
  if (!out.empty() && out.back().spoken.empty()) out.back().written += s;
  else out.push_back({std::string(s), {}});
}

void add_all(std::vector<Piece>& out, const std::vector<Piece>& more) {
  for (const auto& p : more) {
    if (p.spoken.empty()) add_plain(out, p.written);
    else out.push_back(p);
  }
}

// Drops a trailing 。 (a template puts its own after the text).
std::vector<Piece> strip_end(std::vector<Piece> pieces) {
  if (!pieces.empty() && pieces.back().spoken.empty()) {
    auto& w = pieces.back().written;
    while (w.size() >= 3 && w.compare(w.size() - 3, 3, "。") == 0) w.resize(w.size() - 3);
    if (w.empty()) pieces.pop_back();
  }
  return pieces;
}

// Ends with 。 (a trailing pause becomes the full stop) unless it ends a sentence already.
std::vector<Piece> end_sentence(std::vector<Piece> pieces) {
  if (pieces.empty() || ends_sentence(pieces.back().said())) return pieces;
  auto& w = pieces.back().written;
  if (pieces.back().spoken.empty() && w.size() >= 3 && w.compare(w.size() - 3, 3, "、") == 0) w.resize(w.size() - 3);
  add_plain(pieces, "。");
  return pieces;
}

// A template with {name} placeholders filled by pieces.
std::vector<Piece> expand(const std::string& tmpl,
                          const std::vector<std::pair<std::string, std::vector<Piece>>>& values) {
  std::vector<Piece> out;
  std::size_t i = 0;
  while (i < tmpl.size()) {
    auto open = tmpl.find('{', i);
    if (open == std::string::npos) break;
    auto close = tmpl.find('}', open);
    if (close == std::string::npos) break;
    std::string name = tmpl.substr(open + 1, close - open - 1);
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
    add_plain(out, std::string_view(tmpl).substr(i, open - i));
    if (it != values.end()) add_all(out, it->second);
    else add_plain(out, std::string_view(tmpl).substr(open, close - open + 1));  // unknown: kept, visible
    i = close + 1;
  }
  add_plain(out, std::string_view(tmpl).substr(std::min(i, tmpl.size())));
  return out;
}

std::vector<Piece> plain_pieces(std::string s) { return s.empty() ? std::vector<Piece>{} : std::vector<Piece>{{std::move(s), {}}}; }

// The whitespace tidy_spaces changes.
bool is_space(char32_t c) { return c == U' ' || c == U'\n' || c == U'\t' || c == U'\r' || c == U'\u3000'; }
bool has_space(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (is_space(text::next_code_point(s, i))) return true;
  return false;
}

// Whitespace as a listener needs it: runs of spaces and newlines become one space, a space
// between two Japanese (wide) characters a pause 、, and one beside a single wide character goes.
std::string tidy_spaces(std::string_view s) {
  std::u32string in = text::to_utf32(s), out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (!is_space(in[i])) {
      out += in[i];
      continue;
    }
    std::size_t j = i;
    while (j < in.size() && is_space(in[j])) ++j;
    bool wide_before = !out.empty() && text::is_wide(out.back());
    bool wide_after = j < in.size() && text::is_wide(in[j]);
    // between two Japanese characters a space is a deliberate separator (コラム 生活困窮者): a pause
    if (!out.empty() && j < in.size() && wide_before && wide_after && out.back() != U'、') out += U'、';
    else if (!out.empty() && j < in.size() && !wide_before && !wide_after) out += U' ';
    i = j - 1;
  }
  return text::to_utf8(out);
}

// Where collect puts the lines of inline content: the written form's, the kana form's, or
// both at once (a page's two listening texts are made in one walk of its tree).
struct Lines {
  std::vector<std::string>* written = nullptr;
  std::vector<std::string>* kana = nullptr;
  void add(std::string_view text) const {
    if (written) written->back() += text;
    if (kana) kana->back() += text;
  }
  void new_line() const {
    if (written) written->emplace_back();
    if (kana) kana->emplace_back();
  }
  void new_line_unless_empty() const {  // each form's on its own
    if (written && !written->back().empty()) written->emplace_back();
    if (kana && !kana->back().empty()) kana->emplace_back();
  }
};

void collect(pugi::xml_node n, const Lines& lines);
void collect_one(pugi::xml_node c, const Lines& lines);

// A ruby, nearly every word: in the kana form its readings, in the written form its base
// text (its <rt>s and <rp>s skipped). One look at each child serves both forms: a walk for
// each, with a search by name for the <rt>s, was most of collect's time.
void ruby_lines(pugi::xml_node ruby, const Lines& lines) {
  const Lines written{lines.written, nullptr};
  for (auto k = ruby.first_child(); k; k = k.next_sibling()) {
    const auto type = k.type();
    if (type == pugi::node_pcdata || type == pugi::node_cdata) {
      if (lines.written) lines.written->back() += k.value();
      continue;
    }
    if (type != pugi::node_element) continue;
    const char* name = k.name();
    if (name[0] == 'r' && name[1] == 't' && name[2] == '\0') {
      if (lines.kana) lines.kana->back() += k.text().get();
    } else if (lines.written) {
      collect_one(k, written);  // an <rp> is skipped there; other elements read as anywhere
    }
  }
}

// One node of inline content (see collect).
void collect_one(pugi::xml_node c, const Lines& lines) {
  const auto type = c.type();
  if (type == pugi::node_pcdata || type == pugi::node_cdata) {
    lines.add(c.value());
    return;
  }
  if (type != pugi::node_element) return;
  std::string_view name = c.name();
  if (name == "ruby" && std::string_view(c.attribute("role").value()) != "doc-backlink") {
    ruby_lines(c, lines);
    return;
  }
  if (name == "rt" || name == "rp" || name == "script" || name == "style" || name == "ul" || name == "ol" ||
      name == "table" || name == "dl")
    return;
  // a footnote's number in the text and its ↩ link back: navigation, not words
  if (name == "sup" && std::string_view(c.attribute("class").value()) == "footnote-ref") return;
  if (std::string_view(c.attribute("role").value()) == "doc-backlink") return;
  if (name == "br") {
    lines.new_line();
    return;
  }
  bool block = name == "p" || name == "div";
  if (block) lines.new_line_unless_empty();
  collect(c, lines);
  if (block) lines.new_line();
}

// Lines of inline content: base text of ruby (rt, rp skipped) or its readings, a new line
// at each <br> and paragraph; nested lists and tables are blocks of their own.
void collect(pugi::xml_node n, const Lines& lines) {
  for (auto c : n.children()) collect_one(c, lines);
}

// Puts text's kanji in the reading the ruby pass would give them (kana stays).
void to_kana(std::string& text, const ja::Services& ja) {
  if (!ja::has_kanji(text)) return;
  std::string out;
  ja::annotate_each(text, ja, [&](const ja::RubyRun& run) { out += run.reading.empty() ? run.base : run.reading; });
  text = std::move(out);
}

bool is_heading(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

pugi::xml_node ancestor(pugi::xml_node n, std::string_view name) {
  for (n = n.parent(); n; n = n.parent())
    if (name == n.name()) return n;
  return {};
}

}  // namespace

std::string spoken(const std::vector<Piece>& pieces) {
  std::string s;
  for (const auto& p : pieces) s += p.said();
  return s;
}

std::string written(const std::vector<Piece>& pieces) {
  std::string s;
  for (const auto& p : pieces) s += p.written;
  return s;
}

Phrases Phrases::from_strings(const std::map<std::string, std::string>& strings) {
  Phrases p;
  const std::pair<const char*, std::string*> keys[] = {
      {"speech.heading", &p.heading},       {"speech.caption", &p.caption},
      {"speech.table_end", &p.table_end},   {"speech.row_header", &p.row_header},
      {"speech.row_cell", &p.row_cell},     {"speech.row_cell_sentence", &p.row_cell_sentence},
      {"speech.no_header", &p.no_header},   {"speech.line_join", &p.line_join}};
  for (const auto& [key, field] : keys)
    if (auto it = strings.find(key); it != strings.end()) *field = it->second;
  const std::string prefix = "speech.symbols.";
  for (const auto& [key, value] : strings) {
    if (key.rfind(prefix, 0) != 0) continue;
    std::string symbol = key.substr(prefix.size());
    bool found = false;
    for (auto& r : p.symbols)
      if (r.symbol == symbol) {
        r.spoken = value;
        found = true;
      }
    if (!found) p.symbols.push_back({symbol, value, false});
  }
  return p;
}

Voice::Voice(const ja::Services* ja, Phrases phrases, Form form) : m_ja(ja), m_phrases(std::move(phrases)), m_form(form) {
  // Longest symbol first, start-of-line rules before the same symbol anywhere.
  std::stable_sort(m_phrases.symbols.begin(), m_phrases.symbols.end(), [](const SymbolRule& a, const SymbolRule& b) {
    if (a.symbol.size() != b.symbol.size()) return a.symbol.size() > b.symbol.size();
    return a.at_start && !b.at_start;
  });
  for (std::size_t k = 0; k < m_phrases.symbols.size(); ++k) {
    const auto& r = m_phrases.symbols[k];
    if (r.symbol.empty()) continue;
    std::size_t at = 0;
    m_rules_at[text::next_code_point(r.symbol, at)].push_back(k);
  }
  // The kana form says the phrases' own kanji (見出し, 表, 注) in kana: converted here
  // once, kana() no longer analyses every heading, caption and table end again for them.
  if (m_form == Form::Kana && m_ja && m_ja->tokenizer) {
    for (auto* t : {&m_phrases.heading, &m_phrases.caption, &m_phrases.table_end, &m_phrases.row_header,
                    &m_phrases.row_cell, &m_phrases.row_cell_sentence, &m_phrases.no_header, &m_phrases.line_join})
      to_kana(*t, *m_ja);
    for (auto& r : m_phrases.symbols) to_kana(r.spoken, *m_ja);
  }
  for (const auto& r : m_phrases.symbols) m_spaced_words = m_spaced_words || has_space(r.symbol);
  if (m_ja && m_ja->readings)
    for (const auto& entry : m_ja->readings->entries()) {
      if (const auto* e = m_ja->readings->longest_at(entry.surface, 0)) m_said.emplace(e, said_of(*e));
      m_spaced_words = m_spaced_words || has_space(entry.surface);
    }
  const ja::ReadingList* readings = m_ja ? m_ja->readings : nullptr;
  for (char32_t c = 0; c < 0x10000; ++c)
    m_look[c] = (readings && readings->may_start(c)) || m_rules_at.count(c) != 0 || is_space(c);
}
// A word of the reading list as said: kana in it stays as written (ちいきふくしコーディネーター);
// a word with symbols in it (自治(町)会) is said whole, from its reading. Empty: as written.
std::string Voice::said_of(const ja::ReadingEntry& e) const {
  std::string said;
  for (const auto& run : ja::align(e.surface, e.reading, m_ja->kanji)) {
    if (!run.reading.empty()) said += run.reading;
    else if (ja::all_kana(run.base)) said += run.base;
    else {
      said = e.reading;
      break;
    }
  }
  return said == e.surface ? std::string() : said;
}

// One line of text: words of readings.toml as dictionary pieces (kana spoken), symbols
// replaced in the rest.
std::vector<Piece> Voice::line(std::string_view raw) const {
  // Most lines have no whitespace and are read as they are. The first whitespace met
  // (m_look has it) starts the line again, tidied: a scan of every line for it first was a
  // third of this function's time. A word of the reading list or a symbol with whitespace
  // in it could match across whitespace tidying changes: with such words, lines are tidied
  // before they are read, as they always were.
  std::string tidied;
  std::string_view text = raw;
  bool tidy_done = m_spaced_words;
  if (m_spaced_words && has_space(raw)) text = tidied = tidy_spaces(raw);
  std::vector<Piece> out;
  std::string plain;
  bool at_start = true;
  auto flush = [&] {
    if (plain.empty()) return;
    add_plain(out, plain);
    plain.clear();
  };
  const ja::ReadingList* readings = m_ja ? m_ja->readings : nullptr;
  std::size_t i = 0, from = 0;  // text[from, i) is plain text not yet in `plain`
  auto take = [&] {
    plain.append(text, from, i - from);
    from = i;
  };
  while (i < text.size()) {
    // Most characters start no word of the list and no symbol: one look, and the
    // character is taken with the ones around it. ASCII and the three-byte characters
    // (kana, kanji, 全角 marks) are decoded here; the rest by next_code_point.
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    while (i < n) {
      const unsigned char b = p[i];
      char32_t plain_c;
      std::size_t len;
      if (b < 0x80) {
        plain_c = b;
        len = 1;
      } else if (b >= 0xE1 && b != 0xED && b <= 0xEF && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
                 (p[i + 2] & 0xC0) == 0x80) {  // E0 and ED have forbidden second bytes
        plain_c = static_cast<char32_t>(((b & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F));
        len = 3;
      } else {
        break;
      }
      if (m_look[plain_c]) break;
      at_start = plain_c == U'、' || plain_c == U'。';
      i += len;
    }
    if (i >= n) break;
    std::size_t next = i;
    const char32_t c = text::next_code_point(text, next);
    if (c < m_look.size() && !m_look[c]) {
      i = next;
      at_start = c == U'、' || c == U'。';
      continue;
    }
    if (is_space(c) && !tidy_done) {
      tidied = tidy_spaces(raw);
      text = tidied;
      out.clear();
      plain.clear();
      i = from = 0;
      at_start = true;
      tidy_done = true;
      continue;
    }
    if (readings && readings->may_start(c))
      if (const auto* e = readings->longest_at(text, i)) {
        take();
        flush();
        auto known = m_said.find(e);
        out.push_back({e->surface, known != m_said.end() ? known->second : said_of(*e)});
        i += e->surface.size();
        from = i;
        at_start = false;
        continue;
      }
    const SymbolRule* rule = nullptr;
    if (auto at = m_rules_at.find(c); at != m_rules_at.end())
      for (auto k : at->second) {
        const auto& r = m_phrases.symbols[k];
        if ((!r.at_start || at_start) && text.compare(i, r.symbol.size(), r.symbol) == 0) {
          rule = &r;
          break;
        }
      }
    if (rule) {
      take();
      // a pause never doubles, and never starts a line
      bool pause = rule->spoken == "、";
      auto after_pause = [&] {
        std::string before = spoken(out) + plain;
        return before.empty() || ends_sentence(before) ||
               (before.size() >= 3 && before.compare(before.size() - 3, 3, "、") == 0);
      };
      if (!(pause && after_pause())) plain += rule->spoken;
      i += rule->symbol.size();
      while (i < text.size() && text[i] == ' ') ++i;
      from = i;
      // after a pause a numbering mark starts a phrase again: 市が取り組むこと：(1)…
      at_start = (at_start && rule->spoken.empty()) || rule->spoken.ends_with("、");
      continue;
    }
    i = next;  // a plain character: taken with the ones around it
    at_start = c == U'、' || c == U'。';
  }
  take();
  flush();
  return out;
}

std::vector<Piece> Voice::pieces_of(const std::vector<std::string>& raw) const {
  std::vector<std::vector<Piece>> lines;
  bool sentences = false;
  for (const auto& r : raw) {
    auto l = line(r);
    if (l.empty()) continue;
    sentences = sentences || ends_sentence(spoken(l));
    lines.push_back(std::move(l));
  }
  // Lines of a cell: a title and sentences become sentences; a list of names (所管課) is
  // read as a list.
  std::vector<Piece> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && !sentences) add_plain(out, m_phrases.line_join);
    add_all(out, sentences && i + 1 < lines.size() ? end_sentence(lines[i]) : lines[i]);
  }
  return out;
}

Voice::Each Voice::inline_all(const Walk& w, pugi::xml_node n) {
  std::array<std::vector<std::string>, 2> raw;
  Lines lines;
  for (int f = 0; f < w.n; ++f) {
    raw[f].resize(1);
    (w.voice[f]->m_form == Form::Kana ? lines.kana : lines.written) = &raw[f];
  }
  collect(n, lines);
  Each out;
  for (int f = 0; f < w.n; ++f) out[f] = w.voice[f]->pieces_of(raw[f]);
  return out;
}

std::vector<Piece> Voice::words(pugi::xml_node inline_parent) const {
  auto w = std::move(inline_all(Walk(*this), inline_parent)[0]);
  kana(w);
  return w;
}
std::vector<Piece> Voice::words(std::string_view text) const {
  auto w = line(text);
  kana(w);
  return w;
}

Voice::Headers Voice::header_pieces(const Walk& w, pugi::xml_node table) {
  Headers out;
  for (auto th : dom::elements(table.child("thead").child("tr"))) {
    auto each = inline_all(w, th);
    for (int f = 0; f < w.n; ++f) out[f].push_back(std::move(each[f]));
  }
  return out;
}

std::array<Block, 2> Voice::row(const Walk& w, pugi::xml_node tr, const Headers* headers) {
  std::array<Block, 2> b;
  for (auto& each : b) each.kind = Block::Kind::Row;
  auto table = ancestor(tr, "table");
  if (tr.parent() == table.child("thead")) return b;
  Headers own;
  if (!headers) {
    own = header_pieces(w, table);
    headers = &own;
  }
  const std::size_t n_headers = (*headers)[0].size();  // the same for every form
  std::vector<pugi::xml_node> cells = dom::elements(tr);
  // A row in a row group: the group's header (th scope=rowgroup in the group's first row)
  // belongs to every row of the group.
  auto first = tr.parent().find_child([](pugi::xml_node n) { return std::string_view(n.name()) == "tr"; });
  if (first && first != tr) {
    auto lead = dom::elements(first);
    if (!lead.empty() && std::string_view(lead[0].attribute("scope").value()) == "rowgroup" &&
        cells.size() < n_headers)
      cells.insert(cells.begin(), lead[0]);
  }
  static const std::vector<Piece> none;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    auto values = inline_all(w, cells[i]);
    bool is_th = std::string_view(cells[i].name()) == "th";
    for (int f = 0; f < w.n; ++f) {
      auto& value = values[f];
      if (spoken(value).empty()) continue;
      const auto& phrases = w.voice[f]->m_phrases;
      const std::vector<Piece>& header = i < n_headers ? (*headers)[f][i] : none;
      const std::string* tmpl = &phrases.row_cell;
      if (header.empty()) tmpl = &phrases.no_header;
      else if (is_th) tmpl = &phrases.row_header;
      else if (ends_sentence(spoken(value))) tmpl = &phrases.row_cell_sentence;
      if (tmpl != &phrases.row_cell_sentence) value = strip_end(std::move(value));
      add_all(b[f].pieces, expand(*tmpl, {{"header", header}, {"cell", value}}));
    }
  }
  return b;
}

void Voice::caption(const Walk& w, pugi::xml_node cap) {
  auto each = inline_all(w, cap);
  for (int f = 0; f < w.n; ++f) {
    Block b;
    b.kind = Block::Kind::Caption;
    b.words = std::move(each[f]);
    b.pieces = expand(w.voice[f]->m_phrases.caption, {{"caption", strip_end(b.words)}});
    w.out[f]->push_back(std::move(b));
  }
}

void Voice::table(const Walk& w, pugi::xml_node t) {
  if (auto cap = t.child("caption")) caption(w, cap);
  auto headers = header_pieces(w, t);  // read once for all the rows
  auto rows = [&](pugi::xml_node parent) {
    for (auto tr : parent.children("tr")) {
      auto b = row(w, tr, &headers);
      for (int f = 0; f < w.n; ++f)
        if (!b[f].pieces.empty()) w.out[f]->push_back(std::move(b[f]));
    }
  };
  rows(t);
  for (auto body : t.children("tbody")) rows(body);
  rows(t.child("tfoot"));
  for (int f = 0; f < w.n; ++f) {
    Block end;
    end.kind = Block::Kind::TableEnd;
    end.pieces = plain_pieces(w.voice[f]->m_phrases.table_end);
    if (!end.pieces.empty()) w.out[f]->push_back(std::move(end));
  }
}

void Voice::walk(const Walk& w, pugi::xml_node n) {
  std::string_view name = n.name();
  auto paragraph = [&](Block::Kind kind) {
    auto each = inline_all(w, n);
    for (int f = 0; f < w.n; ++f) {
      Block b;
      b.kind = kind;
      b.pieces = end_sentence(std::move(each[f]));
      if (!b.pieces.empty()) w.out[f]->push_back(std::move(b));
    }
  };
  if (is_heading(name)) {
    auto each = inline_all(w, n);
    for (int f = 0; f < w.n; ++f) {
      Block b;
      b.kind = Block::Kind::Heading;
      b.level = name[1] - '0';
      b.words = std::move(each[f]);
      b.pieces = expand(w.voice[f]->m_phrases.heading,
                        {{"text", strip_end(b.words)}, {"level", plain_pieces(std::string(1, name[1]))}});
      if (!b.words.empty()) w.out[f]->push_back(std::move(b));
    }
  } else if (name == "table") {
    table(w, n);
  } else if (name == "tr") {
    auto b = row(w, n, nullptr);
    for (int f = 0; f < w.n; ++f)
      if (!b[f].pieces.empty()) w.out[f]->push_back(std::move(b[f]));
  } else if (name == "caption") {
    caption(w, n);
  } else if (name == "li") {
    paragraph(Block::Kind::Item);
    for (auto c : n.children())
      if (c.type() == pugi::node_element && (std::string_view(c.name()) == "ul" || std::string_view(c.name()) == "ol" ||
                                              std::string_view(c.name()) == "table" || std::string_view(c.name()) == "dl"))
        walk(w, c);
  } else if (name == "p" || name == "dt" || name == "dd" || name == "pre" || name == "figcaption" ||
             name == "td" || name == "th") {
    paragraph(Block::Kind::Paragraph);
  } else if (name == "hr" || name == "script" || name == "style" || name == "img" || name == "rt" || name == "rp") {
    // nothing to hear
  } else {
    // a container (body, div, section, blockquote, ul, ol, dl, nav, …): its blocks in
    // order; loose text directly inside it is a paragraph of its own.
    std::string loose;
    for (auto c : n.children())
      if (c.type() == pugi::node_pcdata) loose += c.value();
    bool has_elements = false;
    for (auto c : n.children()) has_elements = has_elements || c.type() == pugi::node_element;
    if (!has_elements || loose.find_first_not_of(" \n\t") != std::string::npos) {
      bool inline_only = true;
      for (auto c : n.children())
        if (c.type() == pugi::node_element) {
          std::string_view cn = c.name();
          inline_only = inline_only && !(is_heading(cn) || cn == "p" || cn == "ul" || cn == "ol" || cn == "table" ||
                                          cn == "div" || cn == "dl" || cn == "blockquote" || cn == "section");
        }
      if (inline_only) return paragraph(Block::Kind::Paragraph);
    }
    for (auto c : n.children())
      if (c.type() == pugi::node_element) walk(w, c);
  }
}

// The kana form: kanji still left (in phrase templates, or text without ruby) in their
// reading from the analyser, as the ruby pass would give them.
void Voice::kana(std::vector<Piece>& pieces) const {
  if (m_form != Form::Kana || !m_ja || !m_ja->tokenizer) return;
  for (auto& p : pieces) {
    if (p.spoken.empty()) to_kana(p.written, *m_ja);
  }
}

void Voice::speak_all(const Walk& w, pugi::xml_node root) {
  if (root.type() == pugi::node_document) root = root.first_child();
  walk(w, root);
  for (int f = 0; f < w.n; ++f)
    for (auto& b : *w.out[f]) {
      w.voice[f]->kana(b.pieces);
      w.voice[f]->kana(b.words);
    }
}

std::vector<Block> Voice::blocks(pugi::xml_node root) const {
  std::vector<Block> out;
  Walk w(*this);
  w.out[0] = &out;
  speak_all(w, root);
  return out;
}

void Voice::blocks(pugi::xml_node root, const Voice& kana_voice, std::vector<Block>& out,
                   std::vector<Block>& kana_out) const {
  if (m_form == kana_voice.m_form) {  // one form: each its own walk
    out = blocks(root);
    kana_out = kana_voice.blocks(root);
    return;
  }
  Walk w(*this);
  w.voice[1] = &kana_voice;
  w.out = {&out, &kana_out};
  w.n = 2;
  speak_all(w, root);
}

std::string Voice::speak(pugi::xml_node block) const {
  std::string s;
  for (const auto& b : blocks(block)) s += spoken(b.pieces);
  return s;
}

std::vector<std::vector<Piece>> sentences(const std::vector<Piece>& pieces) {
  std::vector<std::vector<Piece>> out(1);
  int depth = 0;  // inside 「」『』（）: a 。 there does not end the sentence
  for (const auto& p : pieces) {
    if (!p.spoken.empty()) {
      out.back().push_back(p);
      continue;
    }
    const std::string& w = p.written;
    std::size_t start = 0;
    for (std::size_t i = 0; i < w.size();) {
      char32_t c = text::next_code_point(w, i);
      if (c == U'「' || c == U'『' || c == U'（' || c == U'(') ++depth;
      if ((c == U'」' || c == U'』' || c == U'）' || c == U')') && depth > 0) --depth;
      bool end = c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?';
      if (!end || depth > 0) continue;
      add_plain(out.back(), std::string_view(w).substr(start, i - start));
      out.emplace_back();
      start = i;
    }
    add_plain(out.back(), std::string_view(w).substr(start));
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

}  // namespace tsu::speech
