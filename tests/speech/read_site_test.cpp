// The read-aloud versions of the plan's real pages (issue 7, "Verified"): built from
// content/ through the whole pipeline into memory, then read back the way a listener's
// tools do. The expectations come from the standard pages and docs/speech.md's symbol
// table, not from the speech module.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <build/build.hpp>
#include <dom/html.hpp>
#include <speech/speech.hpp>
#include <text/unicode.hpp>

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <set>

namespace stdfs = std::filesystem;
using namespace tsu;

namespace {

const std::map<std::string, std::string>& site() {
  static const std::map<std::string, std::string> files = [] {
    fs::DiskFileSystem disk;
    build::Options opt;
    opt.config = stdfs::path(TSU_SOURCE_DIR) / "site.toml";
    auto r = build::run(disk, opt, [](const stdfs::path&, const std::string&) {
      return std::make_unique<write::MemorySink>();
    });
    std::string messages;
    for (const auto& d : r.diags.all()) messages += diag::format(d);
    INFO(messages);
    REQUIRE(r.ok);
    CHECK(messages.empty());  // no character of the plan is missing from CP932 either
    return dynamic_cast<write::MemorySink&>(*r.sink).files();
  }();
  return files;
}

// The standard pages written in content/ that have a read-aloud version.
std::vector<std::string> standard_pages() {
  std::vector<std::string> out;
  for (const auto& [path, bytes] : site()) {
    if (path.size() < 10 || path.compare(path.size() - 10, 10, "index.html") != 0) continue;
    if (path.find("read/") != std::string::npos || path.find("easy/") != std::string::npos) continue;
    if (path.find("print/") != std::string::npos) continue;  // print pages (issue 6) are read through voice codes
    if (path.rfind("departments/", 0) == 0 || path.rfind("accessibility/", 0) == 0) continue;
    out.push_back(path);
  }
  return out;
}

std::string folder(const std::string& page) { return page.substr(0, page.size() - std::string("index.html").size()); }

pugi::xml_document parse(const std::string& bytes) {
  pugi::xml_document doc;
  auto ok = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_doctype);
  REQUIRE_MESSAGE(ok, ok.description());
  return doc;
}

pugi::xml_node find(pugi::xml_node root, std::string_view name, std::string_view cls = {}) {
  for (auto n : dom::descendants(root, name))
    if (cls.empty() || std::string_view(n.attribute("class").value()).find(cls) != std::string_view::npos) return n;
  return {};
}

// Text as docs/speech.md's table says a listener gets it, reduced to what must survive:
// ①–⑳ are numbers, ~ is から, ※ is 注, and marks, brackets, punctuation and spaces
// (dropped or turned into pauses) are left out on both sides.
std::string essence(std::string_view s) {
  static const std::set<char32_t> dropped = {U'●', U'○', U'〇', U'◎', U'■', U'□', U'◆', U'◇', U'★', U'☆', U'▶', U'▷',
                                             U'►', U'・', U'…', U'→', U'⇒', U'：', U':', U'、', U'。', U'「', U'」',
                                             U'『', U'』', U'(', U')', U'（', U'）', U' ', U'\n', U'\u3000', U'!', U'！',
                                             U'?', U'？', U','};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = text::next_code_point(s, i);
    if (c >= U'①' && c <= U'⑳') out += std::to_string(c - U'①' + 1);
    else if (c == U'~' || c == U'〜' || c == U'～') out += "から";
    else if (c == U'※') out += "注";
    else if (!dropped.count(c)) text::append_utf8(out, c);
  }
  return out;
}

std::vector<std::string> split_sentences(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t at; (at = s.find("。", start)) != std::string::npos; start = at + 3) out.push_back(s.substr(start, at - start));
  out.push_back(s.substr(start));
  return out;
}

// The written text of an SSML element: what is written inside <sub>, not its alias.
std::string ssml_written(pugi::xml_node n) {
  std::string s;
  for (auto c : n.children()) {
    if (c.type() == pugi::node_pcdata) s += c.value();
    else if (c.type() == pugi::node_element) s += ssml_written(c);
  }
  return s;
}

}  // namespace

TEST_CASE("read-aloud: every written page has a read page, read.txt, read.sjis.txt and read.ssml, linked both ways") {
  auto pages = standard_pages();
  CHECK(pages.size() == 13);  // the top page, six goals, six comparison pages
  int kanji_left = 0;
  for (const auto& page : pages) {
    CAPTURE(page);
    std::string read = folder(page) + "read/";
    for (const char* f : {"index.html", "read.txt", "read.sjis.txt", "read.kana.txt", "read.ssml"})
      CHECK(site().count(read + f) == 1);
    // the kana form: no kanji left but those the page itself gives no reading (民設)
    const auto& kana = site().at(read + "read.kana.txt");
    for (std::size_t i = 0; i < kana.size();) {
      char32_t c = text::next_code_point(kana, i);
      if (c >= U'\u4E00' && c <= U'\u9FFF') ++kanji_left;
    }

    auto std_doc = parse(site().at(page));
    bool linked = false;
    for (auto a : dom::descendants(std_doc, "a"))
      linked = linked || (std::string(a.attribute("href").value()).find("read/index.html") != std::string::npos &&
                          dom::text_content(a) == "読み上げ用のページ");
    CHECK(linked);
    auto read_doc = parse(site().at(read + "index.html"));
    std::string up = "../";
    for (char c : page) up += c == '/' ? "../" : "";
    bool back = false;
    for (auto a : dom::descendants(read_doc, "a"))
      back = back || (std::string(a.attribute("href").value()) == up + page && dom::text_content(a) == "ふつうのページ");
    CHECK(back);
    // no visible ruby, no table: rows are sentences
    CHECK(dom::descendants(read_doc, "ruby").empty());
    CHECK(dom::descendants(read_doc, "rt").empty());
    CHECK(dom::descendants(read_doc, "table").empty());
    // read.sjis.txt is read.txt in CP932 with CRLF
    std::string crlf;
    for (char c : site().at(read + "read.txt")) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CHECK(site().at(read + "read.sjis.txt") == text::to_cp932(crlf).bytes);
  }
  MESSAGE("kanji left in the kana form: " << kanji_left);
  CHECK(kanji_left <= 4);
}

TEST_CASE("read-aloud: the read text holds every sentence of its page, modulo the symbol table") {
  int sentences = 0;
  for (const auto& page : standard_pages()) {
    CAPTURE(page);
    auto std_doc = parse(site().at(page));
    auto ssml = parse(site().at(folder(page) + "read/read.ssml"));
    std::string heard = essence(ssml_written(ssml.child("speak")));
    auto body = find(std_doc, "div", "page-body");
    REQUIRE(body);
    std::vector<pugi::xml_node> blocks;
    for (const char* name : {"h2", "h3", "h4", "h5", "h6", "p", "li", "caption", "th", "td"})
      for (auto n : dom::descendants(body, name))
        if (std::string_view(n.parent().parent().name()) != "thead") blocks.push_back(n);  // column headers: below
    blocks.push_back(find(std_doc, "h1"));
    for (auto b : blocks) {
      std::string text = dom::text_content(b);
      for (const auto& sentence : split_sentences(text)) {
        auto e = essence(sentence);
        if (e.empty()) continue;
        ++sentences;
        CHECK_MESSAGE(heard.find(e) != std::string::npos, sentence);
      }
    }
  }
  MESSAGE("sentences found in the read text: " << sentences);
  CHECK(sentences > 1000);
}

TEST_CASE("read-aloud: ruby is never read twice") {
  int rubies = 0;
  for (const auto& page : standard_pages()) {
    CAPTURE(page);
    auto std_doc = parse(site().at(page));
    std::string txt = site().at(folder(page) + "read/read.txt");
    auto read_doc = parse(site().at(folder(page) + "read/index.html"));
    std::string html = dom::text_content(find(read_doc, "main"));
    // the page's own text, without readings: 一人ひとり has 人ひと in it, and that is no echo
    std::string written = dom::text_content(find(std_doc, "main"));
    auto count = [](const std::string& hay, const std::string& needle) {
      int n = 0;
      for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) ++n;
      return n;
    };
    for (auto ruby : dom::descendants(find(std_doc, "main"), "ruby")) {
      std::string base = dom::text_content(ruby), reading;
      for (auto rt : dom::descendants(ruby, "rt")) reading += rt.text().get();
      ++rubies;
      for (const auto& twice : {base + reading, base + "（" + reading + "）", base + "(" + reading + ")", reading + base}) {
        CHECK_MESSAGE(count(txt, twice) <= count(written, twice), twice);
        CHECK_MESSAGE(count(html, twice) <= count(written, twice), twice);
      }
    }
  }
  MESSAGE("ruby words checked: " << rubies);
  CHECK(rubies > 1000);
}

TEST_CASE("read-aloud: each table row became one sentence naming its headers, in order") {
  int rows = 0;
  for (const auto& page : standard_pages()) {
    CAPTURE(page);
    auto std_doc = parse(site().at(page));
    auto ssml = parse(site().at(folder(page) + "read/read.ssml"));
    std::vector<pugi::xml_node> ps;
    for (auto p : ssml.child("speak").children("p")) ps.push_back(p);
    std::size_t at = 0;
    for (auto table : dom::descendants(find(std_doc, "main"), "table")) {
      std::vector<std::string> headers;
      for (auto th : dom::elements(table.child("thead").child("tr"))) headers.push_back(dom::text_content(th));
      // the caption, announced
      std::string caption = essence("表" + dom::text_content(table.child("caption")));
      while (at < ps.size() && essence(ssml_written(ps[at])) != caption) ++at;
      REQUIRE_MESSAGE(at < ps.size(), "caption not announced: " << dom::text_content(table.child("caption")));
      ++at;
      for (auto tbody : table.children("tbody")) {
        pugi::xml_node group;
        for (auto tr : tbody.children("tr")) {
          auto cells = dom::elements(tr);
          if (!cells.empty() && std::string_view(cells[0].attribute("scope").value()) == "rowgroup") group = cells[0];
          else if (group && cells.size() < headers.size()) cells.insert(cells.begin(), group);
          REQUIRE(at < ps.size());
          std::string sentence = ssml_written(ps[at]);
          std::string said = essence(sentence);
          CAPTURE(sentence);
          std::size_t pos = 0;
          for (std::size_t i = 0; i < cells.size() && i < headers.size(); ++i) {
            std::string cell = essence(dom::text_content(cells[i]));
            if (cell.empty()) continue;
            // header, then its cell, in column order
            auto h = said.find(essence(headers[i]), pos);
            CHECK_MESSAGE(h != std::string::npos, headers[i]);
            auto c = said.find(cell, h == std::string::npos ? pos : h);
            CHECK_MESSAGE(c != std::string::npos, dom::text_content(cells[i]));
            if (c != std::string::npos) pos = c + cell.size();
          }
          CHECK(ps[at].children("s").begin() != ps[at].children("s").end());
          ++rows;
          ++at;
        }
      }
      REQUIRE(at < ps.size());
      CHECK(ssml_written(ps[at]) == "表の終わり。");
    }
  }
  MESSAGE("table rows checked: " << rows);
  CHECK(rows > 100);
}

TEST_CASE("read-aloud: every read.ssml parses and is SSML 1.1 as we write it") {
  int files = 0, subs = 0;
  for (const auto& file : site()) {
    const std::string& path = file.first;  // not a structured binding: CAPTURE is a lambda
    const std::string& bytes = file.second;
    if (path.size() < 9 || path.compare(path.size() - 9, 9, "read.ssml") != 0) continue;
    CAPTURE(path);
    ++files;
    CHECK(bytes.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
    auto doc = parse(bytes);
    auto speak = doc.document_element();
    CHECK(std::string_view(speak.name()) == "speak");
    CHECK(std::string_view(speak.attribute("version").value()) == "1.1");
    CHECK(std::string_view(speak.attribute("xmlns").value()) == "http://www.w3.org/2001/10/synthesis");
    CHECK(std::string_view(speak.attribute("xml:lang").value()) == "ja-JP");
    // speak > (p | break)*, p > s+, s > (text | sub)*, sub: alias and text only
    int breaks = 0;
    for (auto c : speak.children()) {
      if (c.type() == pugi::node_pcdata) {
        CHECK(std::string(c.value()).find_first_not_of("\n") == std::string::npos);
        continue;
      }
      std::string_view name = c.name();
      CHECK_MESSAGE((name == "p" || name == "break"), name);
      if (name == "break") {
        ++breaks;
        CHECK(std::string_view(c.attribute("time").value()) == "1500ms");
        CHECK(c.first_child().empty());
        continue;
      }
      CHECK(c.first_child());
      for (auto s : c.children()) {
        CHECK(std::string_view(s.name()) == "s");
        for (auto t : s.children()) {
          if (t.type() == pugi::node_pcdata) continue;
          CHECK(std::string_view(t.name()) == "sub");
          CHECK(std::string_view(t.attribute("alias").value()).size() > 0);
          CHECK(std::distance(t.attributes_begin(), t.attributes_end()) == 1);
          CHECK(t.first_child().type() == pugi::node_pcdata);
          CHECK(t.first_child() == t.last_child());
          ++subs;
        }
      }
    }
    if (path.rfind("goal-", 0) == 0 && path.find("compare") == std::string::npos) CHECK(breaks >= 2);  // 現状と課題, 今後の取り組み
  }
  CHECK(files == 13);
  MESSAGE("SSML files: " << files << ", <sub alias> words: " << subs);
  CHECK(subs > 50);
}

TEST_CASE("read-aloud: docs/speech.md lists the symbol table the code uses") {
  std::ifstream in(stdfs::path(TSU_SOURCE_DIR) / "docs/speech.md");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string doc = ss.str();
  auto table = doc.substr(doc.find("### Symbols"));
  table = table.substr(0, table.find("\n## "));
  // rows: | `a` `b` | spoken | where | why |
  struct Row { std::vector<std::string> symbols; std::string spoken, where; };
  std::vector<Row> rows;
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cols;
    for (std::size_t at = 1, bar; (bar = line.find(" |", at)) != std::string::npos; at = bar + 2) cols.push_back(line.substr(at + 1, bar - at - 1));
    REQUIRE(cols.size() >= 3);
    Row r;
    for (std::size_t at = 0, open; (open = cols[0].find('`', at)) != std::string::npos;) {
      auto close = cols[0].find('`', open + 1);
      r.symbols.push_back(cols[0].substr(open + 1, close - open - 1));
      at = close + 1;
    }
    r.spoken = cols[1] == "(dropped)" ? "" : cols[1];
    r.where = cols[2];
    rows.push_back(r);
  }
  CHECK(rows.size() >= 8);
  int checked = 0;
  for (const auto& rule : speech::default_symbols()) {
    CAPTURE(rule.symbol);
    bool numbered = rule.symbol.find_first_of("0123456789") != std::string::npos ||
                    (rule.symbol.size() == 3 && static_cast<unsigned char>(rule.symbol[0]) == 0xE2 &&
                     static_cast<unsigned char>(rule.symbol[1]) == 0x91);  // ①–⑳, (1)–(20): the range rows
    if (numbered) continue;
    bool found = false;
    for (const auto& r : rows)
      for (const auto& sym : r.symbols)
        found = found || (sym == rule.symbol && r.spoken == rule.spoken && (r.where == "start") == rule.at_start);
    CHECK_MESSAGE(found, rule.symbol << " → '" << rule.spoken << "'");
    ++checked;
  }
  CHECK(checked > 20);
  // the numbered ranges
  speech::Voice v(nullptr);
  CHECK(speech::spoken(v.words("⑳あ")) == "20、あ");
  CHECK(doc.find("| `①`–`⑳` | 1、–20、 | anywhere |") != std::string::npos);
  CHECK(doc.find("| `(1)`–`(20)`, `（1）`–`（20）` | 1、–20、 | start |") != std::string::npos);
}
