#pragma once
#include <content/site.hpp>
#include <diag/diagnostic.hpp>
#include <parallel/pool.hpp>
#include <passes/passes.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// An EPUB 3 of the whole plan (issue 7): the standard text with its ruby, a navigation
/// document with the table of contents and landmarks (and a page-list when print pages
/// exist), EPUB Accessibility 1.1 metadata, zipped with libzip.
namespace tsu::epub {

/// A printed page's start, for the page-list: in the page at `page_url` (a standard page's
/// output path, "goal-1/index.html"), before the element with id `before_id` (empty: at the
/// page's start), labelled as printed ("3").
struct PageBreak {
  std::string page_url;
  std::string before_id;
  std::string label;
  /// Or where the printed page starts as an element path (print::Sheet::start) from the
  /// top of the chapter, whose element children are the title h1 and then the page's
  /// blocks. A part of the path that does not match stops it there.
  std::vector<std::pair<std::size_t, std::string>> path;
};

struct Options {
  /// Where the EPUB goes below the output folder.
  std::string path = "plan.epub";
  /// Print pages, when they are built: become page-break markers and the page-list.
  std::vector<PageBreak> page_breaks;
  /// Threads to make the content documents on (one page each, bytes in book order); none:
  /// the calling thread.
  parallel::Pool* pool = nullptr;
};

/// An entry's bytes deflated as zip() deflates them (raw deflate, level 6), with what the
/// zip's directory needs: a build deflates each chapter as soon as it is made and keeps
/// only these (a tenth of the bytes) until the book is zipped.
struct Packed {
  std::string data;       ///< raw deflate
  std::uint64_t size = 0;  ///< of the bytes before deflating
  std::uint32_t crc = 0;   ///< CRC-32 of the bytes before deflating
};
/// Deflates bytes (raw deflate, libdeflate level 6); nothing when that fails.
std::optional<Packed> pack(std::string_view bytes);

/// The EPUB's files before zipping, in order (mimetype first): path inside the container
/// and bytes. Exposed for tests.
struct Entry {
  std::string path;
  std::string bytes;
  std::optional<Packed> packed = {};  ///< when set: the bytes, deflated already (bytes is empty)
};

/// The book's pages in reading order, as indices into site.pages: the top page, then each
/// page's children depth first; no やさしい日本語 pages (they have their own links).
std::vector<std::size_t> book_order(const content::Site& site);

/// One page's content document. body_html: the page's body as dom::serialize_children
/// wrote it for the standard page, when the caller has it (the same bytes, made faster).
Entry chapter(const content::Site& site, const passes::PageResult& r, const Options& options,
              const std::string* body_html = nullptr);

/// The entries before the chapters: mimetype, container, package document, navigation
/// document and stylesheet. Of the book's pages (in book_order) it reads the page, table
/// of contents and titles, not the documents.
std::vector<Entry> frame(const content::Site& site, const std::vector<const passes::PageResult*>& book,
                         const Options& options);

std::vector<Entry> entries(const content::Site& site, const std::vector<passes::PageResult>& pages,
                           const Options& options, diag::Diagnostics& diags);

/// The zip of entries: mimetype first and stored, the rest deflated, every time stamp the
/// same fixed one (deterministic output: a rebuild gives the same bytes). The entries are
/// deflated on the pool's threads when there is one.
std::optional<std::string> zip(std::vector<Entry> entries, diag::Diagnostics& diags,
                               parallel::Pool* pool = nullptr);

/// entries() then zip(): the .epub's bytes.
std::optional<std::string> make(const content::Site& site, const std::vector<passes::PageResult>& pages,
                                const Options& options, diag::Diagnostics& diags);

}  // namespace tsu::epub
