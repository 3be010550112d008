#include <config/toml_reader.hpp>
#include <content/site.hpp>
#include <parallel/pool.hpp>
#include <text/unicode.hpp>

#include <algorithm>
#include <cstdio>
#include <map>

namespace tsu::content {

namespace stdfs = std::filesystem;

std::string Page::full_title() const {
  return front.label.empty() ? front.title : front.label + " " + front.title;
}

std::optional<Page::SourcePos> Page::find_in_source(std::string_view needle, int from_line,
                                                    std::size_t from_offset, int max_lines) const {
  for (int l = from_line; l > 0 && l < from_line + max_lines; ++l) {
    std::string src = diag::line_of(body, l - body_line + 1);
    auto pos = src.find(needle, l == from_line ? from_offset : 0);
    if (pos != std::string::npos) return SourcePos{l, text::line_col_at(src, pos).column, pos};
  }
  return std::nullopt;
}

const std::vector<std::string>& front_matter_keys() {
  static const std::vector<std::string> keys = {"title", "label", "description", "weight", "ruby",
                                                "ruby_grade"};
  return keys;
}

std::optional<std::string> normalise_source(std::string_view bytes, const std::string& display,
                                            diag::Diagnostics& diags) {
  if (auto bad = text::find_invalid_utf8(bytes)) {
    auto lc = text::line_col_at(bytes, *bad);
    diags.error("invalid-utf8", {display, lc.line, lc.column},
                "the file is not valid UTF-8 (byte offset " + std::to_string(*bad) + ")",
                "save the file as UTF-8; Shift_JIS or CP932 files must be converted first");
    return std::nullopt;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // CRLF → LF, the text between copied whole
  std::string lf;
  lf.reserve(bytes.size());
  for (std::size_t at = 0; at < bytes.size();) {
    auto cr = bytes.find("\r\n", at);
    if (cr == std::string_view::npos) cr = bytes.size();
    lf.append(bytes, at, cr - at);
    at = cr + 1;  // the \n is copied with the next run
  }
  // NFC, so that a kana with a combining voiced mark (か + ゛ from a Mac) is one character.
  return text::to_nfc(std::move(lf));
}

std::optional<Split> split_front_matter(std::string_view text, const std::string& display,
                                        diag::Diagnostics& diags) {
  Split s;
  auto is_fence = [](std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line == "+++";
  };
  auto first_end = text.find('\n');
  std::string_view first = text.substr(0, first_end);
  if (!is_fence(first)) {
    s.body = std::string(text);
    return s;
  }
  std::size_t pos = first_end == std::string_view::npos ? text.size() : first_end + 1;
  int line = 2;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == std::string_view::npos ? text.size() - pos
                                                                        : end - pos);
    if (is_fence(l)) {
      s.front = std::string(text.substr(first_end + 1, pos - first_end - 1));
      s.body = end == std::string_view::npos ? std::string() : std::string(text.substr(end + 1));
      s.body_line = line + 1;
      return s;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
    ++line;
  }
  diags.error("front-matter-unterminated", {display, 1, 1},
              "front matter opened with '+++' is never closed",
              "end the front matter with a line holding only +++");
  return std::nullopt;
}

namespace {

// A whole goal of the plan is about 20 KB; a page of many megabytes is a mistake (a pasted
// export, a binary renamed .md) and would make every stage slow for the editor.
constexpr std::size_t max_page_bytes = 8u * 1024 * 1024;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// content/ path → output path: _index.md and index.md are their folder's page.
std::string url_for(std::string rel) {
  // index.easy.md → easy/index.html beside the standard page (_index.easy.md → easy/)
  if (ends_with(rel, ".easy.md")) {
    stdfs::path p(rel.substr(0, rel.size() - 8) + ".md");
    auto stem = p.stem().string();
    auto dir = p.parent_path();
    if (stem == "_index" || stem == "index") return (dir / "easy" / "index.html").generic_string();
    return (dir / stem / "easy" / "index.html").generic_string();
  }
  stdfs::path p(rel);
  auto stem = p.stem().string();
  auto dir = p.parent_path();
  if (stem == "_index" || stem == "index") return (dir / "index.html").generic_string();
  return (dir / stem / "index.html").generic_string();
}

std::optional<FrontMatter> read_front(const Split& split, const std::string& display,
                                      diag::Diagnostics& diags) {
  diag::Diagnostics local;
  FrontMatter fm;
  config::TomlReader r(display, split.front_line - 1, local);
  auto table = r.parse(split.front);
  if (table) {
    r.reject_unknown_keys(*table, front_matter_keys());
    fm.title = r.string(*table, "title").value_or("");
    fm.label = r.string(*table, "label").value_or("");
    fm.description = r.string(*table, "description").value_or("");
    fm.weight = r.integer(*table, "weight").value_or(0);
    if (auto p = r.string(*table, "ruby")) {
      fm.ruby = config::parse_ruby_policy(*p);
      if (!fm.ruby)
        local.error("ruby-policy", r.where(*table->get("ruby")), "unknown ruby policy '" + *p + "'",
                    "use one of: none, all, grade, first");
    }
    if (auto g = r.integer(*table, "ruby_grade")) {
      if (*g < 1 || *g > 6) local.error("ruby-grade", r.where(*table->get("ruby_grade")), "ruby_grade must be 1–6");
      else fm.ruby_grade = static_cast<int>(*g);
    }
    if (!table->contains("title"))
      local.error("front-matter-title", {display, 1, 1}, "the page has no title",
                  "add title = \"…\" between the +++ lines at the top of the file");
  }
  bool failed = local.has_errors() || !table;
  diags.append(std::move(local));
  if (failed) return std::nullopt;
  return fm;
}

// Each page's parent is the nearest folder above it that has a page: goal-1/compare/ →
// goal-1/, goal-1/ → the top page.
void link_parents(Site& site) {
  std::map<std::string, std::size_t> by_url;
  for (std::size_t i = 0; i < site.pages.size(); ++i) by_url[site.pages[i].url_path] = i;
  for (auto& page : site.pages) {
    if (page.kind == PageKind::Home) continue;
    stdfs::path dir = stdfs::path(page.url_path).parent_path();
    while (!dir.empty()) {
      dir = dir.parent_path();
      auto it = by_url.find((dir / "index.html").generic_string());
      if (it != by_url.end()) {
        page.parent = it->second;
        break;
      }
    }
  }
}

}  // namespace

std::optional<Site> load(const fs::FileSystem& fs, const config::SiteConfig& cfg, diag::Diagnostics& diags,
                         parallel::Pool* pool) {
  Site site;
  site.config = cfg;
  diag::Diagnostics local;
  std::map<std::string, std::string> written_by;

  // Each file read and parsed on its own (on the pool's threads when there is one), then
  // taken in the folder's order, so pages and messages never depend on the threads.
  struct Loaded {
    std::optional<Page> page;
    diag::Diagnostics diags;
  };
  const auto files = fs.list_files(cfg.content_dir);
  std::vector<Loaded> loaded(files.size());
  auto load_one = [&](std::size_t i, unsigned) {
    const auto& relp = files[i];
    std::string rel = relp.generic_string();
    if (!ends_with(rel, ".md")) return;
    std::string display = cfg.display(cfg.content_dir / relp);
    auto& out = loaded[i].diags;
    auto bytes = fs.read(cfg.content_dir / relp);
    if (!bytes) {
      out.error("read-failed", {display, 0, 0}, "cannot read the file");
      return;
    }
    if (bytes->size() > max_page_bytes) {
      char mb[32];
      std::snprintf(mb, sizeof mb, "%.1f", static_cast<double>(bytes->size()) / 1048576.0);
      out.error("page-too-large", {display, 0, 0},
                std::string("the page is ") + mb + " MB; a page may be at most " +
                    std::to_string(max_page_bytes / 1048576) + " MB",
                "split it into several pages (one per goal or section)");
      return;
    }
    auto text = normalise_source(*bytes, display, out);
    if (!text) return;
    auto split = split_front_matter(*text, display, out);
    if (!split) return;
    if (split->front.empty() && split->body_line == 1) {
      out.error("front-matter-missing", {display, 1, 1}, "the page has no front matter",
                "start the file with +++, a line title = \"…\", and +++");
      return;
    }
    auto front = read_front(*split, display, out);
    if (!front) return;
    Page& page = loaded[i].page.emplace();
    page.easy = ends_with(rel, ".easy.md");
    page.kind = rel == "_index.md" ? PageKind::Home : PageKind::Page;
    page.source = cfg.content_dir / relp;
    page.display = std::move(display);
    page.rel = rel;
    page.url_path = url_for(rel);
    page.front = std::move(*front);
    page.body = std::move(split->body);
    page.body_line = split->body_line;
  };
  parallel::Pool single(1);
  (pool ? *pool : single).for_each(files.size(), load_one);

  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string rel = files[i].generic_string();
    if (!ends_with(rel, ".md")) {
      if (rel != "readings.toml") site.resources.push_back(rel);
      continue;
    }
    local.append(std::move(loaded[i].diags));
    if (!loaded[i].page) continue;
    Page& page = *loaded[i].page;
    if (auto [it, fresh] = written_by.emplace(page.url_path, page.display); !fresh) {
      local.error("duplicate-output", {page.display, 1, 1},
                  "this page and " + it->second + " would both be written to " + page.url_path,
                  "rename or move one of them");
      continue;
    }
    site.pages.push_back(std::move(page));
  }
  loaded.clear();

  auto home = std::find_if(site.pages.begin(), site.pages.end(),
                           [](const Page& p) { return p.kind == PageKind::Home; });
  if (site.pages.empty() && !local.has_errors())
    local.error("content-empty", {cfg.display(cfg.content_dir), 0, 0},
                "the content folder has no pages",
                "add _index.md (the top page) and one folder per goal with an index.md");
  else if (home == site.pages.end() && !local.has_errors())
    local.error("content-no-home", {cfg.display(cfg.content_dir / "_index.md"), 0, 0},
                "the top page _index.md is missing");

  // Home first, then by weight, ties by path: never by directory order (style.md).
  // Within a folder, the folder's own page comes before the pages below it (goal-1/ before
  // goal-1/compare/ and goal-1/easy/).
  auto folder = [](const Page& p) { return p.rel.substr(0, p.rel.find('/')); };
  auto depth = [](const Page& p) { return std::count(p.url_path.begin(), p.url_path.end(), '/'); };
  std::stable_sort(site.pages.begin(), site.pages.end(), [&](const Page& a, const Page& b) {
    if ((a.kind == PageKind::Home) != (b.kind == PageKind::Home)) return a.kind == PageKind::Home;
    if (a.front.weight != b.front.weight) return a.front.weight < b.front.weight;
    if (folder(a) != folder(b)) return folder(a) < folder(b);
    if (depth(a) != depth(b)) return depth(a) < depth(b);
    return a.rel < b.rel;
  });

  link_parents(site);
  // Each やさしい日本語 page (index.easy.md) and its standard page (index.md) point at each other.
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    auto& e = site.pages[i];
    if (!e.easy) continue;
    std::string base = e.rel.substr(0, e.rel.size() - 8) + ".md";
    auto it = std::find_if(site.pages.begin(), site.pages.end(), [&](const Page& p) { return p.rel == base; });
    if (it == site.pages.end()) {
      local.error("easy-without-page", {e.display, 1, 1},
                  "this やさしい日本語 page has no standard page " + base + " beside it");
      continue;
    }
    e.alternate = static_cast<std::size_t>(it - site.pages.begin());
    it->alternate = i;
    it->easy_rel = e.rel;
  }
  bool failed = local.has_errors();
  diags.append(std::move(local));
  if (failed) return std::nullopt;
  return site;
}

}  // namespace tsu::content
