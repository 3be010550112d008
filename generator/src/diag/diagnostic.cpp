#include <diag/diagnostic.hpp>

#include <algorithm>

namespace tsu::diag {

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::Error) ++m_errors;
  m_items.push_back(std::move(d));
}

void Diagnostics::error(std::string id, Location where, std::string message, std::string hint) {
  add({std::move(id), Severity::Error, std::move(where), std::move(message), std::move(hint), {}});
}

void Diagnostics::warning(std::string id, Location where, std::string message, std::string hint) {
  add({std::move(id), Severity::Warning, std::move(where), std::move(message), std::move(hint),
       {}});
}

void Diagnostics::append(Diagnostics&& other) {
  for (auto& d : other.m_items) add(std::move(d));
  other.m_items.clear();
  other.m_errors = 0;
}

std::string format(const Diagnostic& d) {
  std::string out = d.where.file.empty() ? std::string("tsutawaru") : d.where.file;
  if (d.where.line > 0) {
    out += ':' + std::to_string(d.where.line);
    if (d.where.column > 0) out += ':' + std::to_string(d.where.column);
  }
  out += d.severity == Severity::Error ? ": error: " : ": warning: ";
  out += d.message;
  if (!d.id.empty()) out += " [" + d.id + "]";
  out += '\n';
  if (!d.source_line.empty()) {
    out += "  " + d.source_line + '\n';
    if (d.where.column > 0) {
      // The caret goes under the column's byte offset; a terminal shows wide characters two
      // cells wide, so count them (UTF-8 lead bytes of 3+ byte sequences) twice.
      std::string pad = "  ";
      int col = 1;
      for (std::size_t i = 0; i < d.source_line.size() && col < d.where.column; ++i) {
        auto c = static_cast<unsigned char>(d.source_line[i]);
        if ((c & 0xC0) == 0x80) continue;  // continuation byte: same character
        ++col;
        if (c < 0x80) pad += d.source_line[i] == '\t' ? '\t' : ' ';
        else pad += c >= 0xE0 ? "  " : " ";
      }
      out += pad + "^\n";
    }
  }
  if (!d.hint.empty()) out += "  hint: " + d.hint + '\n';
  return out;
}

std::string line_of(std::string_view text, int line) {
  if (line < 1) return {};
  std::size_t start = 0;
  for (int l = 1; l < line; ++l) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  auto end = text.find('\n', start);
  auto s = text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return std::string(s);
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    auto d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace tsu::diag
