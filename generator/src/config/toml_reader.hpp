#pragma once
#include <diag/diagnostic.hpp>

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

namespace tsu::config {

/// Reads typed values out of a parsed TOML table and reports mistakes as diagnostics with
/// the file, line and column of the offending key. Shared by site.toml and front matter.
class TomlReader {
public:
  /// file: the name shown in diagnostics; line_offset: added to toml++'s line numbers
  /// (front matter starts below the page's first line).
  TomlReader(std::string file, int line_offset, diag::Diagnostics& diags);

  /// Parses text; on a syntax error reports it and returns nullopt.
  std::optional<toml::table> parse(std::string_view text);

  /// Reports every key of table that is not in allowed, with a "did you mean" hint.
  void reject_unknown_keys(const toml::table& table, const std::vector<std::string>& allowed,
                           std::string_view table_name = {});

  std::optional<std::string> string(const toml::table& t, std::string_view key);
  std::optional<int64_t> integer(const toml::table& t, std::string_view key);
  std::optional<bool> boolean(const toml::table& t, std::string_view key);
  /// A sub-table; reports an error when the key holds something else.
  const toml::table* table(const toml::table& t, std::string_view key);

  /// Location of a node in the file (line offset applied).
  diag::Location where(const toml::node& n) const;
  const std::string& file() const { return m_file; }

private:
  void wrong_type(const toml::node& n, std::string_view key, std::string_view expected);

  std::string m_file;
  int m_line_offset;
  diag::Diagnostics& m_diags;
  std::string m_text;
};

}  // namespace tsu::config
