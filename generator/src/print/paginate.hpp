#pragma once
#include <diag/diagnostic.hpp>
#include <print/geometry.hpp>
#include <speech/speech.hpp>

#include <pugixml.hpp>

#include <functional>
#include <string>
#include <vector>

namespace tsu::print {

/// One printed page.
struct Sheet {
  int number = 0;          ///< page number in the whole plan (the folio and 「Nページ」)
  std::string body_html;   ///< the sheet's content, polyglot XHTML
  std::string voice;       ///< 「Nページ。」 then the page's listening text, ≤ capacity
  std::size_t voice_chars = 0;  ///< grapheme clusters in voice
  std::string first_text;  ///< first sentence set on the page (base text, no ruby)
  std::string last_text;   ///< last sentence set on the page
  double height = 0;       ///< content height the model gives it, px
  /// Where the sheet starts in the page: the element path (index among element children,
  /// and name) from the top of a document holding the title h1 and then the page body's
  /// elements, to the sheet's first block (a paragraph, list item, table row …). Empty on
  /// a page's first sheet. The EPUB places its page-break markers by it.
  std::vector<std::pair<std::size_t, std::string>> start;
};

/// A source page cut into sheets.
struct Paged {
  std::vector<Sheet> sheets;
};

/// What a document to paginate is: its body (after the passes) and the title block that
/// opens its first sheet.
struct Source {
  pugi::xml_node body;    ///< the passed document's body (not changed)
  std::string title_html; ///< the h1's content (with its ruby)
  std::string display;    ///< the source file, for diagnostics
};

/// Cuts a document into sheets: a sheet ends when the next block would not fit in the
/// content box or would take the voice text past the capacity. Lists split between items,
/// tables between rows (the header row and the caption repeated), headings stay with what
/// follows them, 地域で取り組むこと boxes stay whole with their write-in lines.
/// The voice text of each sheet is made by `voice` (speech::Voice::speak per block and per
/// table row, the table's caption before its first row and its end phrase after its last).
Paged paginate(const Source& src, const Geometry& g, int first_number, const speech::Voice& voice,
               diag::Diagnostics& diags);

/// The first and the last sentence (。！？ end one) of a text, whitespace removed.
std::pair<std::string, std::string> first_last_sentence(std::string_view text);

}  // namespace tsu::print
