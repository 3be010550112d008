// Benchmark corpus (issue 9): N pages of plan-like Japanese Markdown in tsutawaru's
// content format, built from the plan's own sentences, headings, list items and tables
// (content/goal-*/index.md and compare.md), with a fixed seed, so every run and every
// machine builds the same site.
//
// usage: tsu_bench_corpus REPO_DIR OUT_DIR N [SEED]
//
// Writes OUT_DIR/site.toml (every output on), OUT_DIR/site-html.toml (standard HTML with
// furigana only: [outputs] turns the rest off), OUT_DIR/content/ (N pages: _index.md, one
// folder per 100 pages with its _index.md, the pages in it; the plan's readings.toml) and
// OUT_DIR/hugo.toml for Hugo (bench/hugo/ holds its layout). Each page has TOML front
// matter, headings from ##, paragraphs, lists, and two or three GFM tables with `Table:`
// captions, 3–4 KB.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace stdfs = std::filesystem;

namespace {

std::string slurp(const stdfs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const stdfs::path& p, const std::string& text) {
  stdfs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// A table of the plan: its lines (header, separator, rows) and caption.
struct Table {
  std::string header, separator;
  std::vector<std::string> rows;
  std::string caption;
};

// The plan's text, cut into the pieces a page is made of.
struct Pieces {
  std::vector<std::string> sentences;  // prose, one sentence each (ending in 。)
  std::vector<std::string> items;      // list items, without "- "
  std::vector<std::string> headings;   // ### and #### heading texts
  std::vector<Table> tables;
};

Pieces read_plan(const stdfs::path& repo) {
  Pieces p;
  for (int g = 1; g <= 6; ++g) {
    for (const char* f : {"index.md", "compare.md"}) {
      std::istringstream in(slurp(repo / "content" / ("goal-" + std::to_string(g)) / f));
      std::vector<std::string> lines;
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      std::size_t i = 0;
      if (!lines.empty() && lines[0] == "+++") {
        for (i = 1; i < lines.size() && lines[i] != "+++"; ++i) {
        }
        ++i;
      }
      for (; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (l.empty() || starts(l, ":::") || starts(l, "<!--") || starts(l, "Table:")) continue;
        if (starts(l, "### ") || starts(l, "#### ")) {
          p.headings.push_back(l.substr(l.find(' ') + 1));
        } else if (starts(l, "#")) {
          continue;
        } else if (starts(l, "- ")) {
          p.items.push_back(l.substr(2));
        } else if (starts(l, "|")) {
          Table t;
          t.header = l;
          if (i + 1 < lines.size()) t.separator = lines[++i];
          while (i + 1 < lines.size() && starts(lines[i + 1], "|")) t.rows.push_back(lines[++i]);
          std::size_t j = i + 1;
          while (j < lines.size() && lines[j].empty()) ++j;
          if (j < lines.size() && starts(lines[j], "Table: ")) {
            t.caption = lines[j].substr(7);
            i = j;
          }
          if (!t.rows.empty() && !t.caption.empty()) p.tables.push_back(std::move(t));
        } else {
          // Prose: one sentence per piece, each ending in 。
          std::size_t start = 0;
          const std::string stop = "。";
          while (start < l.size()) {
            auto end = l.find(stop, start);
            end = end == std::string::npos ? l.size() : end + stop.size();
            std::string s = l.substr(start, end - start);
            if (s.size() > 12) p.sentences.push_back(s);
            start = end;
          }
        }
      }
    }
  }
  return p;
}

// splitmix64: the same numbers on every platform and standard library.
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  std::size_t between(std::size_t lo, std::size_t hi) { return lo + below(hi - lo + 1); }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
};

// A table of the plan cut to at most max_rows rows and about max_bytes, starting on a row
// that opens a group (a first cell that is not empty), so row groups stay whole at the top.
std::string table_text(const Table& t, std::size_t max_rows, std::size_t max_bytes, Rng& rng) {
  std::vector<std::size_t> starts_at;
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    if (!starts(t.rows[r], "|  |") && !starts(t.rows[r], "| |")) starts_at.push_back(r);
  std::size_t first = starts_at.empty() ? 0 : rng.pick(starts_at);
  std::string out = t.header + "\n" + t.separator + "\n" + t.rows[first] + "\n";
  for (std::size_t r = first + 1; r < t.rows.size() && r < first + max_rows; ++r) {
    if (out.size() + t.rows[r].size() > max_bytes) break;
    out += t.rows[r] + "\n";
  }
  return out + "\nTable: " + t.caption + "\n\n";
}

std::string list(const Pieces& p, Rng& rng) {
  std::string s;
  for (std::size_t n = rng.between(2, 4); n > 0; --n) s += "- " + rng.pick(p.items) + "\n";
  return s + "\n";
}

// One page body: two or three parts, each a ## heading, a paragraph, a ### heading, a
// list and a table, then sentences added to the parts' paragraphs until the page reaches
// its size (3–4 KB).
std::string body(const Pieces& p, Rng& rng) {
  std::size_t target = rng.between(3300, 3900);
  std::size_t parts = rng.between(2, 3);
  std::vector<std::string> heads, paras, rests;
  std::vector<std::string> used;  // heading texts on this page (ids stay unique)
  auto heading = [&](const char* marks) {
    std::string h;
    do h = rng.pick(p.headings);
    while (std::find(used.begin(), used.end(), h) != used.end());
    used.push_back(h);
    return std::string(marks) + " " + h + "\n\n";
  };
  std::size_t size = 0;
  for (std::size_t i = 0; i < parts; ++i) {
    heads.push_back(heading("##"));
    std::string para;
    for (std::size_t k = rng.between(1, 2); k > 0; --k) para += rng.pick(p.sentences);
    paras.push_back(para);
    rests.push_back(heading("###") + list(p, rng) + table_text(rng.pick(p.tables), 5, 2400 / parts, rng));
    size += heads.back().size() + paras.back().size() + 2 + rests.back().size();
  }
  for (int tries = 0; size < target && tries < 200; ++tries) {
    const std::string& s = rng.pick(p.sentences);
    if (size + s.size() > 4000) continue;
    paras[rng.below(parts)] += s;
    size += s.size();
  }
  std::string out;
  for (std::size_t i = 0; i < parts; ++i) out += heads[i] + paras[i] + "\n\n" + rests[i];
  return out;
}

std::string front(const std::string& title, const std::string& label, std::size_t weight) {
  std::string f = "+++\ntitle = \"" + title + "\"\n";
  if (!label.empty()) f += "label = \"" + label + "\"\n";
  return f + "weight = " + std::to_string(weight) + "\n+++\n\n";
}

const char* site_toml = R"(# Benchmark corpus (bench/corpus_gen.cpp). Every output on.
title = "ベンチマーク用サイト"
subtitle = "地域福祉計画の文から作ったページ"
publisher = "tsutawaru bench"
language = "ja"
content_dir = "content"
output_dir = "public-tsu"
theme = "THEME"
assets_dir = "assets"

[ruby]
policy = "grade"
grade = 3

[easy]
department_column = "所管課"

[accessibility]
standard = "JIS X 8341-3:2016"
target = "AA"
conformance = "準拠することを目標としています"
policy = "ベンチマーク用"
scope = "ベンチマーク用"
test_method = "ベンチマーク用"
)";

const char* hugo_toml = R"(# Hugo's build of the same corpus (bench/compare.sh): HTML pages only, minimal layout.
baseURL = "/"
languageCode = "ja"
title = "ベンチマーク用サイト"
contentDir = "content"
publishDir = "public-hugo"
layoutDir = "LAYOUTS"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableGitInfo = false
[markup.goldmark.renderer]
unsafe = true
)";

std::string replace(std::string s, const std::string& what, const std::string& with) {
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) s.replace(at, what.size(), with);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fputs("usage: tsu_bench_corpus REPO_DIR OUT_DIR N [SEED]\n", stderr);
    return 2;
  }
  stdfs::path repo = stdfs::absolute(argv[1]).lexically_normal();
  stdfs::path out = argv[2];
  std::size_t n = std::stoul(argv[3]);
  Rng rng{argc > 4 ? std::stoull(argv[4]) : 20261122ULL};
  Pieces p = read_plan(repo);
  if (p.sentences.empty() || p.tables.empty() || p.headings.size() < 12 || p.items.empty()) {
    std::fputs("tsu_bench_corpus: cannot read the plan's content/goal-*/ pages\n", stderr);
    return 1;
  }

  stdfs::remove_all(out / "content");
  stdfs::create_directories(out / "assets");
  spit(out / "site.toml", replace(site_toml, "THEME", (repo / "themes/default").string()));
  spit(out / "site-html.toml",
       replace(replace(replace(site_toml, "THEME", (repo / "themes/default").string()),
                       "# Benchmark corpus (bench/corpus_gen.cpp). Every output on.",
                       "# Benchmark corpus: standard HTML with furigana only."),
               "\"public-tsu\"", "\"public-tsu-html\"") +
           "\n[outputs]\n# Only the standard pages: every other output off.\nhtml = true\ndepartments = false\nread = false\nepub = false\nprint = false\n");
  spit(out / "hugo.toml", replace(hugo_toml, "LAYOUTS", (repo / "bench/hugo/layouts").string()));
  stdfs::create_directories(out / "content");
  stdfs::copy_file(repo / "content/readings.toml", out / "content/readings.toml", stdfs::copy_options::overwrite_existing);

  // N pages: the top page, then folders of up to 100 pages (a folder page and its children).
  std::size_t bytes = 0, pages = 0;
  auto page = [&](const stdfs::path& rel, const std::string& title, const std::string& label, std::size_t weight) {
    std::string text = front(title, label, weight) + body(p, rng);
    bytes += text.size();
    ++pages;
    spit(out / "content" / rel, text);
  };
  page("_index.md", "ベンチマーク用サイト", "", 0);
  // (while, not for: `pages` grows inside page(), which clang's loop analysis cannot see)
  std::size_t folder = 0;
  while (pages < n) {
    ++folder;
    char dir[32];
    std::snprintf(dir, sizeof dir, "part-%03zu", folder);
    page(stdfs::path(dir) / "_index.md", rng.pick(p.headings), "分野" + std::to_string(folder), folder);
    std::size_t i = 1;
    while (i < 100 && pages < n) {
      char name[32];
      std::snprintf(name, sizeof name, "page-%02zu.md", i);
      page(stdfs::path(dir) / name, rng.pick(p.headings), "", i);
      ++i;
    }
  }
  std::printf("%zu pages, %.1f MB of Markdown (%.0f bytes a page) in %s\n", pages,
              static_cast<double>(bytes) / 1048576.0, static_cast<double>(bytes) / static_cast<double>(pages),
              (out / "content").string().c_str());
  return 0;
}
