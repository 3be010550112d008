#pragma once
#include <cache/cache.hpp>
#include <content/site.hpp>
#include <diag/diagnostic.hpp>
#include <fs/file_system.hpp>
#include <parallel/pool.hpp>
#include <passes/passes.hpp>
#include <print/paginate.hpp>
#include <render/page.hpp>
#include <render/theme.hpp>
#include <speech/speech.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tsu::outputs {

/// One file of the generated site: its path below the output folder and its bytes.
struct OutputFile {
  std::string path;
  std::string bytes;
};

/// A page's listening text (speech::Voice::blocks of its body), made at most once in each
/// form and shared by all of the page's read-aloud formats (five of them use the written
/// form: making it once per format was a fifth of a build's time).
class Listening {
public:
  Listening(const speech::Voice& voice, const speech::Voice& kana_voice, pugi::xml_node body)
      : m_voice(voice), m_kana_voice(kana_voice), m_body(body) {}
  const speech::Voice& voice(speech::Voice::Form form) const {
    return form == speech::Voice::Form::Kana ? m_kana_voice : m_voice;
  }
  const std::vector<speech::Block>& blocks(speech::Voice::Form form) {
    if (!m_written || !m_kana) {  // both forms in one walk of the page (read.txt and read.kana.txt)
      m_written.emplace();
      m_kana.emplace();
      m_voice.blocks(m_body, m_kana_voice, *m_written, *m_kana);
    }
    return form == speech::Voice::Form::Kana ? *m_kana : *m_written;
  }

  /// The page's title as its listening text's first block, made by make() the first time
  /// (read.txt and read.ssml open with it).
  template <typename Make>
  const speech::Block& title(speech::Voice::Form form, Make&& make) {
    return once(form, m_written_title, m_kana_title, make);
  }
  /// The page's listening text in a form (read.txt, read.kana.txt), made by make() the
  /// first time: read.txt and its CP932 copy share it.
  template <typename Make>
  const std::string& text(speech::Voice::Form form, Make&& make) {
    return once(form, m_written_text, m_kana_text, make);
  }

private:
  // The form's value, made by make() the first time.
  template <typename T, typename Make>
  static const T& once(speech::Voice::Form form, std::optional<T>& written, std::optional<T>& kana, Make& make) {
    auto& memo = form == speech::Voice::Form::Kana ? kana : written;
    if (!memo) memo = make();
    return *memo;
  }

  const speech::Voice& m_voice;
  const speech::Voice& m_kana_voice;  ///< every word in kana (read.kana.txt)
  pugi::xml_node m_body;
  std::optional<std::vector<speech::Block>> m_written, m_kana;
  std::optional<std::string> m_written_text, m_kana_text;
  std::optional<speech::Block> m_written_title, m_kana_title;
};

/// What a format makes a file from: one passed page, the site, and its listening text.
struct FormatInput {
  const content::Site& site;
  const passes::PageResult& result;
  Listening& listening;
  const std::map<std::string, std::string>& strings;  ///< the theme's UI strings
  diag::Diagnostics& diags;
};

/// An output format is a row of data (style.md: registries you can read).
struct Format {
  const char* name;
  const char* media_type;
  /// Output path of a page in this format, from its standard path ("goal-1/index.html").
  std::string (*path)(const content::Page&);
  /// Which pages get this format.
  bool (*applies)(const content::Page&);
  /// Layout for the top page and for every other page; null: make() is the whole file. A
  /// theme without the layout renders the format with its page (home) layout, except the
  /// print format: a theme without layouts/print.mustache makes a site without print pages.
  const char* home_layout;
  const char* page_layout;
  /// The body the layout shows (HTML), or the whole file when there is no layout.
  std::string (*make)(const FormatInput&);
};

/// Every format the generator writes for each page, in order: the standard page, the
/// read-aloud versions (issue 7: read/index.html, read.txt, read.sjis.txt, read.kana.txt,
/// read.ssml), and
/// the print pages (issue 6: goal-N/print/index.html, the whole plan's print/index.html).
const std::vector<Format>& formats();

/// How this build renders.
struct Settings {
  bool proof = false;  ///< print pages show the voice-code slot and the notch (--proof)
};

/// Path of the print page of a page: goal-1/index.html → goal-1/print/index.html, the top
/// page (whose print version is the whole plan) → print/index.html.
std::string print_path(const content::Page& p);
/// Whether a page has a print version: the top page and each goal.
bool printed(const content::Page& p);
/// Whether an output path is a print page (PDFs are printed from these).
bool is_print_page(std::string_view path);

/// Every printed page of the plan (outputs/print.cpp): the top page, then the goals, cut
/// into sheets numbered through as one booklet.
struct PrintedDoc {
  const passes::PageResult* result = nullptr;
  std::string header;  ///< running header
  print::Paged paged;
};
std::vector<PrintedDoc> paginate_plan(const content::Site& site, const std::vector<passes::PageResult>& pages,
                                      const print::Geometry& g, const speech::Voice& voice, diag::Diagnostics& diags);

/// The sheets a print page shows (a goal's own; the top page's: the whole plan's), with
/// the voice-code image of each when assets/voice-codes/page-NN.png exists.
std::vector<render::SheetView> sheet_views(const content::Site& site, const fs::FileSystem& fs,
                                           const std::vector<PrintedDoc>& plan, const passes::PageResult& r,
                                           const std::string& out_path);

/// The voice-code texts of a print folder: code-NN.txt (UTF-8), code-NN.sjis.txt (CP932)
/// for its own sheets, and codes.json listing every sheet it shows.
std::vector<OutputFile> code_files(const content::Site& site, const print::Geometry& g,
                                   const std::vector<PrintedDoc>& plan, const passes::PageResult& r,
                                   const std::string& out_path, diag::Diagnostics& diags);

/// The read-aloud versions (outputs/read.cpp): the read page's body, read.txt, its CP932
/// copy (unencodable characters become 〓 and are reported) and read.ssml.
std::string read_html(const FormatInput& in);
std::string read_text(const FormatInput& in);
std::string read_sjis(const FormatInput& in);
/// read.txt in kana only, for engines that cannot read kanji (espeak-ng).
std::string read_kana(const FormatInput& in);
std::string read_ssml(const FormatInput& in);
/// Path of the read-aloud page of a page: goal-1/index.html → goal-1/read/index.html.
std::string read_path(const content::Page& p);

/// Renders pages in every format, a batch at a time (a build may render and write a few
/// hundred pages, free them, and go on: peak memory then does not grow with the site), and
/// gathers the files copied as they are. Output paths are checked across all batches: two
/// sources of one path is a `duplicate-output` error. See produce() for the rules.
class Producer {
public:
  Producer(const content::Site& site, const render::Theme& theme, render::Renderer& renderer,
           const fs::FileSystem& fs, const ja::Services* ja, cache::Cache* cache, parallel::Pool* pool,
           const Settings& settings, diag::Diagnostics& diags);
  ~Producer();
  /// Which formats pages() makes: all, all but the print pages (which show other pages'
  /// sheets, so a build that frees its pages makes them last), or the print pages only.
  enum class Which { All, NotPrint, Print };
  /// The files of these pages, in page order (print pages paginate the pages given).
  /// bodies, when given: each page's body as the standard page shows it (empty where that
  /// was not made, e.g. taken from the cache), for the EPUB's chapters.
  std::vector<OutputFile> pages(std::vector<passes::PageResult>& pages, diag::Diagnostics& diags,
                                Which which = Which::All, std::vector<std::string>* bodies = nullptr);
  /// Whether the site has print pages (site.toml [outputs] and the theme's print layout).
  bool printing() const;
  /// The theme's static/, assets/ and the non-page files of content/.
  std::vector<OutputFile> copied(diag::Diagnostics& diags);
  /// The print pages' pagination of the last pages() call (for the EPUB's page-list).
  std::vector<PrintedDoc> take_printed() { return std::move(m_printed); }
  /// Cuts the print pages' sheets of these pages ahead, without making the print pages
  /// (the EPUB's page-list needs them first): the next pages() of the same pages uses
  /// this cut and reports its messages where it would have made them.
  const std::vector<PrintedDoc>& paginate(const std::vector<passes::PageResult>& pages);

private:
  struct Shared;
  void add(std::vector<OutputFile>& files, std::string path, std::string bytes, const std::string& from,
           diag::Diagnostics& diags);
  const content::Site& m_site;
  const render::Theme& m_theme;
  render::Renderer& m_renderer;
  const fs::FileSystem& m_fs;
  cache::Cache* m_cache;
  parallel::Pool* m_pool = nullptr;
  std::unique_ptr<Shared> m_shared;
  std::map<std::string, std::string> m_origin;  // output path → what produced it
  std::vector<PrintedDoc> m_printed;
  // paginate()'s cut, for the pages() of these pages, and its messages
  const std::vector<passes::PageResult>* m_cut_for = nullptr;
  std::vector<PrintedDoc> m_cut;
  diag::Diagnostics m_cut_diags;
};

/// Renders every page in every format (taking pages whose inputs did not change from cache,
/// when given one) and gathers the files copied as they are (the theme's static/, assets/,
/// and non-page files of content/). With a pool, the pages are rendered on all its threads
/// (renderer on the calling thread, one more Renderer of the theme per other thread); files,
/// messages and the cache's contents come out in page order either way. The print format
/// also writes each printed page's voice-code text (code-NN.txt, code-NN.sjis.txt,
/// codes.json); print pages are never taken from the cache (the whole plan's shows every
/// goal's sheets). `printed` receives the pagination, for the EPUB's page-list.
std::vector<OutputFile> produce(const content::Site& site, std::vector<passes::PageResult>& pages,
                                const render::Theme& theme, render::Renderer& renderer,
                                const fs::FileSystem& fs, diag::Diagnostics& diags,
                                const ja::Services* ja = nullptr, cache::Cache* cache = nullptr,
                                parallel::Pool* pool = nullptr, const Settings& settings = {},
                                std::vector<PrintedDoc>* printed = nullptr);

}  // namespace tsu::outputs
