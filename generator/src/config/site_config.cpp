#include <config/site_config.hpp>
#include <config/toml_reader.hpp>

#include <regex>

namespace tsu::config {

namespace stdfs = std::filesystem;

const std::vector<std::string>& site_keys() {
  static const std::vector<std::string> keys = {
      "title",       "subtitle",   "description", "publisher", "base_url",
      "language",    "content_dir", "output_dir",  "theme",     "assets_dir", "ruby", "easy", "accessibility", "modified",
      "outputs", "print"};
  return keys;
}

const std::vector<std::string>& output_keys() {
  static const std::vector<std::string> keys = {"html", "departments", "read", "epub", "print"};
  return keys;
}

std::optional<RubyPolicy> parse_ruby_policy(std::string_view s) {
  if (s == "none") return RubyPolicy::None;
  if (s == "all") return RubyPolicy::All;
  if (s == "grade") return RubyPolicy::Grade;
  if (s == "first") return RubyPolicy::First;
  return std::nullopt;
}

std::string SiteConfig::display(const stdfs::path& p) const {
  return p.lexically_normal().generic_string();
}

std::optional<SiteConfig> load(const fs::FileSystem& fs, const stdfs::path& config_file,
                               diag::Diagnostics& diags) {
  SiteConfig cfg;
  cfg.root = config_file.parent_path();
  cfg.config_display = config_file.lexically_normal().generic_string();
  auto text = fs.read(config_file);
  if (!text) {
    diags.error("config-missing", {cfg.config_display, 0, 0}, "cannot read the site configuration",
                "run tsutawaru in the folder that holds site.toml, or pass --config FILE");
    return std::nullopt;
  }
  diag::Diagnostics local;
  TomlReader r(cfg.config_display, 0, local);
  auto table = r.parse(*text);
  if (!table) {
    diags.append(std::move(local));
    return std::nullopt;
  }
  r.reject_unknown_keys(*table, site_keys());

  if (auto v = r.string(*table, "title")) cfg.title = *v;
  else if (!table->contains("title"))
    local.error("config-title", {cfg.config_display, 1, 1}, "site.toml has no title",
                "add a line such as: title = \"西東京市地域福祉計画\"");
  cfg.subtitle = r.string(*table, "subtitle").value_or("");
  cfg.description = r.string(*table, "description").value_or("");
  cfg.publisher = r.string(*table, "publisher").value_or("");
  cfg.base_url = r.string(*table, "base_url").value_or("");
  if (!cfg.base_url.empty() && cfg.base_url.back() != '/') cfg.base_url += '/';
  cfg.language = r.string(*table, "language").value_or("ja");
  if (auto m = r.string(*table, "modified")) {
    // YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ: the EPUB's dcterms:modified (never the clock,
    // so a rebuild is byte for byte the same)
    static const std::regex date_re(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?)");
    if (!std::regex_match(*m, date_re))
      local.error("config-modified", r.where(*table->get("modified")), "modified must be a date such as 2024-03-01",
                  "write modified = \"2024-03-01\" (or 2024-03-01T09:00:00Z)");
    else cfg.modified = m->size() == 10 ? *m + "T00:00:00Z" : *m;
  }

  auto dir = [&](std::string_view key, std::string_view fallback) {
    auto v = r.string(*table, key).value_or(std::string(fallback));
    stdfs::path p(v);
    return p.is_absolute() ? p : (cfg.root / p).lexically_normal();
  };
  cfg.content_dir = dir("content_dir", "content");
  cfg.output_dir = dir("output_dir", "public");
  cfg.theme_dir = dir("theme", "themes/default");
  cfg.assets_dir = dir("assets_dir", "assets");

  cfg.ruby.readings = cfg.content_dir / "readings.toml";
  if (const auto* ruby = r.table(*table, "ruby")) {
    r.reject_unknown_keys(*ruby, {"policy", "grade", "dictionary", "kanjidic", "readings"}, "ruby");
    if (auto p = r.string(*ruby, "policy")) {
      if (auto pol = parse_ruby_policy(*p)) cfg.ruby.policy = *pol;
      else
        local.error("ruby-policy", r.where(*ruby->get("policy")), "unknown ruby policy '" + *p + "'",
                    "use one of: none, all, grade, first");
    }
    if (auto g = r.integer(*ruby, "grade")) {
      if (*g < 1 || *g > 6)
        local.error("ruby-grade", r.where(*ruby->get("grade")), "grade must be 1–6 (小学校の学年)");
      else cfg.ruby.grade = static_cast<int>(*g);
    }
    if (auto d = r.string(*ruby, "dictionary")) cfg.ruby.dictionary = *d;
    if (auto k = r.string(*ruby, "kanjidic")) cfg.ruby.kanjidic = *k;
    if (auto rd = r.string(*ruby, "readings")) cfg.ruby.readings = (cfg.root / *rd).lexically_normal();
  }

  if (const auto* easy = r.table(*table, "easy")) {
    r.reject_unknown_keys(*easy, {"max_sentence", "mean_sentence", "kanji_ratio", "kanji_run", "wakachi",
                                  "department_column"},
                          "easy");
    auto number = [&](std::string_view key, double& into) {
      const toml::node* n = easy->get(key);
      if (!n) return;
      if (n->is_number()) into = n->value<double>().value_or(into);
      else local.error("wrong-type", r.where(*n), "'" + std::string(key) + "' must be a number");
    };
    if (auto v = r.integer(*easy, "max_sentence")) cfg.easy.max_sentence = static_cast<int>(*v);
    number("mean_sentence", cfg.easy.mean_sentence);
    number("kanji_ratio", cfg.easy.kanji_ratio);
    if (auto v = r.integer(*easy, "kanji_run")) cfg.easy.kanji_run = static_cast<int>(*v);
    if (auto v = r.boolean(*easy, "wakachi")) cfg.easy.wakachi = *v;
    if (auto v = r.string(*easy, "department_column")) cfg.easy.department_column = *v;
  }

  if (const auto* a11y = r.table(*table, "accessibility")) {
    auto& a = cfg.accessibility;
    r.reject_unknown_keys(*a11y, {"standard", "target", "conformance", "policy", "scope", "test_method", "tested",
                                  "contact"},
                          "accessibility");
    a.present = true;
    a.standard = r.string(*a11y, "standard").value_or(a.standard);
    a.target = r.string(*a11y, "target").value_or(a.target);
    a.conformance = r.string(*a11y, "conformance").value_or("");
    a.policy = r.string(*a11y, "policy").value_or("");
    a.scope = r.string(*a11y, "scope").value_or("");
    a.test_method = r.string(*a11y, "test_method").value_or("");
    a.tested = r.string(*a11y, "tested").value_or("");
    a.contact = r.string(*a11y, "contact").value_or("");
  }

  if (const auto* outs = r.table(*table, "outputs")) {
    r.reject_unknown_keys(*outs, output_keys(), "outputs");
    for (const auto& key : output_keys())
      if (auto v = r.boolean(*outs, key)) cfg.outputs.set[key] = *v;
  }

  if (const auto* print = r.table(*table, "print")) {
    auto& pc = cfg.print;
    r.reject_unknown_keys(*print, {"code_size_mm", "code_capacity", "code_side", "font", "font_size_pt",
                                   "write_in_lines"},
                          "print");
    // A number in a range, or an error at the value.
    auto number = [&](std::string_view key, double& into, double lo, double hi, const char* what) {
      const toml::node* n = print->get(key);
      if (!n) return;
      auto v = n->value<double>();
      if (!n->is_number() || !v) local.error("wrong-type", r.where(*n), "'" + std::string(key) + "' must be a number");
      else if (*v < lo || *v > hi)
        local.error("print-range", r.where(*n), "'" + std::string(key) + "' must be " + what);
      else into = *v;
    };
    number("code_size_mm", pc.code_size_mm, 10, 40, "between 10 and 40 (mm)");
    number("font_size_pt", pc.font_size_pt, 9, 18, "between 9 and 18 (pt)");
    if (auto v = r.integer(*print, "code_capacity")) {
      if (*v < 100 || *v > 10000)
        local.error("print-range", r.where(*print->get("code_capacity")), "'code_capacity' must be between 100 and 10000 (characters)");
      else pc.code_capacity = static_cast<int>(*v);
    }
    if (auto v = r.integer(*print, "write_in_lines")) {
      if (*v < 0 || *v > 20)
        local.error("print-range", r.where(*print->get("write_in_lines")), "'write_in_lines' must be between 0 and 20");
      else pc.write_in_lines = static_cast<int>(*v);
    }
    if (auto v = r.string(*print, "code_side")) {
      if (*v == "right") pc.code_side = CodeSide::Right;
      else if (*v == "left") pc.code_side = CodeSide::Left;
      else local.error("print-range", r.where(*print->get("code_side")), "unknown code_side '" + *v + "'",
                       "use \"right\" (left-opening booklets) or \"left\" (right-opening booklets)");
    }
    if (auto v = r.string(*print, "font")) {
      if (*v == "gothic" || *v == "mincho") pc.font = *v;
      else local.error("print-range", r.where(*print->get("font")), "unknown font '" + *v + "'",
                       "use \"gothic\" (BIZ UDGothic) or \"mincho\" (BIZ UDMincho)");
    }
  }

  if (!fs.is_directory(cfg.content_dir))
    local.error("config-content-dir", r.where(*table),
                "content folder '" + cfg.display(cfg.content_dir) + "' does not exist");
  if (!fs.is_directory(cfg.theme_dir))
    local.error("config-theme", r.where(*table),
                "theme folder '" + cfg.display(cfg.theme_dir) + "' does not exist");

  bool failed = local.has_errors();
  diags.append(std::move(local));
  if (failed) return std::nullopt;
  return cfg;
}

}  // namespace tsu::config
