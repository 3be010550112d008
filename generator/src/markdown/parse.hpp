#pragma once
#include <diag/diagnostic.hpp>

#include <pugixml.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace tsu::markdown {

/// One page body as a document tree: a <body> element holding HTML block elements.
/// Block elements carry `data-line` (their line in the source file) for later diagnostics;
/// the render stage strips it.
struct Document {
  std::unique_ptr<pugi::xml_document> xml = std::make_unique<pugi::xml_document>();
  pugi::xml_node body() const { return xml->child("body"); }
};

/// Where the Markdown comes from, for diagnostics.
struct Source {
  std::string_view text;  ///< NFC, LF line endings
  std::string display;    ///< file name shown in diagnostics
  int first_line = 1;     ///< line of the file on which text starts (after front matter)
};

/// The fenced-div containers we know (`::: name` … `:::`) and the class each becomes.
bool is_known_container(std::string_view name);

/// Parses CommonMark + GFM (tables, footnotes, autolinks, ~~strikethrough~~) and our
/// additions (containers) with cmark-gfm, then walks cmark's AST into a DOM. Reports
/// problems (raw HTML, unclosed containers) to diags; the document is returned regardless
/// so later checks can still run, and the caller decides by diags.has_errors().
Document parse(const Source& src, diag::Diagnostics& diags);

}  // namespace tsu::markdown
