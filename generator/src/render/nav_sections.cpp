#include <render/nav_sections.hpp>

#include <algorithm>
#include <optional>
#include <string_view>

namespace tsu::render {

namespace {

// One Mustache tag of a template: where it is and what it is. kind is the sigil (# ^ / ! &
// > =), '{' for a triple mustache, 'v' for a plain variable.
struct Tag {
  std::size_t begin = 0, end = 0;
  char kind = 'v';
  std::string name;
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The tags of a template with the default delimiters; nothing when one is not closed.
std::optional<std::vector<Tag>> tags_of(const std::string& t) {
  std::vector<Tag> out;
  for (std::size_t i = t.find("{{"); i != std::string::npos; i = t.find("{{", i)) {
    const bool triple = t.compare(i, 3, "{{{") == 0;
    const std::size_t open = triple ? 3 : 2;
    const std::size_t close = t.find(triple ? "}}}" : "}}", i + open);
    if (close == std::string::npos) return std::nullopt;
    Tag tag{i, close + open, triple ? '{' : 'v', {}};
    auto inner = trimmed(std::string_view(t).substr(i + open, close - i - open));
    if (!triple && !inner.empty() && std::string_view("#^/!&>=").find(inner.front()) != std::string_view::npos) {
      tag.kind = inner.front();
      inner = trimmed(inner.substr(1));
    }
    tag.name = std::string(inner);
    i = tag.end;
    out.push_back(std::move(tag));
  }
  return out;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

bool is_variable(const Tag& t) { return t.kind == 'v' || t.kind == '{' || t.kind == '&'; }

const std::vector<std::string>& nav_item_keys() {
  static const std::vector<std::string> keys = {"label", "title", "full_title", "url", "current", "ancestor"};
  return keys;
}

}  // namespace

bool names(const std::string& layout, const std::string& key) {
  auto tags = tags_of(layout);
  if (!tags) return true;
  return std::any_of(tags->begin(), tags->end(), [&](const Tag& t) {
    return t.kind != '!' && t.name.compare(0, key.size(), key) == 0 &&
           (t.name.size() == key.size() || t.name[key.size()] == '.');
  });
}

NavSections take_nav_sections(const std::string& layout, const std::string& key_prefix) {
  NavSections out;
  auto tags = tags_of(layout);
  if (!tags) {
    out.layout = layout;
    return out;
  }
  const auto& t = *tags;
  std::size_t copied = 0;
  int depth = 0;
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (t[k].kind == '/') --depth;
    if (t[k].kind != '#' && t[k].kind != '^') continue;
    if (depth++ != 0 || t[k].kind != '#' || t[k].name != "nav") continue;
    // the section's end, and whether every tag inside names an item's key
    std::size_t end = k + 1;
    bool items_only = true;
    for (int inner = 0; end < t.size(); ++end) {
      const auto& x = t[end];
      if (x.kind == '/' && inner == 0) break;
      if (x.kind == '#' || x.kind == '^') ++inner;
      if (x.kind == '/') --inner;
      if (x.kind == '!') continue;
      const auto& keys = nav_item_keys();
      items_only = items_only && x.kind != '>' && x.kind != '=' &&
                   std::find(keys.begin(), keys.end(), x.name) != keys.end();
    }
    if (end == t.size() || t[end].name != "nav") continue;  // kainjow reports it
    const std::size_t line_start = layout.rfind('\n', t[k].begin == 0 ? 0 : t[k].begin - 1);
    const std::size_t from = t[k].begin == 0 || line_start == std::string::npos ? 0 : line_start + 1;
    const std::size_t line_end = std::min(layout.find('\n', t[end].end), layout.size());
    const std::size_t to = line_end == layout.size() ? line_end : line_end + 1;
    const std::size_t next_end = std::min(layout.find('\n', to), layout.size());
    bool next_plain = std::none_of(t.begin(), t.end(), [&](const Tag& x) {
      return x.begin >= to && x.begin <= next_end && !is_variable(x);
    });
    if (!items_only || from < copied || !blank(std::string_view(layout).substr(from, t[k].begin - from)) ||
        !blank(std::string_view(layout).substr(t[end].end, line_end - t[end].end)) || !next_plain)
      continue;
    std::string key = key_prefix + std::to_string(out.keys.size());
    out.layout.append(layout, copied, from - copied).append("{{{" + key + "}}}");
    out.parts.push_back(layout.substr(from, to - from));
    out.keys.push_back(std::move(key));
    copied = to;
    k = end;  // the section's own tags are done; depth is back to 0
    --depth;
  }
  out.layout.append(layout, copied);
  return out;
}

}  // namespace tsu::render
