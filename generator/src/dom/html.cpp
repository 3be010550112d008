#include <dom/html.hpp>

#include <array>
#include <sstream>

namespace tsu::dom {

bool is_void(std::string_view n) {
  static constexpr std::array<std::string_view, 13> names = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
      "track", "wbr"};
  for (auto v : names)
    if (v == n) return true;
  return false;
}

pugi::xml_node append(pugi::xml_node parent, const char* name) {
  return parent.append_child(name);
}

pugi::xml_node append(pugi::xml_node parent, const char* name, std::string_view text) {
  auto e = parent.append_child(name);
  append_text(e, text);
  return e;
}

void append_text(pugi::xml_node parent, std::string_view text) {
  if (text.empty()) return;
  // Merge with a preceding text node so passes see whole runs of text.
  auto last = parent.last_child();
  if (last && last.type() == pugi::node_pcdata) {
    std::string merged = last.value();
    merged.append(text);
    last.set_value(merged.data(), merged.size());
    return;
  }
  // with its size: no copy to terminate it, no strlen
  parent.append_child(pugi::node_pcdata).set_value(text.data(), text.size());
}

namespace {
void collect_text(pugi::xml_node n, std::string& out) {
  for (auto c : n.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    else if (c.type() == pugi::node_element) {
      std::string_view name = c.name();
      if (name != "rt" && name != "rp") collect_text(c, out);
    }
  }
}

// Gives every empty non-void element an empty text child so pugixml writes an end tag.
void close_empty(pugi::xml_node n) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (!c.first_child() && !is_void(c.name())) c.append_child(pugi::node_pcdata);
    else close_empty(c);
  }
}

constexpr unsigned flags = pugi::format_raw | pugi::format_no_declaration;
}  // namespace

std::string text_content(pugi::xml_node node) {
  std::string out;
  collect_text(node, out);
  return out;
}

namespace {
void text_with_breaks(pugi::xml_node n, std::string& out) {
  for (auto c : n.children()) {
    if (c.type() == pugi::node_pcdata) out += c.value();
    else if (c.type() == pugi::node_element) {
      std::string_view name = c.name();
      if (name == "br") out += '\n';
      else if (name != "rt" && name != "rp") text_with_breaks(c, out);
    }
  }
}
}  // namespace

std::vector<std::string> lines_of(pugi::xml_node node) {
  std::string all;
  text_with_breaks(node, all);
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= all.size()) {
    auto end = all.find('\n', start);
    std::string line = all.substr(start, end == std::string::npos ? std::string::npos : end - start);
    auto b = line.find_first_not_of(" \t");
    if (b != std::string::npos) out.push_back(line.substr(b, line.find_last_not_of(" \t") - b + 1));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<pugi::xml_node> elements(pugi::xml_node parent) {
  std::vector<pugi::xml_node> out;
  for (auto c : parent.children())
    if (c.type() == pugi::node_element) out.push_back(c);
  return out;
}

namespace {
void collect_named(pugi::xml_node n, std::string_view name, std::vector<pugi::xml_node>& out) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (name == c.name()) out.push_back(c);
    collect_named(c, name, out);
  }
}
}  // namespace

std::vector<pugi::xml_node> descendants(pugi::xml_node root, std::string_view name) {
  std::vector<pugi::xml_node> out;
  collect_named(root, name, out);
  return out;
}

void add_class(pugi::xml_node element, std::string_view cls) {
  auto attr = element.attribute("class");
  if (!attr) {
    element.append_attribute("class").set_value(std::string(cls).c_str());
    return;
  }
  std::string v = attr.value();
  v += ' ';
  v += cls;
  attr.set_value(v.c_str());
}

std::string serialize_children(pugi::xml_node node) {
  close_empty(node);
  std::ostringstream out;
  for (auto c : node.children()) c.print(out, "", flags, pugi::encoding_utf8);
  return std::move(out).str();
}

std::string serialize(pugi::xml_node node) {
  if (node.type() == pugi::node_element && !node.first_child() && !is_void(node.name()))
    node.append_child(pugi::node_pcdata);
  close_empty(node);
  std::ostringstream out;
  node.print(out, "", flags, pugi::encoding_utf8);
  return std::move(out).str();
}

}  // namespace tsu::dom
