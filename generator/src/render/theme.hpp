#pragma once
#include <diag/diagnostic.hpp>
#include <fs/file_system.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace tsu::render {

/// A theme folder: layouts/*.mustache (one per page kind), partials/*.mustache, and
/// static/ (CSS, JS, images copied to the site root as they are).
struct Theme {
  std::filesystem::path dir;
  std::map<std::string, std::string> layouts;   ///< name (file stem) → template text
  std::map<std::string, std::string> partials;  ///< name → template text
  std::vector<std::string> static_files;        ///< paths below static/
  std::map<std::string, std::string> display;   ///< layout/partial name → file for diagnostics
  /// UI strings from strings.toml (optional), flattened: [speech] heading = "…" is
  /// "speech.heading". Missing keys: the defaults of whoever reads them (speech::Phrases).
  std::map<std::string, std::string> strings;
};

/// A Mustache partial tag, {{> name}}: match group 1 is the name.
const std::regex& partial_tag();

/// Reads a theme and checks that every partial a template uses exists.
std::optional<Theme> load_theme(const fs::FileSystem& fs, const std::filesystem::path& dir,
                                const std::string& dir_display, diag::Diagnostics& diags);

}  // namespace tsu::render
