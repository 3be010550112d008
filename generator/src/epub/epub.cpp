#include <dom/html.hpp>
#include <epub/epub.hpp>

#include <pugixml.hpp>
#include <libdeflate.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <sstream>
#include <unordered_map>

namespace tsu::epub {

std::vector<std::size_t> book_order(const content::Site& site) {
  // each page's children found once (a search per page was quadratic in N)
  std::vector<std::vector<std::size_t>> children(site.pages.size());
  for (std::size_t i = 0; i < site.pages.size(); ++i)
    if (!site.pages[i].easy && site.pages[i].parent && *site.pages[i].parent < site.pages.size() &&
        *site.pages[i].parent != i)
      children[*site.pages[i].parent].push_back(i);
  std::vector<std::size_t> out;
  auto add_with_children = [&](std::size_t index, auto& self) -> void {
    out.push_back(index);
    for (auto child : children[index]) self(child, self);
  };
  if (!site.pages.empty()) add_with_children(0, add_with_children);
  return out;
}

namespace {

// The standard pages written in content/ (no やさしい日本語 pages, no generated lists), in
// site order: the top page, then each goal followed by its own pages.
std::vector<const passes::PageResult*> book_pages(const content::Site& site, const std::vector<passes::PageResult>& pages) {
  std::unordered_map<const content::Page*, const passes::PageResult*> result;
  for (const auto& r : pages) result.emplace(r.page, &r);
  std::vector<const passes::PageResult*> out;
  for (auto i : book_order(site))
    if (auto it = result.find(&site.pages[i]); it != result.end()) out.push_back(it->second);
  return out;
}

// goal-1/index.html → goal-1/index.xhtml (EPUB content documents are XHTML).
std::string xhtml_path(const std::string& url) {
  if (url.size() > 5 && url.compare(url.size() - 5, 5, ".html") == 0) return url.substr(0, url.size() - 5) + ".xhtml";
  return url;
}

// A content document written as the HTML pages are (dom::serialize: ruby with its <rp>,
// empty elements closed), without indentation: pugixml's indenting put line breaks and
// spaces inside every <ruby>, between a base and its reading, a third of a chapter's bytes.
std::string xhtml(const pugi::xml_document& doc) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n" + dom::serialize(doc.child("html")) + "\n";
}

std::string xml(const pugi::xml_document& doc) {
  std::ostringstream os;
  doc.save(os, "  ", pugi::format_default | pugi::format_no_declaration);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + os.str();
}

std::string up_from(const std::string& path) {
  std::string up;
  for (char c : path)
    if (c == '/') up += "../";
  return up;
}

const char* const stylesheet =
    "/* tsutawaru EPUB: the reading system's fonts and sizes; furigana the policy hides stay out of view */\n"
    "html { line-height: 1.8; }\n"
    "ruby.rh > rt, ruby.rh > rp { display: none; }\n"
    "rt { font-size: 0.5em; }\n"
    "table { border-collapse: collapse; }\n"
    "th, td { border: 1px solid; padding: 0.25em 0.5em; vertical-align: top; text-align: start; }\n"
    ".align-right { text-align: end; }\n"
    ".workbook, .column { border: 1px solid; padding: 0 1em; margin: 1em 0; }\n";

// An XHTML document of the book: doctype, html with the language, head with its title and
// the stylesheet; returns its body.
pugi::xml_node xhtml_document(pugi::xml_document& doc, const content::Site& site, const std::string& title,
                              const std::string& css_href) {
  doc.append_child(pugi::node_doctype).set_value("html");
  auto html = doc.append_child("html");
  html.append_attribute("xmlns").set_value("http://www.w3.org/1999/xhtml");
  html.append_attribute("xmlns:epub").set_value("http://www.idpf.org/2007/ops");
  html.append_attribute("lang").set_value(site.config.language.c_str());
  html.append_attribute("xml:lang").set_value(site.config.language.c_str());
  auto head = html.append_child("head");
  head.append_child("meta").append_attribute("charset").set_value("utf-8");
  dom::append(head, "title", title);
  auto link = head.append_child("link");
  link.append_attribute("rel").set_value("stylesheet");
  link.append_attribute("href").set_value(css_href.c_str());
  return html.append_child("body");
}

// One content document: the page's title (with its ruby) and body, page-break markers
// before the elements print pages start at.
std::string content_document(const content::Site& site, const passes::PageResult& r, const std::string& path,
                             const std::vector<PageBreak>& breaks, const std::string* body_html) {
  const auto& page = *r.page;
  std::string title = page.kind == content::PageKind::Home ? site.config.title : page.full_title();
  pugi::xml_document doc;
  auto body = xhtml_document(doc, site, title, up_from(path) + "css/epub.css");
  auto section = body.append_child("section");
  section.append_attribute("epub:type").set_value(page.kind == content::PageKind::Home ? "frontmatter" : "chapter");
  section.append_attribute("role").set_value(page.kind == content::PageKind::Home ? "doc-introduction" : "doc-chapter");
  section.append_attribute("aria-labelledby").set_value("page-title");
  auto h1 = section.append_child("h1");
  h1.append_attribute("id").set_value("page-title");
  // the title with its ruby, parsed from the passes' HTML (escaped text without)
  std::string title_html = page.kind == content::PageKind::Home ? std::string() : r.label_html.empty() ? std::string() : r.label_html + " ";
  title_html += page.kind == content::PageKind::Home ? std::string() : r.title_html;
  pugi::xml_document frag;
  if (!title_html.empty() && frag.load_string(("<x>" + title_html + "</x>").c_str()))
    for (auto c : frag.child("x").children()) h1.append_copy(c);
  else dom::append_text(h1, title);
  // links between pages: the same folders, .xhtml
  const dom::LinkMap links = [](std::string_view href) -> std::optional<std::string> {
    if (href.find(':') != std::string_view::npos || href.empty() || href[0] == '#') return std::nullopt;
    auto hash = href.find('#');
    std::string file(href.substr(0, hash));
    return xhtml_path(file) + std::string(hash == std::string_view::npos ? std::string_view() : href.substr(hash));
  };
  // Without a page break in it (every page but the printed ones), the page's body is
  // written where a marker stands: from the standard page's body as serialised already,
  // its links mapped (serialising it again was 4% of a build), or else from the passes'
  // tree; no copy of the tree.
  if (std::none_of(breaks.begin(), breaks.end(), [&](const PageBreak& b) { return b.page_url == page.url_path; })) {
    section.append_child("tsu-chapter-body");
    const std::string frame = xhtml(doc);
    static constexpr std::string_view marker = "<tsu-chapter-body></tsu-chapter-body>";
    const auto at = frame.find(marker);
    std::string out = frame.substr(0, at);
    // the body mapped straight into its place (not mapped, then copied in)
    if (body_html) dom::append_mapped(out, *body_html, links);
    else out += dom::serialize_children(r.doc.body(), links);
    out.append(frame, at + marker.size());
    return out;
  }
  for (auto c : r.doc.body().children()) section.append_copy(c);
  for (auto a : dom::descendants(section, "a"))
    if (auto to = links(a.attribute("href").value())) a.attribute("href").set_value(to->c_str());
  // Find every break's place first, then insert: a marker must not shift the element
  // paths of the breaks after it.
  std::vector<std::pair<const PageBreak*, pugi::xml_node>> places;
  for (const auto& b : breaks) {
    if (b.page_url != page.url_path) continue;
    pugi::xml_node before;
    if (!b.before_id.empty())
      for (auto n : section.select_nodes(("//*[@id='" + b.before_id + "']").c_str())) before = n.node();
    if (!b.path.empty()) {
      pugi::xml_node at = section;
      for (const auto& [index, name] : b.path) {
        auto kids = dom::elements(at);
        if (index >= kids.size() || kids[index].name() != name) break;
        at = kids[index];
      }
      // A page starting in a list item or a table row is marked inside it (a span may
      // not stand between rows or items); on the title, it is the chapter's start.
      for (std::string_view name = at.name(); name == "tbody" || name == "tr"; name = at.name()) {
        auto first = at.find_child([](pugi::xml_node c) { return c.type() == pugi::node_element; });
        if (!first) break;
        at = first;  // a row group's first row, a row's first cell
      }
      std::string_view n = at.name();
      if (n == "li" || n == "td" || n == "th") before = at.first_child() ? at.first_child() : at.append_child(pugi::node_pcdata);
      else if (at != section && at != h1) before = at;
    }
    places.emplace_back(&b, before);
  }
  for (const auto& [b, before] : places) {
    auto parent = before ? before.parent() : section;
    auto marker = before ? parent.insert_child_before("span", before) : parent.insert_child_after("span", h1);
    marker.append_attribute("id").set_value(("page-" + b->label).c_str());
    marker.append_attribute("epub:type").set_value("pagebreak");
    marker.append_attribute("role").set_value("doc-pagebreak");
    marker.append_attribute("aria-label").set_value(b->label.c_str());
  }
  return xhtml(doc);
}

// One <nav> of the navigation document: its epub:type, id, heading (labelling it) and
// list; the toc is shown, landmarks and page-list are for reading systems only.
pugi::xml_node nav_list(pugi::xml_node body, const char* type, const char* heading, const std::string& title) {
  std::string id = type;
  auto nav = body.append_child("nav");
  nav.append_attribute("epub:type").set_value(type);
  if (id == "toc") nav.append_attribute("role").set_value("doc-toc");
  nav.append_attribute("id").set_value(id.c_str());
  nav.append_attribute("aria-labelledby").set_value((id + "-title").c_str());
  if (id != "toc") nav.append_attribute("hidden").set_value("hidden");
  dom::append(nav, heading, title).append_attribute("id").set_value((id + "-title").c_str());
  return nav.append_child("ol");
}

std::string nav_document(const content::Site& site, const std::vector<const passes::PageResult*>& book,
                         const std::vector<PageBreak>& breaks) {
  pugi::xml_document doc;
  auto body = xhtml_document(doc, site, "目次", "css/epub.css");

  auto ol = nav_list(body, "toc", "h1", "目次");
  for (const auto* r : book) {
    const auto& page = *r->page;
    std::string file = xhtml_path(page.url_path);
    auto li = ol.append_child("li");
    dom::append(li, "a", page.kind == content::PageKind::Home ? site.config.title : page.full_title())
        .append_attribute("href").set_value(file.c_str());
    // the page's sections (h2), each with its h3s
    pugi::xml_node sub, sub_li, subsub;
    for (const auto& h : r->toc) {
      if (h.level == 2 || !sub_li) {
        if (!sub) sub = li.append_child("ol");
        sub_li = sub.append_child("li");
        subsub = {};
        dom::append(sub_li, "a", h.text).append_attribute("href").set_value((file + "#" + h.id).c_str());
      } else {
        if (!subsub) subsub = sub_li.append_child("ol");
        dom::append(subsub.append_child("li"), "a", h.text).append_attribute("href").set_value((file + "#" + h.id).c_str());
      }
    }
  }

  auto lol = nav_list(body, "landmarks", "h2", "ランドマーク");
  auto mark = [&](const char* type, const std::string& href, const std::string& text) {
    auto a = dom::append(lol.append_child("li"), "a", text);
    a.append_attribute("epub:type").set_value(type);
    a.append_attribute("href").set_value(href.c_str());
  };
  mark("toc", "nav.xhtml#toc", "目次");
  if (book.size() > 1) mark("bodymatter", xhtml_path(book[1]->page->url_path), "本文");
  else if (!book.empty()) mark("bodymatter", xhtml_path(book[0]->page->url_path), "本文");

  if (!breaks.empty()) {
    auto pol = nav_list(body, "page-list", "h2", "ページ");
    for (const auto& b : breaks)
      dom::append(pol.append_child("li"), "a", b.label)
          .append_attribute("href").set_value((xhtml_path(b.page_url) + "#page-" + b.label).c_str());
  }
  return xml(doc);
}

std::string package_document(const content::Site& site, const std::vector<const passes::PageResult*>& book,
                             bool page_list) {
  const auto& cfg = site.config;
  pugi::xml_document doc;
  auto pkg = doc.append_child("package");
  pkg.append_attribute("xmlns").set_value("http://www.idpf.org/2007/opf");
  pkg.append_attribute("version").set_value("3.0");
  pkg.append_attribute("unique-identifier").set_value("uid");
  pkg.append_attribute("xml:lang").set_value(cfg.language.c_str());
  auto md = pkg.append_child("metadata");
  md.append_attribute("xmlns:dc").set_value("http://purl.org/dc/elements/1.1/");
  // The identifier stays the same from build to build: the site's address when it has one.
  std::string id = cfg.base_url.empty() ? "urn:tsutawaru:" + cfg.title : cfg.base_url + "plan.epub";
  dom::append(md, "dc:identifier", id).append_attribute("id").set_value("uid");
  dom::append(md, "dc:title", cfg.subtitle.empty() ? cfg.title : cfg.title + " " + cfg.subtitle);
  dom::append(md, "dc:language", cfg.language);
  if (!cfg.publisher.empty()) {
    dom::append(md, "dc:publisher", cfg.publisher);
    dom::append(md, "dc:creator", cfg.publisher);
  }
  if (!cfg.description.empty()) dom::append(md, "dc:description", cfg.description);
  auto meta = [&](const char* property, const std::string& value) {
    dom::append(md, "meta", value).append_attribute("property").set_value(property);
  };
  meta("dcterms:modified", cfg.modified);
  // EPUB Accessibility 1.1 (schema.org accessibility properties)
  meta("schema:accessMode", "textual");
  meta("schema:accessModeSufficient", "textual");
  meta("schema:accessibilityFeature", "rubyAnnotations");
  meta("schema:accessibilityFeature", "structuralNavigation");
  meta("schema:accessibilityFeature", "tableOfContents");
  meta("schema:accessibilityFeature", "readingOrder");
  if (page_list) {
    meta("schema:accessibilityFeature", "pageBreakMarkers");
    meta("schema:accessibilityFeature", "pageNavigation");
  }
  meta("schema:accessibilityHazard", "none");
  meta("schema:accessibilitySummary",
       "この本は、文字だけでできています。すべての見出しに構造があり、目次から各節へ移動できます。"
       "漢字にはふりがな（ルビ）が付いていて、支援技術では本文を一度だけ読み上げます。"
       "表には見出しのセルと表題があります。");
  meta("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
  meta("a11y:certifiedBy", cfg.publisher.empty() ? cfg.title : cfg.publisher);

  auto manifest = pkg.append_child("manifest");
  auto item = [&](const std::string& iid, const std::string& href, const char* type, const char* props = nullptr) {
    auto i = manifest.append_child("item");
    i.append_attribute("id").set_value(iid.c_str());
    i.append_attribute("href").set_value(href.c_str());
    i.append_attribute("media-type").set_value(type);
    if (props) i.append_attribute("properties").set_value(props);
  };
  item("nav", "nav.xhtml", "application/xhtml+xml", "nav");
  item("css", "css/epub.css", "text/css");
  auto spine = pkg.append_child("spine");
  auto itemref = [&](const std::string& iid) { spine.append_child("itemref").append_attribute("idref").set_value(iid.c_str()); };
  itemref("nav");
  int n = 0;
  for (const auto* r : book) {
    std::string iid = "p" + std::to_string(++n);
    item(iid, xhtml_path(r->page->url_path), "application/xhtml+xml");
    itemref(iid);
  }
  return xml(doc);
}

}  // namespace

Entry chapter(const content::Site& site, const passes::PageResult& r, const Options& options,
              const std::string* body_html) {
  std::string path = xhtml_path(r.page->url_path);
  return {"EPUB/" + path, content_document(site, r, path, options.page_breaks, body_html), {}};
}

std::vector<Entry> frame(const content::Site& site, const std::vector<const passes::PageResult*>& book,
                         const Options& options) {
  std::vector<Entry> out;
  out.push_back({"mimetype", "application/epub+zip", {}});
  out.push_back({"META-INF/container.xml",
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
                 "  <rootfiles>\n"
                 "    <rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
                 "  </rootfiles>\n"
                 "</container>\n",
                 {}});
  out.push_back({"EPUB/package.opf", package_document(site, book, !options.page_breaks.empty()), {}});
  out.push_back({"EPUB/nav.xhtml", nav_document(site, book, options.page_breaks), {}});
  out.push_back({"EPUB/css/epub.css", stylesheet, {}});
  return out;
}

std::vector<Entry> entries(const content::Site& site, const std::vector<passes::PageResult>& pages,
                           const Options& options, diag::Diagnostics& diags) {
  (void)diags;
  auto book = book_pages(site, pages);
  auto out = frame(site, book, options);
  std::vector<Entry> chapters(book.size());
  parallel::Pool single(1);
  (options.pool ? *options.pool : single).for_each(book.size(), [&](std::size_t i, unsigned) {
    chapters[i] = chapter(site, *book[i], options);
  });
  for (auto& c : chapters) out.push_back(std::move(c));
  return out;
}

namespace {

// An entry deflated beforehand. libzip deflates at zip_close, one entry after another
// (5.7 s of a 10,000-page build on one thread); zip() deflates them on the pool instead,
// with libdeflate (raw deflate, level 6: the size of zlib's level 6 at 1.5 s less of 20 s
// of CPU at N = 10,000), and hands libzip the compressed bytes with their method, sizes
// and CRC: libzip then copies them as they are.
struct Deflated {
  explicit Deflated(Packed p) : packed(std::move(p)) { zip_error_init(&error); }
  ~Deflated() { zip_error_fini(&error); }
  Deflated(const Deflated&) = delete;
  Deflated& operator=(const Deflated&) = delete;
  Packed packed;
  std::size_t pos = 0;  // next byte libzip reads
  zip_error_t error{};
};

zip_int64_t deflated_source(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* d = static_cast<Deflated*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      d->pos = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      auto n = std::min<std::size_t>(static_cast<std::size_t>(len), d->packed.data.size() - d->pos);
      std::memcpy(data, d->packed.data.data() + d->pos, n);
      d->pos += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = d->packed.size;
      st->comp_size = d->packed.data.size();
      st->comp_method = ZIP_CM_DEFLATE;
      st->crc = d->packed.crc;
      st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&d->error, data, len);
    case ZIP_SOURCE_FREE:
      delete d;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      zip_error_set(&d->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

}  // namespace

std::optional<Packed> pack(std::string_view in) {
  // One compressor per thread (it holds a few hundred KB of tables), kept while it lives.
  thread_local std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor(
      libdeflate_alloc_compressor(6), libdeflate_free_compressor);
  if (!compressor) return std::nullopt;
  // Deflated into room the thread keeps, then copied out at its size: resize() filled the
  // bound (about the input's size, ten times the output's) for every chapter. A room grown
  // past 4 MB (the navigation of a large book) is not kept.
  thread_local std::string room;
  const std::size_t bound = libdeflate_deflate_compress_bound(compressor.get(), in.size());
  if (room.size() < bound) room.resize(bound);
  const std::size_t n = libdeflate_deflate_compress(compressor.get(), in.data(), in.size(), room.data(), bound);
  if (n == 0 && !in.empty()) return std::nullopt;
  Packed out;
  out.data.assign(room.data(), n);
  if (room.size() > (std::size_t{4} << 20)) std::string().swap(room);
  out.size = in.size();
  out.crc = libdeflate_crc32(0, in.data(), in.size());
  return out;
}

std::optional<std::string> zip(std::vector<Entry> entries, diag::Diagnostics& diags, parallel::Pool* pool) {
  auto fail = [&](const std::string& what, zip_error_t* err) {
    diags.error("epub-zip", {"(epub)", 0, 0}, what + ": " + (err ? zip_error_strerror(err) : "libzip failed"));
    return std::nullopt;
  };
  // OCF: mimetype first and stored (uncompressed) so a reader can sniff it at byte 38.
  // Deflate level 6: level 9 saved a tenth of the size for four times the time (measured
  // at 123 KB, before chapters lost their indentation; now 87 KB), on every rebuild
  // (serve rebuilds on each save). Every other entry deflated side by side (Deflated).
  auto stored = [](const Entry& e) { return e.path == "mimetype"; };
  std::vector<std::unique_ptr<Deflated>> deflated(entries.size());
  parallel::Pool single(1);
  (pool ? *pool : single).for_each(entries.size(), [&](std::size_t i, unsigned) {
    auto& e = entries[i];
    if (stored(e)) return;
    if (auto p = e.packed ? std::move(e.packed) : pack(e.bytes)) deflated[i] = std::make_unique<Deflated>(std::move(*p));
  });
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!buffer) return fail("cannot make an in-memory zip", &err);
  std::unique_ptr<zip_source_t, void (*)(zip_source_t*)> keep(buffer, zip_source_free);
  zip_source_keep(buffer);  // outlives zip_close, so the bytes can be read back
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
  if (!za) return fail("cannot open the in-memory zip", &err);
  // A fixed time stamp (1980-01-01, the zip epoch): rebuilds give identical bytes.
  std::tm tm{};
  tm.tm_year = 80;
  tm.tm_mday = 1;
  tm.tm_mon = 0;
  const time_t fixed = timegm(&tm);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const auto& e = entries[k];
    if (!stored(e) && !deflated[k]) {
      zip_discard(za);
      return fail("cannot deflate " + e.path, nullptr);
    }
    // a deflated entry's source owns it from here on (freed with the source)
    zip_source_t* s = stored(e) ? zip_source_buffer(za, e.bytes.data(), e.bytes.size(), 0)
                                : zip_source_function(za, deflated_source, deflated[k].get());
    if (s && !stored(e)) deflated[k].release();
    zip_int64_t idx = s ? zip_file_add(za, e.path.c_str(), s, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
      if (s) zip_source_free(s);
      zip_discard(za);
      return fail("cannot add " + e.path, nullptr);
    }
    auto i = static_cast<zip_uint64_t>(idx);
    zip_set_file_compression(za, i, stored(e) ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 6);
    zip_file_set_mtime(za, i, fixed, 0);
  }
  if (zip_close(za) < 0) {
    std::string why = zip_strerror(za);
    zip_discard(za);
    diags.error("epub-zip", {"(epub)", 0, 0}, "cannot write the zip: " + why);
    return std::nullopt;
  }
  if (zip_source_open(buffer) < 0) return fail("cannot read the zip back", zip_source_error(buffer));
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size < 0 ? 0 : size), '\0');
  zip_int64_t got = zip_source_read(buffer, bytes.data(), bytes.size());
  zip_source_close(buffer);
  if (got != size) return fail("cannot read the zip back", nullptr);
  return bytes;
}

std::optional<std::string> make(const content::Site& site, const std::vector<passes::PageResult>& pages,
                                const Options& options, diag::Diagnostics& diags) {
  return zip(entries(site, pages, options, diags), diags, options.pool);
}

}  // namespace tsu::epub
