#include <build/build.hpp>
#include <build/inputs.hpp>
#include <cache/cache.hpp>
#include <config/site_config.hpp>
#include <epub/epub.hpp>
#include <content/site.hpp>
#include <dom/html.hpp>
#include <generated/site_pages.hpp>
#include <ja/services.hpp>
#include <markdown/parse.hpp>
#include <parallel/pool.hpp>
#include <passes/passes.hpp>
#include <pdf/pdf.hpp>
#include <render/page.hpp>
#include <render/theme.hpp>
#include <write/manifest.hpp>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <optional>
#include <thread>

namespace tsu::build {

namespace {

// Runs one stage, records its time, and says whether the build may go on.
template <typename F>
bool stage(Result& r, const char* name, F&& f) {
  auto start = std::chrono::steady_clock::now();
  bool ok = f();
  auto end = std::chrono::steady_clock::now();
  r.timings.push_back({name, std::chrono::duration<double, std::milli>(end - start).count()});
  return ok && !r.diags.has_errors();
}

// What every page's result depends on besides the page itself: the configuration, the
// reading list and which pages exist (links are checked against them).
std::uint64_t site_key(const fs::FileSystem& fs, const Options& options, const config::SiteConfig& cfg,
                       const content::Site& site) {
  cache::Hasher h;
  h.add(TSUTAWARU_VERSION).add(fs.read(options.config).value_or("")).add(fs.read(cfg.ruby.readings).value_or(""));
  h.add(cfg.output_dir.generic_string());
  for (const auto& p : site.pages) h.add(p.rel);
  return h.value();
}

// What the layouts print of other pages: titles, labels, order, parents, alternates, and
// the site-wide links.
std::uint64_t view_key(std::uint64_t site, const content::Site& s) {
  cache::Hasher h;
  h.add(site);
  for (const auto& p : s.pages) {
    h.add(p.rel).add(p.url_path).add(p.front.title).add(p.front.label).add(p.front.description);
    h.add(static_cast<std::uint64_t>(p.kind)).add(p.easy ? 1 : 0);
    h.add(p.parent ? *p.parent + 1 : 0).add(p.alternate ? *p.alternate + 1 : 0);
  }
  for (const auto& [title, url] : s.site_links) h.add(title).add(url);
  return h.value();
}

// A content page's passed document depends on its own text and front matter.
std::uint64_t page_key(std::uint64_t site, const content::Page& p) {
  cache::Hasher h;
  h.add(site).add(p.rel).add(p.body).add(static_cast<std::uint64_t>(p.body_line));
  h.add(p.front.title).add(p.front.label).add(p.easy ? 1 : 0).add(static_cast<std::uint64_t>(p.kind));
  h.add(p.front.ruby ? static_cast<std::uint64_t>(*p.front.ruby) + 1 : 0);
  h.add(p.front.ruby_grade ? static_cast<std::uint64_t>(*p.front.ruby_grade) + 1 : 0);
  return h.value();
}

// Takes a cached passed page into pr; its diagnostics are replayed by the stages.
void take(const cache::Passed& c, passes::PageResult& pr) {
  cache::copy_into(*c.doc, pr.doc);
  pr.toc = c.toc;
  pr.title_html = c.title_html;
  pr.label_html = c.label_html;
}

cache::Passed keep(const passes::PageResult& pr, std::vector<diag::Diagnostic> parse_diags,
                   std::vector<diag::Diagnostic> pass_diags) {
  auto doc = std::make_shared<pugi::xml_document>();
  doc->reset(*pr.doc.xml);
  return {std::move(doc), pr.toc, pr.title_html, pr.label_html, std::move(parse_diags), std::move(pass_diags)};
}

void replay(diag::Diagnostics& diags, const std::vector<diag::Diagnostic>& items) {
  for (const auto& d : items) diags.add(d);
}

// Every pass on each page not taken from the cache, the pages on all of the pool's threads.
// Then, in page order: the cached pages' messages replayed, the others' merged, and their
// results kept in the cache (with the parser's messages, parse_diags[i], when there are).
void pass_pages(parallel::Pool& pool, const content::Site& site, std::vector<passes::PageResult>& pages,
                const ja::ThreadServices& services, const std::vector<const cache::Passed*>& hits,
                std::vector<std::vector<diag::Diagnostic>> parse_diags, cache::Cache* cache, Result& r) {
  std::vector<diag::Diagnostics> local(pages.size());
  pool.for_each(pages.size(), [&](std::size_t i, unsigned worker) {
    if (hits[i]) return;
    auto& pr = pages[i];
    passes::Context ctx{site, *pr.page, pr.doc, pr.toc, local[i], &services[worker], &pr.title_html, &pr.label_html};
    passes::run_all(ctx);
  });
  parse_diags.resize(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (hits[i]) {
      replay(r.diags, hits[i]->pass_diags);
      ++r.cache_stats.passed_cached;
      continue;
    }
    ++r.cache_stats.passed_run;
    if (cache && !local[i].has_errors())
      cache->store_passed(pages[i].key, keep(pages[i], std::move(parse_diags[i]), local[i].all()));
    r.diags.append(std::move(local[i]));
  }
}

// Every pass on pages that no cache has seen.
void pass_fresh(parallel::Pool& pool, const content::Site& site, std::vector<passes::PageResult>& pages,
                const ja::ThreadServices& services, Result& r) {
  pass_pages(pool, site, pages, services, std::vector<const cache::Passed*>(pages.size(), nullptr), {}, nullptr, r);
}

// The services for the generated pages: the 所管課 pages repeat the same row labels, page
// titles and captions row after row, so each text's furigana is remembered while they are
// passed (and dropped with the memo). The result is what analysing each would give.
std::pair<std::unique_ptr<ja::AnnotationMemo>, std::unique_ptr<ja::ThreadServices>> with_memo(const ja::Services& services,
                                                                                               unsigned threads) {
  auto memo = std::make_unique<ja::AnnotationMemo>();
  auto s = services;
  if (!s.memo) s.memo = memo.get();
  return {std::move(memo), std::make_unique<ja::ThreadServices>(s, threads)};
}

// The EPUB's page-list: where each printed sheet starts (the outputs stage's own
// pagination, so the numbers match the paper).
std::vector<epub::PageBreak> page_breaks(const std::vector<outputs::PrintedDoc>& printed) {
  std::vector<epub::PageBreak> out;
  for (const auto& d : printed)
    for (const auto& sheet : d.paged.sheets)
      out.push_back({d.result->page->url_path, "", std::to_string(sheet.number), sheet.start});
  return out;
}

// The streaming build (see run()): the content pages a batch at a time, each batch parsed,
// passed, rendered and put to the sink, then freed. What the outputs made from every page
// need is kept from each batch: the rows for the 所管課 pages, each page's titles and table
// of contents (the EPUB's navigation), its EPUB chapter (deflated), and whole only the
// printed pages (the top page and the goals: the print pages show their sheets). Then the
// generated pages, the print pages, the EPUB and the copied files. Messages come in page
// order: each batch's parser, passes and rendering. After an error nothing more is
// rendered, but the remaining pages are still parsed and passed, so every error is
// reported. Returns the number of pages, or -1 when the site cannot be made.
int stream_pages(content::Site& site, const render::Theme& theme, render::Renderer& renderer,
                 const fs::FileSystem& fs, const ja::Services& services, parallel::Pool& pool,
                 write::OutputSink& sink, generated::SitePages& generated, const outputs::Settings& settings,
                 std::size_t batch, Result& r) {
  if (!sink.begin(r.diags)) return -1;
  const auto& cfg = site.config;
  const std::size_t n = site.pages.size();
  batch = std::max<std::size_t>(1, batch);
  auto since = std::chrono::steady_clock::now();
  auto part = [&](const char* name) {  // the time since the last part, for --verbose
    auto now = std::chrono::steady_clock::now();
    r.parts.push_back({std::string("pages/") + name, std::chrono::duration<double, std::milli>(now - since).count()});
    since = now;
  };
  auto parse = [&](std::size_t start, std::vector<passes::PageResult>& pages, std::vector<diag::Diagnostics>& local) {
    pool.for_each(pages.size(), [&](std::size_t i, unsigned) {
      const auto& page = site.pages[start + i];
      pages[i].page = &page;
      pages[i].doc = markdown::parse({page.body, page.display, page.body_line}, local[i]);
    });
  };

  // The 所管課一覧 page is linked from every page when some table has the department column:
  // known from the Markdown (parsed and dropped here) before the first page is rendered.
  bool column = false;
  for (std::size_t start = 0; cfg.outputs.on("departments") && !column && start < n; start += batch) {
    std::vector<passes::PageResult> pages(std::min(batch, n - start));
    std::vector<diag::Diagnostics> ignored(pages.size());  // reported when the pages are made
    parse(start, pages, ignored);
    for (const auto& p : pages) column = column || generated::has_department_column(site, p);
  }
  generated = generated::make_from(site, {}, column);
  site.site_links = generated.links;
  part("department column");

  outputs::Producer producer(site, theme, renderer, fs, &services, nullptr, &pool, settings, r.diags);
  // Frees pages made and written on every thread (freed on this one as the vector went,
  // their documents left the other threads idle at the end of every batch).
  auto release = [&](std::vector<passes::PageResult>& done) {
    pool.for_each(done.size(), [&](std::size_t i, unsigned) {
      done[i].doc.xml.reset();
      std::vector<passes::Heading>().swap(done[i].toc);
    });
  };
  auto put_all = [&](std::vector<outputs::OutputFile> files) {
    if (!sink.put_many(files, &pool, r.diags)) return false;
    r.files += static_cast<int>(files.size());
    return true;
  };
  const bool printing = producer.printing();
  const bool epub_on = cfg.outputs.on("epub");
  const auto book_order = epub::book_order(site);
  std::vector<char> in_book(n, 0);
  for (auto i : book_order) in_book[i] = 1;
  std::vector<std::string> chapter_path(n);         // inside the EPUB
  std::vector<std::optional<epub::Packed>> chapter(n);  // its bytes, deflated (a tenth of their size)
  std::vector<passes::PageResult> kept(n);          // titles and contents of every page, printed pages whole
  generated::DepartmentList departments;
  const ja::ThreadServices page_services(services, pool.size());

  for (std::size_t start = 0; start < n; start += batch) {
    std::vector<passes::PageResult> pages(std::min(batch, n - start));
    std::vector<diag::Diagnostics> local(pages.size());
    parse(start, pages, local);
    bool parsed = true;
    for (auto& d : local) {
      parsed = parsed && !d.has_errors();
      r.diags.append(std::move(d));
    }
    if (!parsed) continue;
    pass_fresh(pool, site, pages, page_services, r);
    if (r.diags.has_errors()) continue;
    if (column) departments.add(site, pages, &pool);
    std::vector<std::string> bodies;  // as the standard pages show them: the chapters' bodies
    if (!put_all(producer.pages(pages, r.diags, outputs::Producer::Which::NotPrint, epub_on ? &bodies : nullptr)))
      return -1;
    // the EPUB's chapters; a printed page's waits for the page-list of the print pages
    if (epub_on)
      pool.for_each(pages.size(), [&](std::size_t i, unsigned) {
        std::size_t at = start + i;
        if (!in_book[at] || (printing && outputs::printed(*pages[i].page))) return;
        auto e = epub::chapter(site, pages[i], {}, bodies[i].empty() ? nullptr : &bodies[i]);
        chapter_path[at] = e.path;
        chapter[at] = epub::pack(e.bytes);
      });
    for (std::size_t i = 0; i < pages.size(); ++i) {
      if (!chapter_path[start + i].empty() && !chapter[start + i]) {
        r.diags.error("epub-zip", {pages[i].page->display, 0, 0}, "cannot deflate the page's EPUB chapter");
        return -1;
      }
      auto& keep = kept[start + i];
      keep.page = pages[i].page;
      keep.toc = std::move(pages[i].toc);
      keep.title_html = std::move(pages[i].title_html);
      keep.label_html = std::move(pages[i].label_html);
      if (printing && outputs::printed(*pages[i].page)) keep.doc = std::move(pages[i].doc);
    }
    release(pages);
  }
  if (r.diags.has_errors()) return -1;
  part("batches");

  // The EPUB needs only the content pages and the print pages' page breaks (its
  // page-list): cut here (the print pages below take that cut, and their messages and
  // files keep their place) and the book is zipped on a thread of its own while the 所管課
  // pages take the pool. Its zip on one thread was the build's last
  // 0.2-0.5 s at N = 10,000, and the 所管課 pages leave a thread idle at every step.
  epub::Options eo;
  std::optional<write::Ahead> book;  // zipped and stored by the sink on that thread
  diag::Diagnostics epub_diags;      // reported after the print pages'
  std::exception_ptr zip_error;
  struct Joined {  // joined on every way out, an early return included
    std::thread thread;
    void join() {
      if (thread.joinable()) thread.join();
    }
    ~Joined() { join(); }
  } zipper;
  if (epub_on) {
    eo.page_breaks = page_breaks(producer.paginate(kept));
    zipper.thread = std::thread([&] {
      try {
        std::vector<const passes::PageResult*> in_order;
        for (auto i : book_order) in_order.push_back(&kept[i]);
        auto entries = epub::frame(site, in_order, eo);
        for (auto i : book_order) {
          if (chapter_path[i].empty()) entries.push_back(epub::chapter(site, kept[i], eo));
          else entries.push_back({chapter_path[i], {}, std::move(chapter[i])});
        }
        // and written there too: written after the print pages, it was up to 0.8 s of
        // the build's end on one thread
        if (auto bytes = epub::zip(std::move(entries), epub_diags, nullptr))
          book = sink.store_ahead({eo.path, std::move(*bytes)});
      } catch (...) {
        zip_error = std::current_exception();
      }
    });
  }

  // the generated pages, from the rows gathered, eight to a thread at a time (a 所管課 page
  // lists up to 200 rows that name its department; one page a thread left a thread idle
  // at the end of every step, a fifth of this part's time)
  generated = generated::make_from(site, departments.take(), column);
  auto& made = generated.results;
  auto [memo, generated_services] = with_memo(services, pool.size());
  const std::size_t step = 8 * static_cast<std::size_t>(pool.size());
  for (std::size_t start = 0; start < made.size(); start += step) {
    const std::size_t end = std::min(made.size(), start + step);
    pool.for_each(end - start, [&](std::size_t k, unsigned) { generated::fill(generated, start + k); });
    std::vector<passes::PageResult> pages;
    for (std::size_t i = start; i < end; ++i) {
      generated::drop_rows(generated, i);
      pages.push_back(std::move(made[i]));
    }
    pass_fresh(pool, site, pages, *generated_services, r);
    if (r.diags.has_errors() || !put_all(producer.pages(pages, r.diags))) return -1;
    release(pages);
  }
  part("generated");
  // the book is read from the pages the print pages read next: done with them first
  zipper.join();
  if (zip_error) std::rethrow_exception(zip_error);
  // the print pages (the top page's shows every goal's sheets), then the EPUB
  if (printing) {
    if (!put_all(producer.pages(kept, r.diags, outputs::Producer::Which::Print))) return -1;
    part("print");
  }
  if (epub_on) {
    r.diags.append(std::move(epub_diags));
    if (!book || !sink.put_ahead(std::move(*book), r.diags)) return -1;
    ++r.files;
    part("epub");
  }
  if (!put_all(producer.copied(r.diags)) || r.diags.has_errors()) return -1;
  part("copied");
  return static_cast<int>(n + made.size());
}

}  // namespace

Result run(const fs::FileSystem& fs, const Options& options, const SinkFactory& sink_factory) {
  Result r;
  std::optional<config::SiteConfig> cfg;
  std::optional<content::Site> site;
  std::optional<render::Theme> theme;
  std::unique_ptr<render::Renderer> renderer;
  std::vector<passes::PageResult> pages;
  std::vector<outputs::OutputFile> files;
  std::vector<outputs::PrintedDoc> printed;  // the print pages' pagination (EPUB page-list)
  std::optional<ja::LoadedServices> loaded;
  ja::Services services;
  generated::SitePages generated;  // owns the generated pages' records for the whole build
  parallel::Pool pool(options.jobs);  // per-page work on every core, results in page order
  // Results of earlier builds (serve): per content page, the cached result if any (its
  // key is PageResult::key), and the parser's diagnostics to keep with a fresh result.
  cache::Cache* cache = options.cache;
  if (cache) cache->begin_build();
  std::vector<const cache::Passed*> hits;
  std::vector<std::vector<diag::Diagnostic>> parse_diags;
  // The fingerprint of this build's inputs, for a build to the output folder on disk by the
  // real language services (0: none; such a build always runs).
  std::uint64_t inputs = 0;
  const bool to_disk = !sink_factory && !options.cache && !options.ja;
  write::DiskSink* disk_sink = nullptr;  // r.sink, when it is the output folder
  int streamed = 0;                      // pages made a batch at a time (see streaming)

  // The stages, in the order they run (design.md, "Pipeline").
  bool ok =
      stage(r, "config", [&] {
        cfg = config::load(fs, options.config, r.diags);
        if (cfg && options.out) cfg->output_dir = *options.out;
        if (cfg)
          for (const auto& name : options.skip_outputs) cfg->outputs.set[name] = false;
        if (cfg) {
          r.out_dir = cfg->output_dir;
          r.out_display = cfg->display(cfg->output_dir);
        }
        return cfg && write::check_output_dir(cfg->output_dir, *cfg, r.diags);
      }) &&
      stage(r, "unchanged", [&] {
        // Nothing read since the last build changed and its output is as it left it: the
        // site on disk is what this build would write. (--pdf runs Chromium, which the
        // fingerprint does not cover, so it always builds.)
        if (!to_disk) return true;
        inputs = inputs_fingerprint(fs, options, *cfg, &pool);
        if (options.pdf) return true;
        auto before = write::Manifest::read(cfg->output_dir);
        std::vector<std::string> foreign;
        if (before.inputs != inputs || !write::intact(cfg->output_dir, before, foreign, &pool)) return true;
        if (!foreign.empty() && options.clean == write::Clean::Remove) return true;
        replay(r.diags, before.warnings);
        write::report_foreign(foreign, options.clean, r.out_display, r.diags);
        r.unchanged = true;
        r.pages = before.pages;
        r.files = static_cast<int>(before.files.size());
        return false;
      }) &&
      stage(r, "content", [&] {
        site = content::load(fs, *cfg, r.diags, &pool);
        return site.has_value();
      }) &&
      stage(r, "theme", [&] {
        theme = render::load_theme(fs, cfg->theme_dir, cfg->display(cfg->theme_dir), r.diags);
        if (theme) renderer = render::Renderer::create(*theme, r.diags);
        return renderer != nullptr;
      });

  outputs::Settings settings;  // how the outputs stage renders
  settings.proof = options.proof;

  // The sink the site goes to: the output folder on disk (staged), unless the caller gives one.
  auto open_sink = [&] {
    if (sink_factory) {
      r.sink = sink_factory(cfg->output_dir, r.out_display);
    } else {
      auto disk = std::make_unique<write::DiskSink>(cfg->output_dir, r.out_display, options.clean);
      disk_sink = disk.get();
      r.sink = std::move(disk);
    }
  };

  // Without a cache to fill (serve keeps every page) and without --pdf (which prints from
  // the rendered files), the site is made a batch of pages at a time: parsed, passed,
  // rendered and handed to the sink, then freed (stream_pages). Peak memory is then a
  // batch of pages per thread and what the outputs made from every page need, not the
  // whole site (issue 9).
  const bool streaming = ok && !cache && !options.pdf;
  // The language services: the caller's, or MeCab, kanjidic and readings.toml loaded.
  auto load_ja = [&] {
    if (options.ja) {
      services = *options.ja;
      return true;
    }
    loaded = ja::LoadedServices::load(fs, *cfg, r.diags);
    if (loaded) services = loaded->view();
    return loaded.has_value();
  };
  if (ok && streaming) {
    ok = stage(r, "ja", load_ja) &&
         stage(r, "pages", [&] {
           open_sink();
           streamed = stream_pages(*site, *theme, *renderer, fs, services, pool, *r.sink, generated, settings,
                                   options.batch, r);
           return streamed >= 0;
         }) &&
         stage(r, "write", [&] {
           if (disk_sink) disk_sink->record(inputs, streamed, r.diags.all());
           return r.sink->finish(r.diags);
         });
    if (!ok) {
      // the site was not finished: drop what was put (a DiskSink removes its staging folder)
      disk_sink = nullptr;
      r.sink.reset();
    }
  } else if (ok) {
    ok =
      stage(r, "markdown", [&] {
        if (cache) cache->site_key = site_key(fs, options, *cfg, *site);
        hits.assign(site->pages.size(), nullptr);
        parse_diags.resize(site->pages.size());
        pages.resize(site->pages.size());
        for (std::size_t i = 0; i < site->pages.size(); ++i) {
          pages[i].page = &site->pages[i];
          if (cache) {
            pages[i].key = page_key(cache->site_key, site->pages[i]);
            hits[i] = cache->find_passed(pages[i].key);
          }
          if (hits[i]) take(*hits[i], pages[i]);
        }
        // The pages the cache did not have, on every thread; their messages in page order.
        std::vector<diag::Diagnostics> local(pages.size());
        pool.for_each(pages.size(), [&](std::size_t i, unsigned) {
          if (hits[i]) return;
          const auto& page = site->pages[i];
          pages[i].doc = markdown::parse({page.body, page.display, page.body_line}, local[i]);
        });
        for (std::size_t i = 0; i < pages.size(); ++i) {
          if (hits[i]) {
            replay(r.diags, hits[i]->parse_diags);
            continue;
          }
          if (cache) parse_diags[i] = local[i].all();
          r.diags.append(std::move(local[i]));
        }
        return true;
      }) &&
      stage(r, "ja", load_ja) &&
      stage(r, "passes", [&] {
        pass_pages(pool, *site, pages, ja::ThreadServices(services, pool.size()), hits, std::move(parse_diags), cache, r);
        return true;
      }) &&
      stage(r, "generated", [&] {
        // 所管課 index and accessibility policy: made from the passed documents, then passed
        // themselves (heading ids, ruby) like any page.
        generated = generated::make(*site, pages);
        auto& made = generated.results;
        std::vector<const cache::Passed*> made_hits(made.size(), nullptr);
        for (std::size_t i = 0; cache && i < made.size(); ++i) {
          auto& pr = made[i];
          // A generated page is made from the other pages' documents: its key is its text.
          pr.key = cache::Hasher()
                       .add(cache->site_key)
                       .add(pr.page->rel)
                       .add(pr.page->front.title)
                       .add(pr.page->front.label)
                       .add(dom::serialize_children(pr.doc.body()))
                       .value();
          if ((made_hits[i] = cache->find_passed(pr.key))) take(*made_hits[i], pr);
        }
        auto [memo, generated_services] = with_memo(services, pool.size());
        pass_pages(pool, *site, made, *generated_services, made_hits, {}, cache, r);
        site->site_links = generated.links;
        for (auto& pr : generated.results) pages.push_back(std::move(pr));
        return true;
      }) &&
      stage(r, "outputs", [&] {
        if (cache) cache->view_key = view_key(cache->site_key, *site);
        files = outputs::produce(*site, pages, *theme, *renderer, fs, r.diags, &services, cache, &pool, settings,
                                 &printed);
        return true;
      }) &&
      stage(r, "epub", [&] {
        // the whole plan as one EPUB 3 (issue 7), with a page-list of the print pages when
        // they are built (the outputs stage's own pagination, so the numbers match the paper).
        if (!cfg->outputs.on("epub")) return true;
        epub::Options eo;
        eo.pool = &pool;
        eo.page_breaks = page_breaks(printed);
        auto bytes = epub::make(*site, pages, eo, r.diags);
        if (bytes) files.push_back({eo.path, std::move(*bytes)});
        return bytes.has_value();
      }) &&
      stage(r, "pdf", [&] {
        // Printed from the rendered files before the staged write, so a failure leaves the
        // output folder as it was.
        return !options.pdf || pdf::print_pdfs(files, r.diags);
      }) &&
      stage(r, "write", [&] {
        open_sink();
        if (disk_sink) disk_sink->record(inputs, static_cast<int>(pages.size()), r.diags.all());
        return r.sink->commit(files, r.diags);
      });
  }

  if (r.unchanged) {
    r.ok = true;
    return r;
  }
  r.ok = ok;
  if (cache) {
    r.cache_stats.rendered_run = cache->stats.rendered_run;
    r.cache_stats.rendered_cached = cache->stats.rendered_cached;
    if (ok) cache->end_build();
  }
  r.pages = streaming ? std::max(streamed, 0) : static_cast<int>(pages.size());
  if (!streaming) r.files = static_cast<int>(files.size());  // the batch build counts as it puts
  return r;
}

}  // namespace tsu::build

namespace tsu::build {

CheckResult check_site(const fs::FileSystem& fs, const Options& options) {
  CheckResult r;
  auto cfg = config::load(fs, options.config, r.diags);
  if (!cfg) return r;
  r.site = content::load(fs, *cfg, r.diags);
  if (!r.site) return r;
  std::optional<ja::LoadedServices> loaded;
  ja::Services services;
  if (options.ja) services = *options.ja;
  else {
    loaded = ja::LoadedServices::load(fs, *cfg, r.diags);
    if (!loaded) return r;
    services = loaded->view();
  }
  std::vector<markdown::Document> docs;
  std::vector<const markdown::Document*> doc_ptrs;
  for (const auto& page : r.site->pages) docs.push_back(markdown::parse({page.body, page.display, page.body_line}, r.diags));
  if (r.diags.has_errors()) return r;
  for (const auto& d : docs) doc_ptrs.push_back(&d);
  auto exempt = check::exempt_terms(doc_ptrs, services.readings, cfg->easy.department_column);
  for (std::size_t i = 0; i < docs.size(); ++i)
    r.reports.push_back(check::check_page(r.site->pages[i], docs[i], services, exempt, cfg->easy));
  r.ok = true;
  return r;
}

}  // namespace tsu::build
