#include <dom/html.hpp>
#include <outputs/outputs.hpp>

#include <map>
#include <memory>
#include <optional>

namespace tsu::outputs {

namespace {
std::string standard_path(const content::Page& p) { return p.url_path; }
}  // namespace

const std::vector<Format>& formats() {
  static const std::vector<Format> table = {
      {"html", "text/html", standard_path, "home", "page"},
  };
  return table;
}

std::vector<OutputFile> produce(const content::Site& site, std::vector<passes::PageResult>& pages,
                                const render::Theme& theme, render::Renderer& renderer,
                                const fs::FileSystem& fs, diag::Diagnostics& diags,
                                parallel::Pool* pool) {
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

  // Render every page in every format, each page on whichever thread is free, into its
  // own slot; then add the files in page order, so paths, duplicates and messages come out
  // as if one thread had done it.
  parallel::Pool single(1);
  parallel::Pool& threads = pool ? *pool : single;
  std::vector<std::unique_ptr<render::Renderer>> more;  // one per thread past the first
  for (unsigned w = 1; w < threads.size(); ++w) more.push_back(render::Renderer::create(theme, diags));
  struct Rendered {
    std::vector<diag::Diagnostics> diags;          // one per format
    std::vector<std::optional<std::string>> html;  // one per format
  };
  std::vector<Rendered> done(pages.size());
  threads.for_each(pages.size(), [&](std::size_t i, unsigned worker) {
    auto& r = pages[i];
    auto& out = done[i];
    render::Renderer& mine = worker == 0 ? renderer : *more[worker - 1];
    std::string body = dom::serialize_children(r.doc.body());
    out.diags.resize(formats().size());
    out.html.resize(formats().size());
    for (std::size_t k = 0; k < formats().size(); ++k) {
      const auto& f = formats()[k];
      if (!site.config.outputs.on(f.name)) continue;
      const char* layout = r.page->kind == content::PageKind::Home ? f.home_layout : f.page_layout;
      render::PageInput in{*r.page, body, r.toc, r.title_html, r.label_html};
      out.html[k] = mine.render(site, in, layout, out.diags[k]);
    }
  });
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto& out = done[i];
    for (std::size_t k = 0; k < formats().size(); ++k) {
      diags.append(std::move(out.diags[k]));
      if (out.html[k]) add(formats()[k].path(*pages[i].page), std::move(*out.html[k]), pages[i].page->display);
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
