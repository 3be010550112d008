#pragma once
#include <config/site_config.hpp>
#include <content/site.hpp>
#include <diag/diagnostic.hpp>
#include <ja/readability.hpp>
#include <markdown/parse.hpp>

#include <set>
#include <string>
#include <vector>

/// tsutawaru check: やさしい日本語 metrics and rules for every page (issue 4).
namespace tsu::check {

/// A sentence of a page, as a reader sees it (author ruby reduced to its base text).
struct Sentence {
  std::string text;
  int line = 0;
  int column = 1;
};

/// One broken rule: `file:line:col: rule: sentence`.
struct Violation {
  diag::Location where;
  std::string rule;      ///< max-sentence, mean-sentence, kanji-ratio, kanji-run, double-negative, keigo, predicate-chain
  std::string sentence;  ///< the sentence (or, for page rules, what was measured)
  std::string detail;    ///< e.g. "62 characters (max 50)"
};

/// The figures of one page.
struct PageReport {
  const content::Page* page = nullptr;
  std::size_t sentences = 0;
  double mean_length = 0;
  std::size_t max_length = 0;
  double kanji_ratio = 0;
  std::size_t longest_run = 0;
  std::string longest_run_text;
  double beyond_basic = 0;  ///< share of content words with a kanji not taught in grades 1–2
  double jreadability = 0;
  std::vector<Violation> violations;  ///< only for easy pages
};

/// The sentences of a page's body text: paragraphs, list items and table cells (not
/// headings, not the department column), split by ICU's sentence rules, with their line and
/// column in the source.
std::vector<Sentence> sentences_of(const markdown::Document& doc, const content::Page& page,
                                   const std::string& department_column);

/// Words that do not count towards a kanji run: the reading list's terms and the names in
/// the department column of every table.
std::set<std::string> exempt_terms(const std::vector<const markdown::Document*>& docs,
                                   const ja::ReadingList* readings, const std::string& department_column);

/// Measures a page; for easy pages also applies the [easy] rules.
PageReport check_page(const content::Page& page, const markdown::Document& doc, const ja::Services& ja,
                      const std::set<std::string>& exempt, const config::EasyConfig& rules);

/// Plain-text report: each standard page's figures beside its easy page's, then every
/// violation as `file:line:col: rule: sentence`.
std::string format_text(const std::vector<PageReport>& reports, const content::Site& site);
/// The same as JSON, for tools.
std::string format_json(const std::vector<PageReport>& reports);

}  // namespace tsu::check
