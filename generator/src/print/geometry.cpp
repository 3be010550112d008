#include <print/geometry.hpp>

#include <cmath>
#include <cstdio>

namespace tsu::print {

namespace {

// The browser lays out on a 1/64 px grid: every length of the model sits on it.
double snap(double px) { return std::round(px * 64) / 64; }

BlockStyle text_style(double font, double line_em, double margin_below) {
  BlockStyle s;
  s.font = snap(font);
  s.line = snap(font * line_em);
  // A visible reading is half the base size and sits in the half-leading: the line pitch
  // grows to base + 2 × reading, so the reading never pushes the line box (docs/print.md).
  s.ruby_line = std::max(s.line, snap(font * 2));
  s.margin_below = snap(margin_below);
  return s;
}

}  // namespace

std::string css_px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6gpx", v);
  return buf;
}

namespace {
std::string px(double v) { return css_px(v); }
}  // namespace

const BlockStyle& Geometry::style_of(std::string_view e) const {
  if (e == "h1") return h1;
  if (e == "h2") return h2;
  if (e == "h3") return h3;
  if (e == "h4") return h4;
  if (e == "h5" || e == "h6") return h5;
  if (e == "li") return li;
  if (e == "caption") return caption;
  if (e == "td") return cell;
  if (e == "th") return head_cell;
  return p;
}

Geometry geometry(const config::PrintConfig& cfg) {
  Geometry g;
  g.side = cfg.code_side;
  g.capacity = cfg.code_capacity;
  g.write_in_lines = cfg.write_in_lines;
  g.font = cfg.font;
  const double f = snap(cfg.font_size_pt * 96 / 72);  // 12 pt = 16 px

  // Sheet: 20 mm side margins; the running header 10 mm from the top; the voice code's
  // slot 8 mm from the bottom edge and 10 mm from the outer edge, the body ending 4 mm
  // above the slot so that text never runs beside the code.
  g.slot = snap(cfg.code_size_mm * px_per_mm);
  const double side_margin = snap(20 * px_per_mm);
  g.content_left = side_margin;
  g.content_w = snap(g.page_w - 2 * side_margin);
  g.header_top = snap(10 * px_per_mm);
  g.content_top = snap(22 * px_per_mm);
  // The slot's corner sits on a whole CSS px: Chromium snaps an image's box to pixels, and
  // from a whole-pixel origin both sides snap alike (a square code stays square).
  g.slot_y = std::round(g.page_h - 8 * px_per_mm - g.slot);
  g.slot_x = g.side == config::CodeSide::Right ? std::round(g.page_w - 10 * px_per_mm - g.slot) : std::round(10 * px_per_mm);
  g.content_h = snap(g.slot_y - 4 * px_per_mm - g.content_top);

  g.h1 = text_style(f * 1.4, 1.4, f * 1.0);  // its reading (0.7 em) stays smaller than any base text
  g.h1.bold = true;
  g.h2 = text_style(f * 1.3, 1.4, f * 0.6);
  g.h2.above = snap(f * 0.5);
  g.h2.below = snap(f * 0.2) + 2;  // padding + a 2 px rule
  g.h2.bold = true;
  g.h3 = text_style(f * 1.15, 1.4, f * 0.4);
  g.h3.above = snap(f * 0.3);
  g.h3.inset_left = 6 + snap(f * 0.4);  // a 6 px bar + padding
  g.h3.bold = true;
  g.h4 = text_style(f * 1.05, 1.5, f * 0.2);
  g.h4.bold = true;
  g.h5 = text_style(f, 1.5, f * 0.2);
  g.h5.bold = true;
  g.p = text_style(f, 1.75, f * 0.5);
  g.p.indent_first = 1;  // 段落の字下げ
  g.li = text_style(f, 1.75, f * 0.2);
  g.list_indent = snap(f * 1.5);
  g.caption = text_style(f, 1.6, 0);
  g.caption.below = snap(f * 0.3);
  g.caption.bold = true;
  g.cell = text_style(f, 1.6, 0);
  g.cell.above = g.cell.below = snap(f * 0.3);
  g.cell.below += 1;  // the cell's 1 px bottom rule
  g.cell.inset_left = snap(f * 0.4);
  g.cell.inset_right = snap(f * 0.4) + 1;  // padding + 1 px right rule
  g.head_cell = g.cell;
  g.head_cell.bold = true;
  g.table_margin = snap(f * 0.8);
  g.box = text_style(f, 1.75, 0);
  g.box.above = g.box.below = 2 + snap(f * 0.6);  // 2 px border + padding
  g.box.inset_left = g.box.inset_right = 2 + snap(f * 0.8);
  g.box_margin = snap(f * 0.8);
  g.write_line = text_style(f, 2.4, 0);  // a ruled line to write on (~10 mm at 12 pt)
  g.running = text_style(f * 0.8, 1.4, 0);
  return g;
}

std::string stylesheet(const Geometry& g, bool proof) {
  std::string css;
  auto rule = [&](const std::string& sel, const std::string& body) { css += sel + " { " + body + " }\n"; };
  css += "@page { size: A4; margin: 0 }\n";
  // The fixed-pitch fonts the model measures with, local only; bold is BIZ UDGothic Bold
  // for both (Debian has no bold BIZ UDMincho, and a synthesised bold may change advances).
  const char* regular = g.font == "mincho" ? "local(\"BIZ UDMincho\"), local(\"BIZUDMincho-Regular\")"
                                           : "local(\"BIZ UDGothic\"), local(\"BIZUDGothic-Regular\")";
  css += std::string("@font-face { font-family: \"Tsutawaru Print\"; src: ") + regular + " }\n";
  css += "@font-face { font-family: \"Tsutawaru Print\"; font-weight: bold; src: local(\"BIZ UDGothic Bold\"), "
         "local(\"BIZUDGothic-Bold\") }\n";
  // Only what the model assumes: no kerning or proportional metrics, no trimming of
  // full-width punctuation, strict kinsoku, long words broken anywhere.
  rule(".sheet", "font-family: \"Tsutawaru Print\", monospace; font-synthesis: none; font-kerning: none; "
                 "font-feature-settings: normal; text-spacing-trim: space-all; text-autospace: no-autospace; "
                 "line-break: strict; word-break: normal; overflow-wrap: anywhere; letter-spacing: 0; "
                 "text-align: start");
  rule(".sheet", "width: " + px(g.page_w) + "; height: " + px(g.page_h) + "; font-size: " + px(g.p.font));
  rule(".sheet-body", "left: " + px(g.content_left) + "; top: " + px(g.content_top) + "; width: " + px(g.content_w) +
                          "; height: " + px(g.content_h));
  rule(".running", "left: " + px(g.content_left) + "; top: " + px(g.header_top) + "; width: " + px(g.content_w) +
                       "; font-size: " + px(g.running.font) + "; line-height: " + px(g.running.line));
  rule(".folio", "top: " + px(g.slot_y + g.slot / 2 - g.running.line / 2) + "; left: " + px(g.content_left) +
                     "; width: " + px(g.content_w) + "; font-size: " + px(g.running.font) +
                     "; line-height: " + px(g.running.line));
  rule(".code-slot", "left: " + px(g.slot_x) + "; top: " + px(g.slot_y) + "; width: " + px(g.slot) +
                         "; height: " + px(g.slot));
  rule(".notch", "left: " + px(g.slot_x + g.slot / 2 - g.notch / 2) + "; top: " + px(g.page_h - g.notch / 2) +
                     "; width: " + px(g.notch) + "; height: " + px(g.notch));
  auto text = [&](const std::string& sel, const BlockStyle& s, const std::string& extra) {
    rule(".sheet-body " + sel, "font-size: " + px(s.font) + "; line-height: " + px(s.line) +
                                   "; margin: 0 0 " + px(s.margin_below) + " 0" + extra);
    if (s.ruby_line != s.line) rule(".sheet-body " + sel + ".r", "line-height: " + px(s.ruby_line));
  };
  text("h1", g.h1, "");
  text("h2", g.h2, "; padding: " + px(g.h2.above) + " 0 " + px(g.h2.below - 2) + " 0; border-bottom-width: 2px");
  text("h3", g.h3, "; padding: " + px(g.h3.above) + " 0 0 " + px(g.h3.inset_left - 6) + "; border-left-width: 6px");
  text("h4", g.h4, "");
  text("h5, .sheet-body h6", g.h5, "");
  text("p", g.p, "; text-indent: " + px(g.p.indent_first * g.p.font));
  text("li", g.li, "");
  rule(".sheet-body ul, .sheet-body ol", "margin: 0; padding: 0 0 0 " + px(g.list_indent));
  text("caption", g.caption, "; padding: 0 0 " + px(g.caption.below) + " 0");
  auto cell = [&](const std::string& sel, const BlockStyle& s) {
    rule(".sheet-body " + sel, "font-size: " + px(s.font) + "; line-height: " + px(s.line) + "; padding: " +
                                   px(s.above) + " " + px(s.inset_right - 1) + " " + px(s.below - 1) + " " +
                                   px(s.inset_left) + "; border-width: 0 1px 1px 0");
    rule(".sheet-body " + sel + ".r", "line-height: " + px(s.ruby_line));
  };
  cell("td", g.cell);
  cell("th", g.head_cell);
  rule(".sheet-body table", "margin: 0 0 " + px(g.table_margin) + " 0; border-width: 1px 0 0 1px");
  rule(".sheet-body .workbook", "margin: 0 0 " + px(g.box_margin) + " 0; padding: " + px(g.box.above - 2) + " " +
                                    px(g.box.inset_right - 2) + "; border-width: 2px");
  rule(".sheet-body .write-in", "margin: 0; height: " + px(g.write_line.line * g.write_in_lines));
  rule(".sheet-body .write-in span", "height: " + px(g.write_line.line));
  if (!proof) rule(".notch, .slot-outline", "display: none");
  return css;
}

}  // namespace tsu::print
