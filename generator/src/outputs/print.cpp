// The print format (issue 6): the plan cut into A4 sheets by the print module, the sheets
// each print page shows, and the voice-code texts of each print folder.
#include <dom/html.hpp>
#include <outputs/outputs.hpp>
#include <text/json.hpp>
#include <text/unicode.hpp>

#include <cstdio>

namespace tsu::outputs {

namespace {

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string two_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

// Whether a printed document belongs on the print page of r: its own, or all of them on
// the top page's (the whole plan).
bool shows(const passes::PageResult& r, const PrintedDoc& d) {
  return r.page->kind == content::PageKind::Home || d.result == &r;
}

}  // namespace

bool printed(const content::Page& p) {
  // The top page and each goal (a folder's index.md below the top page). Comparison pages,
  // easy pages and the pages the generator makes (departments, accessibility) are web only.
  if (p.kind == content::PageKind::Home) return true;
  const std::string_view rel = p.rel;
  bool folder_index = rel.size() > 9 && rel.substr(rel.size() - 9) == "/index.md";
  return p.parent && *p.parent == 0 && !p.easy && folder_index && !p.source.empty();
}

std::string print_path(const content::Page& p) {
  auto slash = p.url_path.rfind('/');
  return slash == std::string::npos ? "print/index.html" : p.url_path.substr(0, slash) + "/print/index.html";
}

bool is_print_page(std::string_view path) {
  constexpr std::string_view tail = "/print/index.html";
  return path == "print/index.html" ||
         (path.size() > tail.size() && path.substr(path.size() - tail.size()) == tail);
}

std::vector<PrintedDoc> paginate_plan(const content::Site& site, const std::vector<passes::PageResult>& pages,
                                      const print::Geometry& g, const speech::Voice& voice, diag::Diagnostics& diags) {
  std::vector<PrintedDoc> docs;
  int number = 1;
  const auto& cfg = site.config;
  for (const auto& r : pages) {
    if (!printed(*r.page)) continue;
    PrintedDoc d;
    d.result = &r;
    d.header = r.page->kind == content::PageKind::Home ? cfg.title + (cfg.subtitle.empty() ? "" : "　" + cfg.subtitle)
                                                       : cfg.title + "　" + r.page->full_title();
    // The title block opening the first sheet, with its ruby.
    const auto& front = r.page->front;
    std::string title = r.title_html.empty() ? front.title : r.title_html;
    if (!front.label.empty())
      title = "<span class=\"page-label\">" + (r.label_html.empty() ? front.label : r.label_html) + "</span>　" + title;
    print::Source src{r.doc.body(), title, r.page->display};
    d.paged = print::paginate(src, g, number, voice, diags);
    number += static_cast<int>(d.paged.sheets.size());
    docs.push_back(std::move(d));
  }
  return docs;
}

std::vector<render::SheetView> sheet_views(const content::Site& site, const fs::FileSystem& fs,
                                           const std::vector<PrintedDoc>& plan, const passes::PageResult& r,
                                           const std::string& out_path) {
  std::vector<render::SheetView> views;
  for (const auto& d : plan) {
    if (!shows(r, d)) continue;
    for (const auto& s : d.paged.sheets) {
      render::SheetView v{s.number, d.header, s.body_html, {}};
      // The city's code maker draws the code; the generator places it (assets/ is copied
      // to the site root as it is).
      std::string image = "voice-codes/page-" + two_digits(s.number) + ".png";
      if (fs.is_file(site.config.assets_dir / image)) v.code_image = passes::relative_url(out_path, image);
      views.push_back(std::move(v));
    }
  }
  return views;
}

std::vector<OutputFile> code_files(const content::Site& site, const print::Geometry& g,
                                   const std::vector<PrintedDoc>& plan, const passes::PageResult& r,
                                   const std::string& out_path, diag::Diagnostics& diags) {
  std::vector<OutputFile> out;
  const std::string dir = out_path.substr(0, out_path.rfind('/') + 1);
  std::string json = "{\n  \"capacity\": " + std::to_string(g.capacity) + ",\n  \"code_size_mm\": " +
                     number_text(site.config.print.code_size_mm) + ",\n  \"font_pt\": " +
                     number_text(site.config.print.font_size_pt) + ",\n  \"pages\": [";
  bool first = true;
  for (const auto& d : plan) {
    if (!shows(r, d)) continue;
    const bool own = d.result == &r;
    // The whole plan's codes.json points at the goals' files instead of copying them.
    std::string folder;
    if (!own) {
      folder = passes::relative_url(out_path, print_path(*d.result->page));
      folder = folder.substr(0, folder.rfind('/') + 1);
    }
    for (const auto& s : d.paged.sheets) {
      const std::string stem = "code-" + two_digits(s.number);
      if (own) {
        out.push_back({dir + stem + ".txt", s.voice + "\n"});
        auto sjis = text::to_cp932(s.voice);
        out.push_back({dir + stem + ".sjis.txt", sjis.bytes + "\r\n"});
        // A code would speak the 〓 written in its place: an error, not a warning.
        if (!sjis.replaced.empty()) {
          std::string bad;
          text::append_utf8(bad, sjis.replaced.front());
          diags.error("print-cp932", {r.page->display, 0, 0},
                      "page " + std::to_string(s.number) + "'s voice text has '" + bad +
                          "', which Shift_JIS (CP932) cannot hold",
                      "write the character another way (the city's code maker reads CP932)");
        }
      }
      json += std::string(first ? "" : ",") + "\n    {\"page\": " + std::to_string(s.number) + ", \"id\": \"page-" +
              two_digits(s.number) + "\", \"characters\": " + std::to_string(s.voice_chars) +
              ", \"files\": {\"utf8\": \"" + folder + stem + ".txt\", \"cp932\": \"" + folder + stem +
              ".sjis.txt\"}, \"source\": \"" + text::json_escape(d.result->page->rel) + "\", \"first\": \"" +
              text::json_escape(s.first_text) + "\", \"last\": \"" + text::json_escape(s.last_text) +
              "\", \"height_px\": " + number_text(s.height) + "}";
      first = false;
    }
  }
  json += "\n  ]\n}\n";
  out.push_back({dir + "codes.json", std::move(json)});
  return out;
}

}  // namespace tsu::outputs
