#pragma once
#include <cache/cache.hpp>
#include <content/site.hpp>
#include <diag/diagnostic.hpp>
#include <fs/file_system.hpp>
#include <parallel/pool.hpp>
#include <passes/passes.hpp>
#include <render/page.hpp>
#include <render/theme.hpp>

#include <string>
#include <vector>

namespace tsu::outputs {

/// One file of the generated site: its path below the output folder and its bytes.
struct OutputFile {
  std::string path;
  std::string bytes;
};

/// An output format is a row of data (style.md: registries you can read).
struct Format {
  const char* name;
  const char* media_type;
  /// Output path of a page in this format, from its standard path ("goal-1/index.html").
  std::string (*path)(const content::Page&);
  /// Layout for the top page and for every other page.
  const char* home_layout;
  const char* page_layout;
};

/// Every format the generator writes for each page, in order. Later issues add easy,
/// print, read-aloud and EPUB rows here.
const std::vector<Format>& formats();

/// Renders every page in every format (taking pages whose inputs did not change from cache,
/// when given one) and gathers the files copied as they are (the theme's static/, assets/,
/// and non-page files of content/). With a pool, the pages are rendered on all its threads
/// (renderer on the calling thread, one more Renderer of the theme per other thread); files,
/// messages and the cache's contents come out in page order either way.
std::vector<OutputFile> produce(const content::Site& site, std::vector<passes::PageResult>& pages,
                                const render::Theme& theme, render::Renderer& renderer,
                                const fs::FileSystem& fs, diag::Diagnostics& diags,
                                cache::Cache* cache = nullptr, parallel::Pool* pool = nullptr);

}  // namespace tsu::outputs
