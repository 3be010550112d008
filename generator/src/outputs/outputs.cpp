#include <dom/html.hpp>
#include <outputs/outputs.hpp>
#include <print/geometry.hpp>
#include <text/unicode.hpp>

#include <cstdio>
#include <map>

namespace tsu::outputs {

namespace {
std::string standard_path(const content::Page& p) { return p.url_path; }

// A page printed on its own: the top page (whose print version is the whole plan) and
// each goal (a folder's index.md below the top page). Comparison pages, easy pages and
// the pages the generator makes (departments, accessibility) are web only.
bool printed(const content::Page& p) {
  if (p.kind == content::PageKind::Home) return true;
  const std::string_view rel = p.rel;
  bool folder_index = rel.size() > 9 && rel.substr(rel.size() - 9) == "/index.md";
  return p.parent && *p.parent == 0 && !p.easy && folder_index;
}

// goal-1/index.html → goal-1/print/index.html; index.html → print/index.html.
std::string print_path(const content::Page& p) {
  if (!printed(p)) return {};
  auto slash = p.url_path.rfind('/');
  return slash == std::string::npos ? "print/index.html" : p.url_path.substr(0, slash) + "/print/index.html";
}

std::string number_text(double pt) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", pt);
  return buf;
}

std::string two_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}
}  // namespace

const std::vector<Format>& formats() {
  static const std::vector<Format> table = {
      {"html", "text/html", standard_path, "home", "page", Body::Page},
      {"print", "text/html", print_path, "print", "print", Body::Sheets},
  };
  return table;
}

bool is_print_page(std::string_view path) {
  return path == "print/index.html" ||
         (path.size() > 17 && path.substr(path.size() - 17) == "/print/index.html");
}

namespace {

// Every printed page of the plan: the top page first, then the goals in order, numbered
// through as one booklet, each source page starting on a new sheet.
struct PrintedDoc {
  const passes::PageResult* result = nullptr;
  std::string header;
  print::Paged paged;
};

std::vector<PrintedDoc> paginate_plan(const content::Site& site, const std::vector<passes::PageResult>& pages,
                                      const print::Geometry& g, const Settings& settings, diag::Diagnostics& diags) {
  std::vector<PrintedDoc> docs;
  int number = 1;
  auto speak = settings.speak ? settings.speak : print::Speaker([](pugi::xml_node n) { return dom::text_content(n); });
  for (const auto& r : pages) {
    if (!printed(*r.page)) continue;
    PrintedDoc d;
    d.result = &r;
    const auto& cfg = site.config;
    d.header = r.page->kind == content::PageKind::Home ? cfg.title + (cfg.subtitle.empty() ? "" : "　" + cfg.subtitle)
                                                       : cfg.title + "　" + r.page->full_title();
    std::string title = r.page->front.label.empty()
                            ? (r.title_html.empty() ? r.page->front.title : r.title_html)
                            : "<span class=\"page-label\">" + (r.label_html.empty() ? r.page->front.label : r.label_html) +
                                  "</span>　" + (r.title_html.empty() ? r.page->front.title : r.title_html);
    print::Source src{r.doc.body(), title, r.page->display};
    d.paged = print::paginate(src, g, number, speak, diags);
    number += static_cast<int>(d.paged.sheets.size());
    docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace

std::vector<OutputFile> produce(const content::Site& site, std::vector<passes::PageResult>& pages,
                                const render::Theme& theme, render::Renderer& renderer,
                                const fs::FileSystem& fs, const Settings& settings, diag::Diagnostics& diags) {
  std::vector<OutputFile> files;
  std::map<std::string, std::string> origin;  // output path → what produced it
  auto add = [&](std::string path, std::string bytes, const std::string& from) {
    if (auto [it, fresh] = origin.emplace(path, from); !fresh) {
      diags.error("duplicate-output", {from, 0, 0},
                  "would write " + path + ", which " + it->second + " writes already",
                  "rename one of them");
      return;
    }
    files.push_back({std::move(path), std::move(bytes)});
  };

  const auto g = print::geometry(site.config.print);
  const bool printing = theme.layouts.count("print") > 0;
  const auto plan = printing ? paginate_plan(site, pages, g, settings, diags) : std::vector<PrintedDoc>{};
  const std::string css = print::stylesheet(g, settings.proof);
  char size_num[32];
  std::snprintf(size_num, sizeof size_num, "%g", site.config.print.code_size_mm);
  const std::string size = std::string(size_num) + "mm";

  // The sheets of a print page: a goal's own, or for the top page the whole plan's.
  auto sheets_for = [&](const passes::PageResult& r, const std::string& out_path) {
    std::vector<render::SheetView> views;
    for (const auto& d : plan) {
      if (r.page->kind != content::PageKind::Home && d.result != &r) continue;
      for (const auto& s : d.paged.sheets) {
        render::SheetView v{s.number, d.header, s.body_html, {}};
        std::string image = "voice-codes/page-" + two_digits(s.number) + ".png";
        if (fs.is_file(site.config.assets_dir / image)) v.code_image = passes::relative_url(out_path, image);
        views.push_back(std::move(v));
      }
    }
    return views;
  };

  // The voice-code texts of a print folder, and codes.json listing them.
  auto code_files = [&](const passes::PageResult& r, const std::string& out_path) {
    std::string dir = out_path.substr(0, out_path.rfind('/') + 1);
    std::string json = "{\n  \"capacity\": " + std::to_string(g.capacity) + ",\n  \"code_size_mm\": " + size_num +
                       ",\n  \"font_pt\": " + number_text(site.config.print.font_size_pt) + ",\n  \"pages\": [";
    bool first = true;
    for (const auto& d : plan) {
      bool own = d.result == &r;
      if (r.page->kind != content::PageKind::Home && !own) continue;
      // The whole plan's codes.json points at the goals' files instead of copying them.
      std::string folder = own ? "" : passes::relative_url(out_path, print_path(*d.result->page));
      if (!folder.empty()) folder = folder.substr(0, folder.rfind('/') + 1);
      for (const auto& s : d.paged.sheets) {
        std::string stem = "code-" + two_digits(s.number);
        if (own) {
          add(dir + stem + ".txt", s.voice + "\n", r.page->display);
          std::string bad;
          if (auto sjis = text::to_cp932(s.voice, &bad)) add(dir + stem + ".sjis.txt", *sjis + "\r\n", r.page->display);
          else
            diags.error("print-cp932", {r.page->display, 0, 0},
                        "page " + std::to_string(s.number) + "'s voice text has '" + bad +
                            "', which Shift_JIS (CP932) cannot hold",
                        "write the character another way (the code maker reads CP932)");
        }
        json += std::string(first ? "" : ",") + "\n    {\"page\": " + std::to_string(s.number) + ", \"id\": \"page-" +
                two_digits(s.number) + "\", \"characters\": " + std::to_string(s.voice_chars) +
                ", \"files\": {\"utf8\": \"" + folder + stem + ".txt\", \"cp932\": \"" + folder + stem +
                ".sjis.txt\"}, \"source\": \"" + text::json_escape(d.result->page->rel) + "\", \"first\": \"" +
                text::json_escape(s.first_text) + "\", \"last\": \"" + text::json_escape(s.last_text) + "\", \"height_px\": " +
                number_text(s.height) + "}";
        first = false;
      }
    }
    json += "\n  ]\n}\n";
    add(dir + "codes.json", std::move(json), r.page->display);
  };

  for (auto& r : pages) {
    std::string body = dom::serialize_children(r.doc.body());
    for (const auto& f : formats()) {
      std::string out = f.path(*r.page);
      if (out.empty()) continue;
      // A theme without a print layout makes a site without print pages.
      if (f.body == Body::Sheets && !theme.layouts.count(f.page_layout)) continue;
      const char* layout = r.page->kind == content::PageKind::Home ? f.home_layout : f.page_layout;
      render::PageInput in{*r.page, body, r.toc, r.title_html, r.label_html};
      std::vector<render::SheetView> views;
      if (f.body == Body::Sheets) {
        views = sheets_for(r, out);
        in.out_path = out;
        in.sheets = &views;
        in.print_css = css;
        in.code_size = size;
        code_files(r, out);
      }
      if (auto html = renderer.render(site, in, layout, diags)) add(out, std::move(*html), r.page->display);
    }
  }

  auto copy_tree = [&](const std::filesystem::path& dir, const std::vector<std::string>& rels) {
    for (const auto& rel : rels) {
      // Version-control placeholders (.gitkeep, .gitignore) are not part of the site.
      if (std::filesystem::path(rel).filename().string().rfind(".git", 0) == 0) continue;
      auto bytes = fs.read(dir / rel);
      std::string from = site.config.display(dir / rel);
      if (!bytes) diags.error("read-failed", {from, 0, 0}, "cannot read the file");
      else add(rel, std::move(*bytes), from);
    }
  };
  copy_tree(theme.dir / "static", theme.static_files);
  std::vector<std::string> assets;
  for (const auto& p : fs.list_files(site.config.assets_dir)) assets.push_back(p.generic_string());
  copy_tree(site.config.assets_dir, assets);
  copy_tree(site.config.content_dir, site.resources);
  return files;
}

}  // namespace tsu::outputs
