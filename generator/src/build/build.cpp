#include <build/build.hpp>
#include <config/site_config.hpp>
#include <epub/epub.hpp>
#include <content/site.hpp>
#include <generated/site_pages.hpp>
#include <ja/services.hpp>
#include <markdown/parse.hpp>
#include <passes/passes.hpp>
#include <pdf/pdf.hpp>
#include <render/page.hpp>
#include <render/theme.hpp>

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

}  // namespace

Result run(const fs::FileSystem& fs, const Options& options, const SinkFactory& sink_factory) {
  Result r;
  std::optional<config::SiteConfig> cfg;
  std::optional<content::Site> site;
  std::optional<render::Theme> theme;
  std::unique_ptr<render::Renderer> renderer;
  std::vector<passes::PageResult> pages;
  std::vector<outputs::OutputFile> files;
  std::optional<ja::LoadedServices> loaded;
  ja::Services services;
  generated::SitePages generated;  // owns the generated pages' records for the whole build

  // The stages, in the order they run (design.md, "Pipeline").
  bool ok =
      stage(r, "config", [&] {
        cfg = config::load(fs, options.config, r.diags);
        if (cfg && options.out) cfg->output_dir = *options.out;
        if (cfg) {
          r.out_dir = cfg->output_dir;
          r.out_display = cfg->display(cfg->output_dir);
        }
        return cfg && write::check_output_dir(cfg->output_dir, *cfg, r.diags);
      }) &&
      stage(r, "content", [&] {
        site = content::load(fs, *cfg, r.diags);
        return site.has_value();
      }) &&
      stage(r, "theme", [&] {
        theme = render::load_theme(fs, cfg->theme_dir, cfg->display(cfg->theme_dir), r.diags);
        if (theme) renderer = render::Renderer::create(*theme, r.diags);
        return renderer != nullptr;
      }) &&
      stage(r, "markdown", [&] {
        for (const auto& page : site->pages) {
          passes::PageResult pr;
          pr.page = &page;
          pr.doc = markdown::parse({page.body, page.display, page.body_line}, r.diags);
          pages.push_back(std::move(pr));
        }
        return true;
      }) &&
      stage(r, "ja", [&] {
        if (options.ja) {
          services = *options.ja;
          return true;
        }
        loaded = ja::LoadedServices::load(fs, *cfg, r.diags);
        if (loaded) services = loaded->view();
        return loaded.has_value();
      }) &&
      stage(r, "passes", [&] {
        for (auto& pr : pages) {
          passes::Context ctx{*site, *pr.page, pr.doc, pr.toc, r.diags, &services, &pr.title_html, &pr.label_html};
          passes::run_all(ctx);
        }
        return true;
      }) &&
      stage(r, "generated", [&] {
        // 所管課 index and accessibility policy: made from the passed documents, then passed
        // themselves (heading ids, ruby) like any page.
        generated = generated::make(*site, pages);
        for (auto& pr : generated.results) {
          passes::Context ctx{*site, *pr.page, pr.doc, pr.toc, r.diags, &services, &pr.title_html, &pr.label_html};
          passes::run_all(ctx);
        }
        site->site_links = generated.links;
        for (auto& pr : generated.results) pages.push_back(std::move(pr));
        return true;
      }) &&
      stage(r, "outputs", [&] {
        outputs::Settings settings;
        settings.proof = options.proof;
        files = outputs::produce(*site, pages, *theme, *renderer, fs, r.diags, &services, settings);
        return true;
      }) &&
      stage(r, "epub", [&] {
        // the whole plan as one EPUB 3 (issue 7). Print pages (issue: print) will pass
        // their page breaks in epub::Options::page_breaks for the page-list.
        epub::Options eo;
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
        r.sink = sink_factory ? sink_factory(cfg->output_dir, r.out_display)
                              : std::make_unique<write::DiskSink>(cfg->output_dir, r.out_display,
                                                                  options.clean);
        return r.sink->commit(files, r.diags);
      });

  r.ok = ok;
  r.pages = static_cast<int>(pages.size());
  r.files = static_cast<int>(files.size());
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
