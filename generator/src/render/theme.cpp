#include <config/toml_reader.hpp>
#include <render/theme.hpp>

#include <regex>

namespace tsu::render {

const std::regex& partial_tag() {
  static const std::regex re(R"(\{\{>\s*([^}\s]+)\s*\}\})");
  return re;
}

namespace stdfs = std::filesystem;

std::optional<Theme> load_theme(const fs::FileSystem& fs, const stdfs::path& dir,
                                const std::string& dir_display, diag::Diagnostics& diags) {
  Theme theme;
  theme.dir = dir;
  diag::Diagnostics local;
  auto read_all = [&](const char* sub, std::map<std::string, std::string>& into,
                      const char* prefix) {
    for (const auto& rel : fs.list_files(dir / sub)) {
      if (rel.extension() != ".mustache") continue;
      auto text = fs.read(dir / sub / rel);
      std::string name = rel.parent_path().empty()
                             ? rel.stem().string()
                             : (rel.parent_path() / rel.stem()).generic_string();
      theme.display[prefix + name] = dir_display + "/" + sub + "/" + rel.generic_string();
      if (!text) local.error("read-failed", {theme.display[prefix + name], 0, 0}, "cannot read the file");
      else into[name] = *text;
    }
  };
  read_all("layouts", theme.layouts, "layout:");
  read_all("partials", theme.partials, "partial:");
  for (const auto& rel : fs.list_files(dir / "static")) theme.static_files.push_back(rel.generic_string());

  // A partial that does not exist renders as nothing in Mustache; for a theme author that
  // is a silent hole in every page, so it is an error here.
  auto check = [&](const std::string& key, const std::string& text) {
    int line = 1;
    std::size_t last = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), partial_tag()), end; it != end; ++it) {
      auto pos = static_cast<std::size_t>(it->position());
      for (std::size_t i = last; i < pos; ++i) line += text[i] == '\n';
      last = pos;
      std::string name = (*it)[1].str();
      if (!theme.partials.count(name)) {
        std::vector<std::string> known;
        for (const auto& [k, v] : theme.partials) known.push_back(k);
        auto near = diag::did_you_mean(name, known);
        local.error("partial-missing", {theme.display[key], line, 1},
                    "partial '" + name + "' does not exist (no " + dir_display + "/partials/" +
                        name + ".mustache)",
                    near.empty() ? "" : "did you mean '" + near + "'?");
      }
    }
  };
  for (const auto& [k, v] : theme.layouts) check("layout:" + k, v);
  for (const auto& [k, v] : theme.partials) check("partial:" + k, v);

  // strings.toml: every value a string, in tables as deep as the theme likes.
  if (fs.is_file(dir / "strings.toml")) {
    std::string file = dir_display + "/strings.toml";
    auto text = fs.read(dir / "strings.toml");
    config::TomlReader reader(file, 0, local);
    std::optional<toml::table> t;
    if (!text) local.error("read-failed", {file, 0, 0}, "cannot read the file");
    else t = reader.parse(*text);
    struct Flatten {
      Theme& theme;
      config::TomlReader& reader;
      diag::Diagnostics& diags;
      void operator()(const toml::table& table, const std::string& prefix) {
        for (const auto& [k, v] : table) {
          std::string key = prefix + std::string(k.str());
          if (const auto* sub = v.as_table()) (*this)(*sub, key + ".");
          else if (const auto* s = v.as_string()) theme.strings[key] = s->get();
          else
            diags.error("theme-string", reader.where(v), "'" + key + "' must be a string",
                        "write it in quotes: " + std::string(k.str()) + " = \"…\"");
        }
      }
    };
    if (t) Flatten{theme, reader, local}(*t, "");
  }

  bool failed = local.has_errors();
  diags.append(std::move(local));
  if (failed) return std::nullopt;
  return theme;
}

}  // namespace tsu::render
