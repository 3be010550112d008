#pragma once
#include <diag/diagnostic.hpp>
#include <fs/file_system.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace tsu::config {

/// Which words of a standard page show furigana (the reader's toggle overrides it).
enum class RubyPolicy {
  None,   ///< none shown (readings still in the page for the toggle and audio outputs)
  All,    ///< every word with kanji
  Grade,  ///< words with a kanji taught after school grade `grade` (学年別漢字配当表)
  First,  ///< the first occurrence of each word on a page
};

/// Parses "none" | "all" | "grade" | "first".
std::optional<RubyPolicy> parse_ruby_policy(std::string_view s);

/// site.toml [ruby].
struct RubyConfig {
  RubyPolicy policy = RubyPolicy::None;
  int grade = 6;                                ///< with policy grade: 1–6
  std::string dictionary = "/var/lib/mecab/dic/ipadic-utf8";  ///< MeCab dictionary folder
  std::string kanjidic = "/usr/share/edict/kanjidic";         ///< Debian kanjidic
  std::filesystem::path readings;               ///< default content_dir/readings.toml
};

/// site.toml [easy]: the rules やさしい日本語 pages are checked against (tsutawaru check).
struct EasyConfig {
  int max_sentence = 50;        ///< characters (grapheme clusters, no ruby, no spaces)
  double mean_sentence = 30;    ///< mean characters per sentence on a page
  double kanji_ratio = 0.25;    ///< kanji / characters on a page
  int kanji_run = 4;            ///< longest run of kanji, explained terms and departments excepted
  bool wakachi = false;         ///< 分かち書き: a space between bunsetsu on easy pages
  std::string department_column = "所管課";  ///< table column whose cells name departments
};

/// site.toml [accessibility]: the アクセシビリティ方針 page public bodies publish under
/// JIS X 8341-3 (policy, target level, scope, how it was tested). No table: no page.
struct AccessibilityConfig {
  bool present = false;
  std::string standard = "JIS X 8341-3:2016";
  std::string target = "AA";     ///< 適合レベル
  std::string conformance;        ///< 対応度, e.g. 準拠 / 一部準拠 / 配慮
  std::string policy;             ///< the policy in the city's words
  std::string scope;              ///< 対象範囲
  std::string test_method;        ///< 試験の方法
  std::string tested;             ///< when it was tested
  std::string contact;            ///< お問い合わせ
};

/// site.toml [outputs]: which outputs a build writes, one boolean key per output (every
/// output is on unless its key says false). Keys are the output formats' names (the rows
/// of outputs::formats(): "html", and the rows later issues add) and the generated page
/// sets ("departments": the 所管課一覧 pages). A branch adding an output adds its key to
/// output_keys().
struct OutputsConfig {
  std::map<std::string, bool, std::less<>> set;  ///< the keys site.toml gave
  /// Whether the output named name is written.
  bool on(std::string_view name) const {
    auto it = set.find(name);
    return it == set.end() || it->second;
  }
};

/// The keys [outputs] may hold.
const std::vector<std::string>& output_keys();

/// Which bottom corner of a printed page holds the voice code.
enum class CodeSide { Right, Left };

/// site.toml [print]: the print pages (A4 sheets with a voice-code slot, docs/print.md).
struct PrintConfig {
  double code_size_mm = 17.9;   ///< the voice code's side (Uni-Voice / SPコード size M)
  int code_capacity = 800;      ///< characters one code holds; a page's voice text stays within
  CodeSide code_side = CodeSide::Right;  ///< left for right-opening (右開き) booklets
  std::string font = "gothic";  ///< "gothic" (BIZ UDGothic) or "mincho" (BIZ UDMincho)
  double font_size_pt = 12;     ///< body text size
  int write_in_lines = 4;       ///< ruled lines in each 地域で取り組むこと box
};

/// Everything site.toml says. Paths are resolved against the folder that holds site.toml,
/// so `tsutawaru build --config other/site.toml` builds that other site.
struct SiteConfig {
  std::filesystem::path root;         ///< folder holding site.toml (as given, may be relative)
  std::string config_display;         ///< site.toml's path as shown in diagnostics
  std::string title;                  ///< the plan's name, e.g. 第4期西東京市地域福祉計画
  std::string subtitle;               ///< e.g. 第5章 施策の展開
  std::string description;            ///< one sentence for <meta name="description">
  std::string publisher;              ///< who publishes it, e.g. 西東京市
  std::string base_url;               ///< absolute URL of the published site, ending in "/"
  std::string language = "ja";        ///< BCP 47 tag for <html lang>
  /// When the plan's text last changed (site.toml `modified`): the EPUB's dcterms:modified.
  std::string modified = "2000-01-01T00:00:00Z";
  std::filesystem::path content_dir;  ///< default root/content
  std::filesystem::path output_dir;   ///< default root/public
  std::filesystem::path theme_dir;    ///< default root/themes/default
  std::filesystem::path assets_dir;   ///< default root/assets
  RubyConfig ruby;                    ///< [ruby]
  EasyConfig easy;                    ///< [easy]
  AccessibilityConfig accessibility;  ///< [accessibility]
  OutputsConfig outputs;              ///< [outputs]
  PrintConfig print;                  ///< [print]

  /// A path below root, as shown in diagnostics ("content/goal-1/index.md" or, when the
  /// config came from elsewhere, "other/content/goal-1/index.md").
  std::string display(const std::filesystem::path& p) const;
};

/// The keys site.toml may hold (top level).
const std::vector<std::string>& site_keys();

/// Reads and checks site.toml. Reports every problem; nullopt when any is an error.
std::optional<SiteConfig> load(const fs::FileSystem& fs, const std::filesystem::path& config_file,
                               diag::Diagnostics& diags);

}  // namespace tsu::config
