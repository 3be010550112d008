// Each rule of `tsutawaru check` with a sentence that passes and one that fails (issue 4),
// measured with the real analyser.
#include <check/easy.hpp>
#include <fs/file_system.hpp>
#include <ja/services.hpp>
#include <passes/passes.hpp>

#include <doctest/doctest.h>

namespace {

using namespace tsu;

const ja::LoadedServices& services() {
  static auto s = [] {
    diag::Diagnostics ds;
    fs::DiskFileSystem disk;
    config::SiteConfig cfg;
    cfg.ruby.readings = std::string(TSU_SOURCE_DIR) + "/content/readings.toml";
    auto loaded = ja::LoadedServices::load(disk, cfg, ds);
    REQUIRE(loaded);
    return std::move(*loaded);
  }();
  return s;
}

enum class Scope { Sentence, Page };

// The rules a one-page easy site breaks: the sentence rules, or only the page rules.
std::vector<std::string> rules_broken(const std::string& markdown, std::set<std::string> exempt = {},
                                      Scope scope = Scope::Sentence) {
  content::Page page;
  page.easy = true;
  page.display = "content/goal-1/index.easy.md";
  page.body = markdown;
  page.body_line = 5;
  diag::Diagnostics ds;
  auto doc = markdown::parse({page.body, page.display, page.body_line}, ds);
  auto view = services().view();
  if (view.readings)
    for (const auto& e : view.readings->entries()) exempt.insert(e.surface);
  auto report = check::check_page(page, doc, view, exempt, config::EasyConfig{});
  std::vector<std::string> rules;
  for (const auto& v : report.violations) {
    bool page_rule = v.rule == "mean-sentence" || v.rule == "kanji-ratio";
    if (page_rule == (scope == Scope::Page)) rules.push_back(v.rule);
  }
  return rules;
}

using Rules = std::vector<std::string>;

}  // namespace

TEST_CASE("check: max-sentence (50 characters)") {
  CHECK(rules_broken("市は、地域の 人が 集まる 場所を ふやします。") == Rules{});
  CHECK(rules_broken("市は、地域の 人が 気軽に 集まって 話したり 相談したり できる 場所を、"
                     "地区会館や 公民館や 空き家を 使って、これから 少しずつ ふやして いきます。") ==
        Rules{"max-sentence"});
}

TEST_CASE("check: kanji-run (4), explained terms and departments excepted") {
  CHECK(rules_broken("地域福祉を すすめます。") == Rules{});
  CHECK(rules_broken("民生委員に 相談します。") == Rules{});                     // readings.toml term
  CHECK(rules_broken("担当は 高齢者支援課です。", {"高齢者支援課"}) == Rules{});  // a department
  CHECK(rules_broken("地域福祉計画を 読みます。") == Rules{"kanji-run"});
}

TEST_CASE("check: double-negative") {
  CHECK(rules_broken("だれでも 参加できます。") == Rules{});
  CHECK(rules_broken("だれでも 参加できないことはないです。") == Rules{"double-negative"});
}

TEST_CASE("check: keigo (honorific and humble forms, but 〜てください is allowed)") {
  CHECK(rules_broken("意見を もらいます。") == Rules{});
  CHECK(rules_broken("ここに 書いて ください。") == Rules{});
  CHECK(rules_broken("意見を いただきます。") == Rules{"keigo"});
  CHECK(rules_broken("市が 説明いたします。") == Rules{"keigo"});
}

TEST_CASE("check: predicate-chain (one が/けど/ので join at most)") {
  CHECK(rules_broken("雨が 降ったので、家に いました。") == Rules{});
  CHECK(rules_broken("雨が 降ったので、家に いたが、さびしかったです。") == Rules{"predicate-chain"});
}

TEST_CASE("check: mean-sentence (30) and kanji-ratio (0.25) are page rules") {
  auto page = Scope::Page;
  CHECK(rules_broken("こんにちは。\n\nみんなで はなします。\n", {}, page) == Rules{});
  CHECK(rules_broken("いろいろな ひとが あつまって はなしたり そうだんしたり できる ばしょを ふやします。\n\n"
                     "ボランティアの ひとが かつどうしやすい ように じょうほうを あつめて しらせます。\n",
                     {}, page) == Rules{"mean-sentence"});
  CHECK(rules_broken("地域福祉の充実と推進。\n", {}, page) == Rules{"kanji-ratio"});
}

TEST_CASE("check: a violation names file, line and column") {
  content::Page page;
  page.easy = true;
  page.display = "content/goal-1/index.easy.md";
  page.body = "## 市が すること\n\n- 意見を もらいます。意見を いただきます。\n";
  page.body_line = 5;
  diag::Diagnostics ds;
  auto doc = markdown::parse({page.body, page.display, page.body_line}, ds);
  auto report = check::check_page(page, doc, services().view(), {}, config::EasyConfig{});
  REQUIRE(report.violations.size() == 1);
  CHECK(report.violations[0].where.line == 7);
  CHECK(report.violations[0].where.column == 13);
  CHECK(report.violations[0].sentence == "意見を いただきます。");
}

TEST_CASE("passes::wakachi puts a space between bunsetsu on easy pages only") {
  content::Site site;
  site.config.easy.wakachi = true;
  content::Page page;
  page.easy = true;
  site.pages = {page};
  auto run = [&](const content::Page& p) {
    diag::Diagnostics ds;
    auto doc = markdown::parse({"みんなで地域をつくります。地域福祉を進めます。", "x.md", 1}, ds);
    std::vector<passes::Heading> toc;
    auto view = services().view();
    passes::Context ctx{site, p, doc, toc, ds, &view};
    passes::wakachi(ctx);
    return std::string(doc.body().child("p").text().get());
  };
  CHECK(run(site.pages[0]) == "みんなで 地域を つくります。地域福祉を 進めます。");
  content::Page standard;
  CHECK(run(standard) == "みんなで地域をつくります。地域福祉を進めます。");
}
