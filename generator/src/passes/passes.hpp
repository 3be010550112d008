#pragma once
#include <content/site.hpp>
#include <diag/diagnostic.hpp>
#include <ja/furigana.hpp>
#include <markdown/parse.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tsu::passes {

/// A section heading of a page, for its table of contents.
struct Heading {
  int level = 2;
  std::string id;
  std::string text;
  std::string html;  ///< the heading's content as HTML (with its ruby), for the table of contents
};

/// A page after the passes: its document and table of contents, ready to render.
struct PageResult {
  const content::Page* page = nullptr;
  markdown::Document doc;
  std::vector<Heading> toc;
  std::string title_html;  ///< the page title with its ruby (escaped text without)
  std::string label_html;  ///< the page label (基本目標1) with its ruby
  /// A hash of everything the passed document was made from (0: not known). Set by the
  /// build when it keeps a cache; the outputs stage keys rendered pages by it.
  std::uint64_t key = 0;
};

/// What a pass works on: one page's document, with the site for cross-page checks.
struct Context {
  const content::Site& site;
  const content::Page& page;
  markdown::Document& doc;
  std::vector<Heading>& toc;  ///< filled by the headings pass (levels 2 and 3)
  diag::Diagnostics& diags;
  const ja::Services* ja = nullptr;  ///< language services; without them no ruby is added
  std::string* title_html = nullptr; ///< filled by the ruby pass: the title with its ruby
  std::string* label_html = nullptr; ///< filled by the ruby pass: the label with its ruby
};

/// A DOM-to-DOM transform. Passes are small, run in registry order, and each is tested on
/// its own (tests/unit/passes_test.cpp).
struct Pass {
  const char* name;
  void (*run)(Context&);
};

/// Every pass, in the order they run.
const std::vector<Pass>& registry();

/// Runs every pass of the registry on ctx.
void run_all(Context& ctx);

/// Elements whose text the text passes (wakachi, ruby) leave alone: code, ruby already
/// there, scripts and styles.
bool leaves_text_alone(std::string_view element_name);

/// An id for a heading's text: letters and digits kept (kanji and kana included), every
/// other run of characters one '-', prefixed when it would not start with a letter
/// (ids must be XML names for EPUB).
std::string slug(std::string_view text);

/// The URL of target relative to the page at from (output paths like "goal-1/index.html").
std::string relative_url(const std::string& from, const std::string& target);

// The passes, exposed for their unit tests.
void headings(Context& ctx);
void tables(Context& ctx);
void links(Context& ctx);
void wakachi(Context& ctx);
void ruby(Context& ctx);
void strip_source_marks(Context& ctx);

}  // namespace tsu::passes
