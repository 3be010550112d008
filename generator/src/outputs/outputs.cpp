#include <dom/html.hpp>
#include <outputs/outputs.hpp>

#include <map>

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
                                const fs::FileSystem& fs, diag::Diagnostics& diags) {
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

  for (auto& r : pages) {
    std::string body = dom::serialize_children(r.doc.body());
    for (const auto& f : formats()) {
      if (!site.config.outputs.on(f.name)) continue;
      const char* layout = r.page->kind == content::PageKind::Home ? f.home_layout : f.page_layout;
      render::PageInput in{*r.page, body, r.toc, r.title_html, r.label_html};
      if (auto html = renderer.render(site, in, layout, diags))
        add(f.path(*r.page), std::move(*html), r.page->display);
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
