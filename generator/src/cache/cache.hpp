#pragma once
#include <diag/diagnostic.hpp>
#include <passes/passes.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

/// Results of earlier builds, kept for the next one. `tsutawaru serve` keeps one cache
/// across rebuilds, so an edit to one page passes and renders that page again and takes
/// every other page from here.
///
/// Every entry is keyed by a hash of all the inputs that can change it (the page's text,
/// the site's shape, the configuration, the reading list, the templates), so a hit is
/// always the result the work would produce; nothing is ever invalidated by hand.
namespace tsu::cache {

/// A 64-bit hash over a sequence of fields (XXH3, each field seeded with the hash so far).
/// Each field is length-prefixed, so ("ab","c") and ("a","bc") differ.
class Hasher {
public:
  Hasher& add(std::string_view bytes);
  Hasher& add(std::uint64_t n);
  std::uint64_t value() const { return m_h; }

private:
  void mix(const void* data, std::size_t n);
  std::uint64_t m_h = 0xcbf29ce484222325ULL;
};

/// A page after the passes, as the passes stage left it, with the diagnostics the
/// Markdown parser and the passes reported (replayed on a hit, so warnings do not vanish
/// on the second build).
struct Passed {
  std::shared_ptr<const pugi::xml_document> doc;
  std::vector<passes::Heading> toc;
  std::string title_html;
  std::string label_html;
  std::vector<diag::Diagnostic> parse_diags;
  std::vector<diag::Diagnostic> pass_diags;
};

/// How much of the last build came from the cache.
struct Stats {
  int passed_run = 0;     ///< pages parsed and passed
  int passed_cached = 0;  ///< pages taken from the cache
  int rendered_run = 0;   ///< page files rendered
  int rendered_cached = 0;
};

class Cache {
public:
  /// The passed page for key, or nullptr. Marks the entry as used by this build.
  const Passed* find_passed(std::uint64_t key);
  void store_passed(std::uint64_t key, Passed value);

  /// A rendered file for key, or nullptr. Marks the entry as used by this build.
  const std::string* find_rendered(std::uint64_t key);
  void store_rendered(std::uint64_t key, std::string bytes);

  /// Called when a build starts: clears the statistics and the used marks.
  void begin_build();
  /// Called when a build succeeded: drops every entry this build did not use, so the
  /// cache holds one site's worth of results, not every version ever edited.
  void end_build();

  Stats stats;
  /// Inputs every page's key includes, set by the build: the configuration and reading
  /// list (the site key), and the shape of the site seen by the render stage.
  std::uint64_t site_key = 0;
  std::uint64_t view_key = 0;

private:
  std::unordered_map<std::uint64_t, Passed> m_passed;
  std::unordered_map<std::uint64_t, std::string> m_rendered;
  std::unordered_set<std::uint64_t> m_used_passed, m_used_rendered;
};

/// Copies a cached document into a page's own document (passes may not share one).
void copy_into(const pugi::xml_document& from, markdown::Document& to);

}  // namespace tsu::cache
