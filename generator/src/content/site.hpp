#pragma once
#include <config/site_config.hpp>
#include <diag/diagnostic.hpp>
#include <fs/file_system.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tsu::parallel {
class Pool;
}

namespace tsu::content {

enum class PageKind { Home, Page };

/// The TOML between the `+++` lines at the top of a page.
struct FrontMatter {
  std::string title;        ///< required: the page's h1
  std::string label;        ///< e.g. 基本目標1; shown before the title
  std::string description;  ///< <meta name="description">
  int64_t weight = 0;       ///< order in navigation; ties by path
  std::optional<config::RubyPolicy> ruby;  ///< overrides site.toml [ruby] policy
  std::optional<int> ruby_grade;           ///< overrides site.toml [ruby] grade
};

/// One Markdown file of content/, read, checked and normalised (UTF-8, NFC, LF).
struct Page {
  PageKind kind = PageKind::Page;
  std::filesystem::path source;  ///< where it was read from
  std::string display;           ///< its path as shown in diagnostics
  std::string rel;               ///< path below content/, e.g. "goal-1/index.md"
  std::string url_path;          ///< output path below the site root, e.g. "goal-1/index.html"
  FrontMatter front;
  std::string body;   ///< Markdown after the front matter
  int body_line = 1;  ///< line in the file where body starts
  std::string easy_rel;  ///< the page's やさしい日本語 alternate (index.easy.md), if any
  bool easy = false;     ///< this page is a やさしい日本語 page: furigana on every kanji
  /// Index in Site::pages of the page above this one (its folder's page, else the top
  /// page); none for the top page itself. goal-1/compare.md's parent is goal-1/index.md.
  std::optional<std::size_t> parent;
  /// Index in Site::pages of the other version: the easy page of a standard page and back.
  std::optional<std::size_t> alternate;

  /// "基本目標1 一人ひとりが活躍する地域づくり": label and title.
  std::string full_title() const;

  /// A place in this page's Markdown file.
  struct SourcePos {
    int line = 0;
    int column = 0;          ///< in code points
    std::size_t offset = 0;  ///< byte offset in the line
  };
  /// Where needle first appears in the body at or after line from_line (and byte
  /// from_offset on that line), at most max_lines lines on. The DOM keeps only a block's
  /// first line; diagnostics use this to point at the word itself.
  std::optional<SourcePos> find_in_source(std::string_view needle, int from_line, std::size_t from_offset = 0,
                                          int max_lines = 50) const;
};

/// The whole site as read: the configuration, pages (home first, then by weight and path),
/// and files in content/ that are not pages (copied as they are).
struct Site {
  config::SiteConfig config;
  std::vector<Page> pages;
  std::vector<std::string> resources;  ///< paths below content/
  /// Site-wide pages the generator adds (所管課一覧, アクセシビリティ方針): title and URL,
  /// for the footer of every page. Filled by the build after the generated pages exist.
  std::vector<std::pair<std::string, std::string>> site_links;
};

/// Result of splitting a file into front matter and body.
struct Split {
  std::string front;     ///< the TOML text (without the +++ lines)
  std::string body;      ///< the rest
  int front_line = 2;    ///< line of the first TOML line
  int body_line = 1;     ///< line of the first body line
};

/// Splits `+++` TOML front matter off text (already LF-normalised). A file without a
/// leading `+++` line has no front matter. An opening `+++` that is never closed is an error.
std::optional<Split> split_front_matter(std::string_view text, const std::string& display,
                                        diag::Diagnostics& diags);

/// Checks bytes are UTF-8, drops a BOM, turns CRLF into LF and normalises to NFC.
std::optional<std::string> normalise_source(std::string_view bytes, const std::string& display,
                                            diag::Diagnostics& diags);

/// The front-matter keys a page may have.
const std::vector<std::string>& front_matter_keys();

/// Walks content/, reads every page and builds the Site. With a pool, the pages are read
/// and parsed on its threads; the Site and the messages are the same either way.
std::optional<Site> load(const fs::FileSystem& fs, const config::SiteConfig& cfg, diag::Diagnostics& diags,
                         parallel::Pool* pool = nullptr);

}  // namespace tsu::content
