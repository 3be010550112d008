#pragma once
#include <config/site_config.hpp>

#include <string>
#include <string_view>

namespace tsu::print {

/// CSS px per mm (1 px = 1/96 in).
constexpr double px_per_mm = 96.0 / 25.4;

/// How one kind of block is set. Every length is in CSS px, snapped to the 1/64 px grid the
/// browser lays out on, and the print stylesheet is written from these same numbers, so
/// the model and the browser agree (docs/print.md).
struct BlockStyle {
  double font = 16;           ///< font size
  double line = 28;           ///< line pitch without visible ruby
  double ruby_line = 32;      ///< line pitch of a block with visible ruby (room for the reading)
  double indent_first = 0;    ///< first-line indent, em
  double inset_left = 0;      ///< border + padding on the left (narrows the lines)
  double inset_right = 0;     ///< border + padding on the right
  double above = 0;           ///< border + padding above the lines
  double below = 0;           ///< border + padding below the lines
  double margin_below = 0;    ///< margin after the block (no block has a margin above)
  bool bold = false;

  /// Height of a block of n lines (margin included).
  double height(int lines, bool ruby) const { return above + lines * (ruby ? ruby_line : line) + below + margin_below; }
};

/// The page grid: an A4 portrait sheet, its content box, the running header, the folio
/// and the voice-code slot, from site.toml [print].
struct Geometry {
  double page_w = 210 * px_per_mm, page_h = 297 * px_per_mm;
  double content_left = 0, content_top = 0, content_w = 0, content_h = 0;
  double header_top = 0;    ///< running header's top
  double slot = 0;          ///< voice-code side
  double slot_x = 0, slot_y = 0;  ///< slot's top-left corner
  double notch = 6 * px_per_mm;   ///< notch diameter (at the bottom edge, under the code)
  config::CodeSide side = config::CodeSide::Right;
  int capacity = 800;
  int write_in_lines = 4;
  std::string font = "gothic";

  BlockStyle h1, h2, h3, h4, h5, p, li, caption, cell, head_cell, box, write_line, running;
  double list_indent = 0;     ///< ul/ol padding-left
  double table_margin = 0;    ///< after a table
  double box_margin = 0;      ///< after a 地域で取り組むこと box

  /// The style of a line-setting element by name ("h2", "p", "li", "td", …).
  const BlockStyle& style_of(std::string_view element) const;
};

/// A length in px as the stylesheet writes it ("642.516px").
std::string css_px(double v);

/// The grid for site.toml [print].
Geometry geometry(const config::PrintConfig& cfg);

/// The stylesheet of the print pages' sizes and positions, written from the geometry (the
/// theme's print.css adds fonts, colours and rules that do not change sizes).
std::string stylesheet(const Geometry& g, bool proof);

}  // namespace tsu::print
