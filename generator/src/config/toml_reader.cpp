#include <config/toml_reader.hpp>

namespace tsu::config {

TomlReader::TomlReader(std::string file, int line_offset, diag::Diagnostics& diags)
    : m_file(std::move(file)), m_line_offset(line_offset), m_diags(diags) {}

std::optional<toml::table> TomlReader::parse(std::string_view text) {
  m_text = std::string(text);
  // Debian's toml++ is built with exceptions; the parse error becomes a diagnostic here, so
  // callers only ever see results (style.md, "Library code returns results").
  try {
    return toml::parse(std::string_view(m_text), std::string_view(m_file));
  } catch (const toml::parse_error& err) {
    diag::Diagnostic d;
    d.id = "toml-syntax";
    d.where = {m_file, static_cast<int>(err.source().begin.line) + m_line_offset,
               static_cast<int>(err.source().begin.column)};
    d.message = "invalid TOML: " + std::string(err.description());
    d.source_line = diag::line_of(m_text, static_cast<int>(err.source().begin.line));
    m_diags.add(std::move(d));
    return std::nullopt;
  }
}

diag::Location TomlReader::where(const toml::node& n) const {
  const auto& b = n.source().begin;
  return {m_file, b.line ? static_cast<int>(b.line) + m_line_offset : 0,
          static_cast<int>(b.column)};
}

void TomlReader::reject_unknown_keys(const toml::table& table,
                                     const std::vector<std::string>& allowed,
                                     std::string_view table_name) {
  for (const auto& [k, v] : table) {
    std::string key(k.str());
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (known) continue;
    diag::Diagnostic d;
    d.id = "unknown-key";
    const auto& b = k.source().begin;
    d.where = {m_file, b.line ? static_cast<int>(b.line) + m_line_offset : where(v).line,
               b.line ? static_cast<int>(b.column) : where(v).column};
    d.message = "unknown key '" + key + "'";
    if (!table_name.empty()) d.message += " in [" + std::string(table_name) + "]";
    if (auto near = diag::did_you_mean(key, allowed); !near.empty())
      d.hint = "did you mean '" + near + "'?";
    else {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      d.hint = "known keys: " + list;
    }
    m_diags.add(std::move(d));
  }
}

void TomlReader::wrong_type(const toml::node& n, std::string_view key, std::string_view expected) {
  m_diags.error("wrong-type", where(n),
                "'" + std::string(key) + "' must be " + std::string(expected));
}

std::optional<std::string> TomlReader::string(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto v = n->value<std::string>(); v && n->is_string()) return *v;
  wrong_type(*n, key, "a string, e.g. " + std::string(key) + " = \"…\"");
  return std::nullopt;
}

std::optional<int64_t> TomlReader::integer(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (n->is_integer()) return *n->value<int64_t>();
  wrong_type(*n, key, "an integer, e.g. " + std::string(key) + " = 1");
  return std::nullopt;
}

std::optional<bool> TomlReader::boolean(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (n->is_boolean()) return *n->value<bool>();
  wrong_type(*n, key, "true or false");
  return std::nullopt;
}

const toml::table* TomlReader::table(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return nullptr;
  if (const auto* tt = n->as_table()) return tt;
  wrong_type(*n, key, "a table, e.g. [" + std::string(key) + "]");
  return nullptr;
}

}  // namespace tsu::config
