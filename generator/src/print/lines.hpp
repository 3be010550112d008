#pragma once
#include <pugixml.hpp>

#include <string>
#include <vector>

/// The print layout model (docs/print.md): how the browser will set text in the fixed-pitch
/// BIZ UD fonts, computed exactly so that the generator can paginate.
namespace tsu::print {

/// Advance of a character in em in BIZ UDGothic / BIZ UDMincho (checked against the font
/// files, docs/print.md): 1 for East Asian Width Wide, Fullwidth and Ambiguous (the fonts
/// draw ①…⑦ and … full width; the few narrow Ambiguous glyphs are over-counted, which is
/// safe), 0.5 for every other character; 0 for combining marks and controls.
double advance_em(char32_t c);

/// What a line-setting element (p, li, td, heading …) holds, as the browser sees it: its
/// base text and the inline atoms it is set from. A visible ruby is one atom as wide as the
/// wider of its base and its reading (half size), and never broken.
struct InlineText {
  std::string text;  ///< base text (rt/rp skipped); a forced break (<br>) is "\n"
  struct Atom {
    std::size_t begin = 0, end = 0;  ///< bytes of text
    double em = 0;                   ///< advance
    bool space = false;              ///< a collapsible space (hangs at a line end)
    bool forced_break = false;       ///< <br>
  };
  std::vector<Atom> atoms;
  bool visible_ruby = false;  ///< any ruby shown (not class "rh"): the line pitch grows
};

/// Collects the inline content of an element (text, ruby, br, inline elements). Whitespace
/// collapses as in CSS `white-space: normal`.
InlineText inline_text(pugi::xml_node element);

/// Whether the element's class attribute holds cls.
bool has_class(pugi::xml_node n, std::string_view cls);

/// One line as set: atoms [first, last) of the InlineText, and its text.
struct Line {
  std::size_t first = 0, last = 0;
  std::string text;
};

/// Sets text on lines of width_em (the first line shortened by indent_em), breaking where
/// ICU's line BreakIterator for Japanese with strict kinsoku (`ja@lb=strict`, as CSS
/// `line-break: strict`) allows; a word longer than a line breaks between graphemes (CSS
/// `overflow-wrap: anywhere`). Graphemes are never split. An empty text takes no line.
std::vector<Line> set_lines(const InlineText& t, double width_em, double indent_em = 0);

}  // namespace tsu::print
