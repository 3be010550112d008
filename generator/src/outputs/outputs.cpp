#include <cstdio>
#include <dom/html.hpp>
#include <outputs/outputs.hpp>

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>

namespace tsu::outputs {

namespace {
std::string standard_path(const content::Page& p) { return p.url_path; }
bool every_page(const content::Page&) { return true; }
// Read-aloud versions: every page written in content/ (the top page, goals, their pages),
// not the やさしい日本語 pages (they have furigana on every kanji already) and not the
// generated lists.
bool written_standard(const content::Page& p) { return !p.easy && !p.source.empty(); }
std::string body_html(const FormatInput& in) { return dom::serialize_children(in.result.doc.body()); }
// The print page's body is its sheets (render::PageInput::sheets), not one body.
std::string no_body(const FormatInput&) { return {}; }
std::string in_read_folder(const content::Page& p, const char* file) {
  auto slash = p.url_path.rfind('/');
  return (slash == std::string::npos ? std::string() : p.url_path.substr(0, slash + 1)) + "read/" + file;
}
std::string txt_path(const content::Page& p) { return in_read_folder(p, "read.txt"); }
std::string sjis_path(const content::Page& p) { return in_read_folder(p, "read.sjis.txt"); }
std::string kana_path(const content::Page& p) { return in_read_folder(p, "read.kana.txt"); }
std::string ssml_path(const content::Page& p) { return in_read_folder(p, "read.ssml"); }

// The partials a template uses ({{> name}}), and theirs, in name order.
void partials_used(const render::Theme& theme, const std::string& text, std::set<std::string>& out) {
  static const std::regex use(R"(\{\{>\s*([^\s}]+)\s*\}\})");
  for (std::sregex_iterator it(text.begin(), text.end(), use), end; it != end; ++it) {
    auto name = (*it)[1].str();
    auto p = theme.partials.find(name);
    if (p != theme.partials.end() && out.insert(name).second) partials_used(theme, p->second, out);
  }
}

// A layout's key: its text and the text of every partial it uses, so editing one layout
// renders again only the pages that use it.
std::uint64_t layout_key(const render::Theme& theme, const std::string& layout) {
  cache::Hasher h;
  auto it = theme.layouts.find(layout);
  if (it == theme.layouts.end()) return h.add(layout).value();
  h.add(layout).add(it->second);
  std::set<std::string> used;
  partials_used(theme, it->second, used);
  for (const auto& name : used) h.add(name).add(theme.partials.at(name));
  return h.value();
}
}  // namespace

std::string read_path(const content::Page& p) { return in_read_folder(p, "index.html"); }

const std::vector<Format>& formats() {
  static const std::vector<Format> table = {
      {"html", "text/html", standard_path, every_page, "home", "page", body_html},
      {"read", "text/html", read_path, written_standard, "read", "read", read_html},
      {"read-txt", "text/plain; charset=utf-8", txt_path, written_standard, nullptr, nullptr, read_text},
      {"read-sjis", "text/plain; charset=windows-31j", sjis_path, written_standard, nullptr, nullptr, read_sjis},
      {"read-kana", "text/plain; charset=utf-8", kana_path, written_standard, nullptr, nullptr, read_kana},
      {"read-ssml", "application/ssml+xml", ssml_path, written_standard, nullptr, nullptr, read_ssml},
      {"print", "text/html", print_path, printed, "print", "print", no_body},
  };
  return table;
}

// What every page's rendering shares: the voices, the layouts' keys, the print plan and
// stylesheet, a Renderer for each thread.
struct Producer::Shared {
  Shared(const content::Site& site, const render::Theme& theme, const ja::Services* ja)
      : voice(ja, speech::Phrases::from_strings(theme.strings)),
        kana_voice(ja, speech::Phrases::from_strings(theme.strings), speech::Voice::Form::Kana),
        geometry(print::geometry(site.config.print)), nav(render::SiteNav::of(site)) {}
  speech::Voice voice;
  speech::Voice kana_voice;
  print::Geometry geometry;
  render::SiteNav nav;  // the site's pages do not change while it is produced
  std::map<std::string, std::uint64_t> layout_keys;
  std::uint64_t strings_key = 0;
  bool printing = false;
  std::string print_css;
  char code_mm[32] = {};
  std::vector<std::unique_ptr<render::Renderer>> more;  // kainjow's render is not const: one per thread
  std::vector<std::unique_ptr<render::NavMemo>> navs;   // one per thread (render/page.hpp)
  parallel::Pool single{1};
};

Producer::Producer(const content::Site& site, const render::Theme& theme, render::Renderer& renderer,
                   const fs::FileSystem& fs, const ja::Services* ja, cache::Cache* cache, parallel::Pool* pool,
                   const Settings& settings, diag::Diagnostics& diags)
    : m_site(site), m_theme(theme), m_renderer(renderer), m_fs(fs), m_cache(cache),
      m_shared(std::make_unique<Shared>(site, theme, ja)) {
  auto& sh = *m_shared;
  m_pool = pool ? pool : &sh.single;
  // the read-aloud formats depend on the theme's phrase templates too
  cache::Hasher strings_hash;
  for (const auto& [k, v] : theme.strings) strings_hash.add(k).add(v);
  sh.strings_key = strings_hash.value();
  // Print pages (issue 6): a theme without a print layout makes a site without them.
  sh.printing = theme.layouts.count(formats().back().page_layout) > 0 && site.config.outputs.on("print");
  sh.print_css = print::stylesheet(sh.geometry, settings.proof);
  std::snprintf(sh.code_mm, sizeof sh.code_mm, "%gmm", site.config.print.code_size_mm);
  for (unsigned w = 1; w < m_pool->size(); ++w) sh.more.push_back(render::Renderer::create(theme, diags));
  for (unsigned w = 0; w < m_pool->size(); ++w) sh.navs.push_back(std::make_unique<render::NavMemo>());
}

Producer::~Producer() = default;

void Producer::add(std::vector<OutputFile>& files, std::string path, std::string bytes, const std::string& from,
                   diag::Diagnostics& diags) {
  if (auto [it, fresh] = m_origin.emplace(path, from); !fresh) {
    diags.error("duplicate-output", {from, 0, 0}, "would write " + path + ", which " + it->second + " writes already",
                "rename one of them");
    return;
  }
  files.push_back({std::move(path), std::move(bytes)});
}

bool Producer::printing() const { return m_shared->printing; }

const std::vector<PrintedDoc>& Producer::paginate(const std::vector<passes::PageResult>& pages) {
  m_cut_diags = {};
  m_cut = m_shared->printing ? paginate_plan(m_site, pages, m_shared->geometry, m_shared->voice, m_cut_diags)
                             : std::vector<PrintedDoc>{};
  m_cut_for = &pages;
  return m_cut;
}

std::vector<OutputFile> Producer::pages(std::vector<passes::PageResult>& pages, diag::Diagnostics& diags,
                                        Which which, std::vector<std::string>* bodies) {
  std::vector<OutputFile> files;
  auto& sh = *m_shared;
  const auto& site = m_site;
  const auto& theme = m_theme;
  const auto& read = formats()[1];
  const auto& print_format = formats().back();

  // Print pages: the whole plan cut into sheets once; each goal's print page shows its own.
  const bool print_here = sh.printing && which != Which::NotPrint;
  std::vector<PrintedDoc> plan;
  if (print_here && m_cut_for == &pages) {  // cut ahead by paginate()
    plan = std::move(m_cut);
    diags.append(std::move(m_cut_diags));
    m_cut_for = nullptr;
  } else if (print_here) {
    plan = paginate_plan(site, pages, sh.geometry, sh.voice, diags);
  }

  // site.toml [outputs] names a family: "read" switches read/, read.txt, read.ssml … together.
  auto enabled = [&](const Format& f) {
    std::string_view name = f.name;
    return site.config.outputs.on(name.substr(0, name.find('-')));
  };

  // Three steps, so the pages can be rendered on every thread while files, messages and
  // the cache come out as if one thread had done it all in page order: look every page and
  // format up in the cache; render the others, each page on whichever thread is free, into
  // its own slot; then add the files (and store the new renderings) in page order.
  struct Rendered {
    std::vector<bool> wanted;                      // one per format: this page gets it
    std::vector<std::string> layout;               // "": the format makes the whole file
    std::vector<std::uint64_t> key;                // 0: not cached
    std::vector<const std::string*> hit;           // from the cache
    std::vector<diag::Diagnostics> diags;          // from making and rendering
    std::vector<std::optional<std::string>> html;  // made
    std::vector<OutputFile> extra;                 // the print pages' voice-code files
    bool any = false;                              // some format to make
  };
  const std::size_t n_formats = formats().size();
  std::vector<Rendered> done(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto& r = pages[i];
    auto& out = done[i];
    out.wanted.assign(n_formats, false);
    out.layout.assign(n_formats, {});
    out.key.assign(n_formats, 0);
    out.hit.assign(n_formats, nullptr);
    out.diags.resize(n_formats);
    out.html.resize(n_formats);
    const bool is_home = r.page->kind == content::PageKind::Home;
    for (std::size_t k = 0; k < n_formats; ++k) {
      const auto& f = formats()[k];
      if (!enabled(f) || !f.applies(*r.page)) continue;
      if (&f == &print_format ? !print_here : which == Which::Print) continue;
      std::string layout = f.page_layout ? (is_home ? f.home_layout : f.page_layout) : "";
      if (f.page_layout && !theme.layouts.count(layout)) {
        layout = is_home ? "home" : "page";
        // a theme missing that one too: the standard format has reported it already
        if (&f != &formats().front() && !theme.layouts.count(layout)) continue;
      }
      out.wanted[k] = true;
      out.layout[k] = layout;
      // Print pages show other pages' sheets and write the voice-code files: never cached.
      if (m_cache && r.key && &f != &print_format) {
        // The page's key stands for its document, title and table of contents (all made
        // by the passes from the same inputs), so a hit needs no serialising at all.
        auto lk = sh.layout_keys.find(layout);
        if (lk == sh.layout_keys.end()) lk = sh.layout_keys.emplace(layout, layout_key(theme, layout)).first;
        out.key[k] = cache::Hasher()
                         .add(m_cache->view_key)
                         .add(f.name)
                         .add(lk->second)
                         .add(&f == &formats().front() ? 0 : sh.strings_key)
                         .add(r.key)
                         .value();
        if ((out.hit[k] = m_cache->find_rendered(out.key[k]))) continue;
      }
      out.any = true;
    }
  }

  if (bodies) bodies->assign(pages.size(), {});
  m_pool->for_each(pages.size(), [&](std::size_t i, unsigned worker) {
    auto& out = done[i];
    if (!out.any) return;
    const auto& r = pages[i];
    const bool is_home = r.page->kind == content::PageKind::Home;
    render::Renderer& mine = worker == 0 ? m_renderer : *sh.more[worker - 1];
    Listening listening(sh.voice, sh.kana_voice, r.doc.body());
    for (std::size_t k = 0; k < n_formats; ++k) {
      const auto& f = formats()[k];
      if (!out.wanted[k] || out.hit[k]) continue;
      FormatInput fin{site, r, listening, theme.strings, out.diags[k]};
      std::string made = f.make(fin);
      // the standard page's body, kept for the EPUB: taken back from the page's input
      // once the page is rendered (a copy of every body was 0.5% of a build)
      const bool keep_body = bodies && &f == &formats().front();
      if (!f.page_layout) {
        if (keep_body) (*bodies)[i] = made;
        out.html[k] = std::move(made);
        continue;
      }
      render::PageInput in{*r.page, std::move(made), r.toc, r.title_html, r.label_html};
      in.out_path = f.path(*r.page);
      in.nav = &sh.nav;
      in.nav_memo = sh.navs[worker].get();
      if (&f == &read) {
        in.standard_path = r.page->url_path;
        const auto& front = r.page->front;
        in.read_title = (front.label.empty() ? "" : speech::spoken(sh.voice.words(front.label)) + " ") +
                        speech::spoken(sh.voice.words(is_home ? site.config.title : front.title)) +
                        (is_home && !site.config.subtitle.empty() ? " " + speech::spoken(sh.voice.words(site.config.subtitle)) : "");
      } else if (read.applies(*r.page) && enabled(read)) {
        in.read_path = read.path(*r.page);
      }
      std::vector<render::SheetView> sheets;
      if (&f == &print_format) {
        sheets = sheet_views(site, m_fs, plan, r, in.out_path);
        in.sheets = &sheets;
        in.print_css = sh.print_css;
        in.code_size = sh.code_mm;
        for (auto& file : code_files(site, sh.geometry, plan, r, in.out_path, out.diags[k]))
          out.extra.push_back(std::move(file));
      }
      out.html[k] = mine.render(site, in, out.layout[k], out.diags[k]);
      if (keep_body) (*bodies)[i] = std::move(in.body_html);
    }
  });

  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto& page = *pages[i].page;
    auto& out = done[i];
    for (std::size_t k = 0; k < n_formats; ++k) {
      if (out.hit[k]) {
        ++m_cache->stats.rendered_cached;
        add(files, formats()[k].path(page), *out.hit[k], page.display, diags);
        continue;
      }
      diags.append(std::move(out.diags[k]));
      if (auto& html = out.html[k]) {
        if (m_cache) ++m_cache->stats.rendered_run;
        if (out.key[k]) m_cache->store_rendered(out.key[k], *html);
        add(files, formats()[k].path(page), std::move(*html), page.display, diags);
      }
    }
    for (auto& file : out.extra) add(files, std::move(file.path), std::move(file.bytes), page.display, diags);
  }
  m_printed = std::move(plan);
  return files;
}

std::vector<OutputFile> Producer::copied(diag::Diagnostics& diags) {
  std::vector<OutputFile> files;
  const auto& site = m_site;
  auto copy_tree = [&](const std::filesystem::path& dir, const std::vector<std::string>& rels) {
    for (const auto& rel : rels) {
      // Version-control placeholders (.gitkeep, .gitignore) are not part of the site.
      if (std::filesystem::path(rel).filename().string().rfind(".git", 0) == 0) continue;
      auto bytes = m_fs.read(dir / rel);
      std::string from = site.config.display(dir / rel);
      if (!bytes) diags.error("read-failed", {from, 0, 0}, "cannot read the file");
      else add(files, rel, std::move(*bytes), from, diags);
    }
  };
  for (const auto& dir : {site.config.content_dir, m_theme.dir / "static", site.config.assets_dir})
    for (const auto& rel : m_fs.links_outside(dir))
      diags.warning("link-outside", {site.config.display(dir / rel), 0, 0},
                    "this symbolic link points outside " + site.config.display(dir) + ", so it is not published",
                    "copy the file into the folder instead of linking to it");
  copy_tree(m_theme.dir / "static", m_theme.static_files);
  std::vector<std::string> assets;
  for (const auto& p : m_fs.list_files(site.config.assets_dir)) assets.push_back(p.generic_string());
  copy_tree(site.config.assets_dir, assets);
  copy_tree(site.config.content_dir, site.resources);
  return files;
}

std::vector<OutputFile> produce(const content::Site& site, std::vector<passes::PageResult>& pages,
                                const render::Theme& theme, render::Renderer& renderer,
                                const fs::FileSystem& fs, diag::Diagnostics& diags, const ja::Services* ja,
                                cache::Cache* cache, parallel::Pool* pool, const Settings& settings,
                                std::vector<PrintedDoc>* printed) {
  Producer producer(site, theme, renderer, fs, ja, cache, pool, settings, diags);
  auto files = producer.pages(pages, diags);
  for (auto& f : producer.copied(diags)) files.push_back(std::move(f));
  if (printed) *printed = producer.take_printed();
  return files;
}

}  // namespace tsu::outputs
