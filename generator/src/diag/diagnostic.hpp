#pragma once
#include <string>
#include <vector>

namespace tsu::diag {

enum class Severity { Error, Warning };

/// A place in a source file. line and column are 1-based; 0 means "not known".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

/// One user-facing message: what went wrong, where, and how to fix it.
struct Diagnostic {
  std::string id;  ///< stable, e.g. "config-syntax"; tests and docs refer to it
  Severity severity = Severity::Error;
  Location where;
  std::string message;
  std::string hint;         ///< optional "did you mean …" or how to fix it
  std::string source_line;  ///< optional: the offending line, shown with a caret
};

/// Collects diagnostics so a stage can report all of them, not just the first.
class Diagnostics {
public:
  void add(Diagnostic d);
  void error(std::string id, Location where, std::string message, std::string hint = {});
  void warning(std::string id, Location where, std::string message, std::string hint = {});
  /// Moves every diagnostic of other into this one, in order.
  void append(Diagnostics&& other);

  [[nodiscard]] bool has_errors() const { return m_errors > 0; }
  [[nodiscard]] int error_count() const { return m_errors; }
  [[nodiscard]] const std::vector<Diagnostic>& all() const { return m_items; }

private:
  std::vector<Diagnostic> m_items;
  int m_errors = 0;
};

/// Formats as `file:line:col: error: message [id]`, then the source line with a caret
/// under the column and the hint (GCC/ninja style, which editors can jump to).
std::string format(const Diagnostic& d);

/// The 1-based line `line` of text, without its line ending; empty when out of range.
std::string line_of(std::string_view text, int line);

/// The closest candidate to word by edit distance, if it is close enough to be a typo.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace tsu::diag
