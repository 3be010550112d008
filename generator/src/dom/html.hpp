#pragma once
#include <pugixml.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The document tree every stage passes along: a pugixml DOM of HTML elements.
namespace tsu::dom {

/// HTML void elements (br, img, hr, meta, …): written as `<br/>`, never with content.
bool is_void(std::string_view element_name);

/// Elements whose content is only text and inline elements in our tree (p, h1–h6, pre,
/// code, ruby): a walk looking for tables, headings or ids need not go into them.
bool holds_phrasing_only(std::string_view element_name);

/// Appends <name> to parent and returns it.
pugi::xml_node append(pugi::xml_node parent, const char* name);
/// Appends <name>text</name> to parent and returns it.
pugi::xml_node append(pugi::xml_node parent, const char* name, std::string_view text);
/// Appends a text node.
void append_text(pugi::xml_node parent, std::string_view text);

/// The concatenated text of node and its descendants, skipping <rt> and <rp> (ruby readings
/// are not part of the base text: a heading's id or a caption's label uses the base only).
std::string text_content(pugi::xml_node node);

/// The text of node split at its <br> elements, each line trimmed, empty lines dropped
/// (a table cell of department names, one per line).
std::vector<std::string> lines_of(pugi::xml_node node);

/// The element children of parent, in order (text and comments skipped).
std::vector<pugi::xml_node> elements(pugi::xml_node parent);
/// Every descendant element of root with this name, in document order.
std::vector<pugi::xml_node> descendants(pugi::xml_node root, std::string_view name);

/// Adds a class to the element's class attribute.
void add_class(pugi::xml_node element, std::string_view cls);

/// Serialises the children of node as polyglot XHTML5: parses as XML and as HTML alike.
/// Void elements are self-closed; every other element gets an explicit end tag, since
/// `<div/>` is a start tag only to an HTML parser. Ruby is kept in the tree as base text
/// and `<rt>` (passes/ruby.cpp): each `<rt>` in a `<ruby>` is written as
/// `<rp>（</rp><rt aria-hidden="true">…</rt><rp>）</rp>`, parentheses it has already kept.
std::string serialize_children(pugi::xml_node node);
/// Serialises node itself (same rules).
std::string serialize(pugi::xml_node node);
/// Appends text escaped as serialize and pugixml's print escape it: as text (& < > and
/// control characters) or as an attribute value (& < " and every control character). Stops
/// at a NUL, as printing a node's value does.
void append_escaped(std::string& out, const char* text, bool attribute = false);
/// Another target for a link: the href of an `<a>` as written instead of the tree's (the
/// tree is unchanged); nullopt keeps it.
using LinkMap = std::function<std::optional<std::string>(std::string_view href)>;
/// serialize_children, with each `<a href>` given to links.
std::string serialize_children(pugi::xml_node node, const LinkMap& links);
/// The same from what serialize_children(node) wrote already: each `<a href>` of that
/// text given to links, the rest copied (`serialize_children(node, links)` without
/// walking the tree again). Only for the writer's own output, whose tags and escapes
/// it knows.
std::string map_links(std::string_view written, const LinkMap& links);
/// map_links, appended to out.
void append_mapped(std::string& out, std::string_view written, const LinkMap& links);

}  // namespace tsu::dom
