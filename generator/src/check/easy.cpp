#include <check/easy.hpp>
#include <text/json.hpp>
#include <dom/html.hpp>
#include <ja/kana.hpp>
#include <text/unicode.hpp>

#include <cstdio>
#include <map>
#include <set>
#include <regex>
#include <sstream>

namespace tsu::check {

namespace {

// The body text a reader reads as sentences. Headings are labels, not sentences, and the
// department column holds names: both would pull the mean length down without saying
// anything about how readable the text is.
bool leaf(std::string_view n) {
  return n == "p" || n == "th" || n == "td" || n == "caption" || n == "dt" || n == "dd";
}
bool heading(std::string_view n) {
  return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6';
}

// Text of an element without nested lists and paragraphs (they are read on their own), with
// line breaks (<br>) as sentence boundaries of their own.
void own_text(pugi::xml_node n, std::string& out) {
  for (auto c : n.children()) {
    if (c.type() == pugi::node_pcdata) out += c.value();
    else if (c.type() == pugi::node_element) {
      std::string_view name = c.name();
      if (name == "ul" || name == "ol" || name == "p" || name == "pre") continue;
      if (name == "br") out += "\n";
      else own_text(c, out);
    }
  }
}

std::string base_text(std::string s) {
  // Author ruby {漢字|かんじ} counts as its base only: ruby is never counted.
  static const std::regex author(R"(\{([^{}|\n]+)(?:\|[^{}|\n]*)+\})");
  return std::regex_replace(s, author, "$1");
}

struct Block {
  std::string text;
  int line;
};

// Indexes of the columns of a table whose header names departments.
std::set<int> name_columns(pugi::xml_node table, const std::string& department_column) {
  std::set<int> cols;
  int i = 0;
  for (auto th : table.child("thead").child("tr").children()) {
    if (th.type() != pugi::node_element) continue;
    if (dom::text_content(th) == department_column) cols.insert(i);
    ++i;
  }
  return cols;
}

void blocks(pugi::xml_node n, std::vector<Block>& out, const std::string& department_column) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = c.name();
    int line = c.attribute("data-line").as_int();
    if (heading(name)) continue;
    if (name == "table") {
      auto skip = name_columns(c, department_column);
      for (auto tr : c.child("tbody").children("tr")) {
        int col = 0;
        for (auto cell : tr.children()) {
          if (cell.type() != pugi::node_element) continue;
          if (!skip.count(col++)) {
            std::string t;
            own_text(cell, t);
            out.push_back({base_text(t), tr.attribute("data-line").as_int()});
          }
        }
      }
      continue;
    }
    if (leaf(name)) {
      std::string t;
      own_text(c, t);
      out.push_back({base_text(t), line});
    } else if (name == "li") {
      std::string t;
      own_text(c, t);
      if (t.find_first_not_of(" \n") != std::string::npos) out.push_back({base_text(t), line});
      blocks(c, out, department_column);
    } else if (name != "pre") {
      blocks(c, out, department_column);
    }
  }
}

// Where a sentence starts in the page's Markdown: the line and column of the sentence's
// first characters, searched from where the previous sentence of the block started (so a
// repeated opening finds its own place); the block's line when they cannot be found.
struct Cursor {
  int line;
  std::size_t offset;
};

std::pair<int, int> locate(const content::Page& page, Cursor& cursor, const std::string& sentence) {
  std::string prefix;
  for (std::size_t i = 0, n = 0; i < sentence.size() && n < 4; ++n) {
    std::size_t start = i;
    text::next_code_point(sentence, i);
    prefix.append(sentence.substr(start, i - start));
  }
  if (auto at = page.find_in_source(prefix, cursor.line, cursor.offset, 30)) {
    cursor = {at->line, at->offset + 1};
    return {at->line, at->column};
  }
  return {cursor.line, 1};
}

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

std::vector<Sentence> sentences_of(const markdown::Document& doc, const content::Page& page,
                                   const std::string& department_column) {
  std::vector<Block> bs;
  blocks(doc.body(), bs, department_column);
  std::vector<Sentence> out;
  for (const auto& b : bs) {
    Cursor cursor{b.line, 0};
    std::istringstream lines(b.text);
    for (std::string part; std::getline(lines, part);)
      for (auto& s : ja::split_sentences(part)) {
        auto [l, c] = locate(page, cursor, s);
        out.push_back({s, l, c});
      }
  }
  return out;
}

std::set<std::string> exempt_terms(const std::vector<const markdown::Document*>& docs,
                                   const ja::ReadingList* readings, const std::string& department_column) {
  std::set<std::string> terms;
  if (readings)
    for (const auto& e : readings->entries()) terms.insert(e.surface);
  std::vector<pugi::xml_node> tables;
  for (const auto* d : docs)
    for (auto t : dom::descendants(d->body(), "table")) tables.push_back(t);
  for (auto t : tables) {
    int col = -1, i = 0;
    for (auto th : t.child("thead").child("tr").children()) {
      if (th.type() != pugi::node_element) continue;
      if (dom::text_content(th) == department_column) col = i;
      ++i;
    }
    if (col < 0) continue;
    for (auto tr : t.child("tbody").children("tr")) {
      int k = 0;
      for (auto td : tr.children()) {
        if (td.type() != pugi::node_element) continue;
        if (k++ != col) continue;
        for (auto& name : dom::lines_of(td)) terms.insert(name);
      }
    }
  }
  return terms;
}

PageReport check_page(const content::Page& page, const markdown::Document& doc, const ja::Services& ja,
                      const std::set<std::string>& exempt, const config::EasyConfig& rules) {
  PageReport r;
  r.page = &page;
  auto sentences = sentences_of(doc, page, rules.department_column);
  std::size_t chars = 0, kanji = 0, words = 0, kango = 0, wago = 0, verbs = 0, particles = 0, content = 0, beyond = 0;
  // 〜ないことはない and the like; 尊敬語・謙譲語 (〜てください is allowed: the guideline uses it).
  static const std::regex double_negative(
      "(ないことはない|ないことも?ない|なくはない|なくもない|ないわけではない|ないわけでもない|ないとは(言|い)えない|ないでもない|ざるを(得|え)ない|ないではいられない)");
  static const std::regex keigo(
      "(いただ[かきくけこい]|いたし|おりま|おられ|ございま|申し|申す|伺|なさ[いらるれ]|いらっしゃ|おっしゃ|召し上が|差し上げ|お[^、。]{1,6}にな[りるっ]|ご[^、。]{1,6}にな[りるっ])");
  for (const auto& s : sentences) {
    auto st = ja::analyse_sentence(s.text, ja, exempt);
    ++r.sentences;
    chars += st.chars;
    kanji += st.kanji;
    words += st.words;
    kango += st.kango;
    wago += st.wago;
    verbs += st.verbs;
    particles += st.particles;
    content += st.content_words;
    beyond += st.beyond_basic;
    if (st.chars > r.max_length) r.max_length = st.chars;
    if (st.longest_run > r.longest_run) {
      r.longest_run = st.longest_run;
      r.longest_run_text = st.longest_run_text;
    }
    if (!page.easy) continue;
    diag::Location at{page.display, s.line, s.column};
    if (static_cast<int>(st.chars) > rules.max_sentence)
      r.violations.push_back({at, "max-sentence", s.text,
                              std::to_string(st.chars) + " characters (max " + std::to_string(rules.max_sentence) + ")"});
    if (static_cast<int>(st.longest_run) > rules.kanji_run)
      r.violations.push_back({at, "kanji-run", s.text,
                              st.longest_run_text + ": " + std::to_string(st.longest_run) + " kanji in a row (max " +
                                  std::to_string(rules.kanji_run) + ")"});
    std::smatch m;
    if (std::regex_search(s.text, m, double_negative))
      r.violations.push_back({at, "double-negative", s.text, m.str()});
    if (std::regex_search(s.text, m, keigo)) r.violations.push_back({at, "keigo", s.text, m.str()});
    if (st.conjunctive > 1)
      r.violations.push_back({at, "predicate-chain", s.text,
                              std::to_string(st.conjunctive) + " clauses joined by が/けど/ので (max 1)"});
  }
  r.mean_length = r.sentences ? static_cast<double>(chars) / static_cast<double>(r.sentences) : 0;
  r.kanji_ratio = chars ? static_cast<double>(kanji) / static_cast<double>(chars) : 0;
  r.beyond_basic = content ? static_cast<double>(beyond) / static_cast<double>(content) : 0;
  auto pct = [&](std::size_t n) { return words ? 100.0 * static_cast<double>(n) / static_cast<double>(words) : 0; };
  r.jreadability = ja::jreadability(r.sentences ? static_cast<double>(words) / static_cast<double>(r.sentences) : 0,
                                    pct(kango), pct(wago), pct(verbs), pct(particles));
  if (page.easy) {
    diag::Location at{page.display, page.body_line, 1};
    if (r.mean_length > rules.mean_sentence)
      r.violations.push_back({at, "mean-sentence", "(page)",
                              fixed(r.mean_length, 1) + " characters a sentence on average (max " +
                                  fixed(rules.mean_sentence, 0) + ")"});
    if (r.kanji_ratio > rules.kanji_ratio)
      r.violations.push_back({at, "kanji-ratio", "(page)",
                              fixed(r.kanji_ratio, 3) + " of the characters are kanji (max " +
                                  fixed(rules.kanji_ratio, 2) + ")"});
  }
  return r;
}

std::string format_text(const std::vector<PageReport>& reports, const content::Site& site) {
  std::ostringstream out;
  // One row per page: the standard page's figures, then its easy page's after the "→".
  auto find = [&](const content::Page* p) -> const PageReport* {
    for (const auto& r : reports)
      if (r.page == p) return &r;
    return nullptr;
  };
  // Columns padded by characters, not bytes (→ is three bytes and one column).
  auto cell = [](const std::string& v, std::size_t width, bool left = false) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < v.size();) {
      char32_t c = text::next_code_point(v, i);
      n += text::is_wide(c) ? 2 : 1;
    }
    std::string pad(n < width ? width - n : 0, ' ');
    return left ? v + pad : pad + v;
  };
  const std::size_t w[] = {22, 11, 14, 11, 15, 8, 16, 13};
  auto row = [&](const std::vector<std::string>& v) {
    std::string l;
    for (std::size_t i = 0; i < v.size(); ++i) l += (i ? " " : "") + cell(v[i], w[i], i == 0);
    return l + "\n";
  };
  out << row({"page (standard → easy)", "sentences", "mean length", "max length", "kanji share", "run",
              "beyond grade 2", "jReadability"});
  for (const auto& r : reports) {
    if (r.page->easy) continue;
    const PageReport* e = r.page->alternate ? find(&site.pages[*r.page->alternate]) : nullptr;
    auto pair = [&](const std::string& a, const std::string& b) { return a + (e ? " → " + b : ""); };
    std::string name = r.page->rel.substr(0, r.page->rel.size() - 3);
    out << row({name, pair(std::to_string(r.sentences), e ? std::to_string(e->sentences) : ""),
                pair(fixed(r.mean_length, 1), e ? fixed(e->mean_length, 1) : ""),
                pair(std::to_string(r.max_length), e ? std::to_string(e->max_length) : ""),
                pair(fixed(r.kanji_ratio, 3), e ? fixed(e->kanji_ratio, 3) : ""),
                pair(std::to_string(r.longest_run), e ? std::to_string(e->longest_run) : ""),
                pair(fixed(100 * r.beyond_basic, 1) + "%", e ? fixed(100 * e->beyond_basic, 1) + "%" : ""),
                pair(fixed(r.jreadability, 2), e ? fixed(e->jreadability, 2) : "")});
  }
  out << "\nlength: characters a sentence, without ruby or spaces; body text only (no headings,\n"
         "no department names). run: longest kanji run, explained terms and departments excepted.\n"
         "beyond grade 2: content words with a kanji not taught in grades 1-2. jReadability\n"
         "(Lee & Hasebe): about 0.5 (上級後半) to 6.4 (初級前半); higher is easier.\n";
  std::size_t n = 0;
  for (const auto& r : reports)
    for (const auto& v : r.violations) {
      if (n++ == 0) out << '\n';
      out << v.where.file << ':' << v.where.line << ':' << v.where.column << ": " << v.rule << ": " << v.sentence
          << "  [" << v.detail << "]\n";
    }
  return out.str();
}

std::string format_json(const std::vector<PageReport>& reports) {
  std::ostringstream out;
  out << "[\n";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& r = reports[i];
    out << "  {\"page\": \"" << text::json_escape(r.page->rel) << "\", \"easy\": " << (r.page->easy ? "true" : "false")
        << ", \"sentences\": " << r.sentences << ", \"mean_length\": " << fixed(r.mean_length, 2)
        << ", \"max_length\": " << r.max_length << ", \"kanji_ratio\": " << fixed(r.kanji_ratio, 4)
        << ", \"longest_kanji_run\": " << r.longest_run << ", \"beyond_basic\": " << fixed(r.beyond_basic, 4)
        << ", \"jreadability\": " << fixed(r.jreadability, 3) << ", \"level\": \""
        << ja::jreadability_level(r.jreadability) << "\", \"violations\": [";
    for (std::size_t k = 0; k < r.violations.size(); ++k) {
      const auto& v = r.violations[k];
      out << (k ? ", " : "") << "{\"file\": \"" << text::json_escape(v.where.file) << "\", \"line\": " << v.where.line
          << ", \"column\": " << v.where.column << ", \"rule\": \"" << v.rule << "\", \"sentence\": \""
          << text::json_escape(v.sentence) << "\", \"detail\": \"" << text::json_escape(v.detail) << "\"}";
    }
    out << "]}" << (i + 1 < reports.size() ? "," : "") << "\n";
  }
  out << "]\n";
  return out.str();
}

}  // namespace tsu::check
