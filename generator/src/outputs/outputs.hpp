#pragma once
#include <content/site.hpp>
#include <diag/diagnostic.hpp>
#include <fs/file_system.hpp>
#include <passes/passes.hpp>
#include <print/paginate.hpp>
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

/// What a format renders a page from.
enum class Body {
  Page,    ///< the page's document as it is
  Sheets,  ///< the print module's sheets (A4 pages with voice-code slots)
};

/// An output format is a row of data (style.md: registries you can read).
struct Format {
  const char* name;
  const char* media_type;
  /// Output path of a page in this format, from its standard path ("goal-1/index.html");
  /// empty when the page has no version in this format.
  std::string (*path)(const content::Page&);
  /// Layout for the top page and for every other page.
  const char* home_layout;
  const char* page_layout;
  Body body = Body::Page;
};

/// Every format the generator writes for each page, in order. Later issues add easy,
/// read-aloud and EPUB rows here.
const std::vector<Format>& formats();

/// How this build renders.
struct Settings {
  bool proof = false;     ///< print pages show the voice-code slot and the notch
  print::Speaker speak;   ///< the listening text of a block (voice codes)
};

/// Renders every page in every format and gathers the files copied as they are (the
/// theme's static/, assets/, and non-page files of content/). The print format also
/// writes each printed page's voice-code text (code-NN.txt, code-NN.sjis.txt, codes.json).
std::vector<OutputFile> produce(const content::Site& site, std::vector<passes::PageResult>& pages,
                                const render::Theme& theme, render::Renderer& renderer,
                                const fs::FileSystem& fs, const Settings& settings, diag::Diagnostics& diags);

/// Whether path is a print page (PDFs are printed from these).
bool is_print_page(std::string_view path);

}  // namespace tsu::outputs
