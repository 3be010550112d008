#include <config/toml_reader.hpp>
#include <ja/kana.hpp>
#include <ja/readings.hpp>
#include <text/unicode.hpp>

#include <algorithm>

namespace tsu::ja {

namespace {

void walk(const toml::table& t, config::TomlReader& r, ReadingList& list, diag::Diagnostics& diags) {
  // toml++ keeps keys sorted; report in the order the file has them.
  std::vector<std::pair<std::string, const toml::node*>> entries;
  for (const auto& [k, v] : t) entries.emplace_back(std::string(k.str()), &v);
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const auto& x = a.second->source().begin;
    const auto& y = b.second->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  for (const auto& entry : entries) {
    const std::string& surface = entry.first;  // not a structured binding: lambdas below capture it
    const toml::node& v = *entry.second;
    auto where = r.where(v);
    if (const auto* sub = v.as_table()) {
      walk(*sub, r, list, diags);
      continue;
    }
    ReadingEntry e{surface, {}, {}};
    auto bad = [&](const std::string& why) {
      diags.error("readings-entry", where, "reading of '" + surface + "': " + why,
                  "write it in kana, e.g. \"西東京市\" = \"にしとうきょうし\"");
    };
    if (auto s = v.value<std::string>(); s && v.is_string()) {
      if (!all_kana(*s)) { bad("'" + *s + "' is not kana"); continue; }
      e.reading = to_hiragana(*s);
    } else if (const auto* arr = v.as_array()) {
      bool ok = true;
      for (const auto& item : *arr) {
        auto s2 = item.value<std::string>();
        if (!s2 || !all_kana(*s2)) { ok = false; break; }
        e.per_char.push_back(to_hiragana(*s2));
        e.reading += e.per_char.back();
      }
      if (!ok) { bad("every per-character reading must be kana"); continue; }
      std::size_t chars = 0;
      for (std::size_t i = 0; i < surface.size(); ++chars) text::next_code_point(surface, i);
      if (e.per_char.size() != chars) {
        bad(std::to_string(e.per_char.size()) + " readings for " + std::to_string(chars) + " characters");
        continue;
      }
    } else {
      bad("the reading must be a string or an array of strings");
      continue;
    }
    list.add(std::move(e));
  }
}
}  // namespace

std::optional<ReadingList> ReadingList::parse(std::string_view toml, const std::string& display,
                                              diag::Diagnostics& diags) {
  diag::Diagnostics local;
  config::TomlReader r(display, 0, local);
  auto table = r.parse(toml);
  ReadingList list;
  if (table) walk(*table, r, list, local);
  bool failed = local.has_errors() || !table;
  diags.append(std::move(local));
  if (failed) return std::nullopt;
  return list;
}

void ReadingList::add(ReadingEntry e) {
  const char32_t first = text::first_code_point(e.surface);
  if (first < m_starts.size()) m_starts[first] = true;
  if (e.surface.find("。") != std::string::npos) m_spans_period = true;
  auto& bucket = m_by_first[first];
  bucket.push_back(std::move(e));
  std::stable_sort(bucket.begin(), bucket.end(),
                   [](const ReadingEntry& a, const ReadingEntry& b) { return a.surface.size() > b.surface.size(); });
  ++m_count;
}

std::vector<ReadingEntry> ReadingList::entries() const {
  std::vector<ReadingEntry> out;
  for (const auto& [k, bucket] : m_by_first) out.insert(out.end(), bucket.begin(), bucket.end());
  return out;
}

const ReadingEntry* ReadingList::longest_at(std::string_view text, std::size_t pos) const {
  if (pos >= text.size()) return nullptr;
  const char32_t first = text::first_code_point(text.substr(pos));
  if (!may_start(first)) return nullptr;  // most characters start no entry
  auto it = m_by_first.find(first);
  if (it == m_by_first.end()) return nullptr;
  for (const auto& e : it->second)
    if (text.compare(pos, e.surface.size(), e.surface) == 0) return &e;
  return nullptr;
}

}  // namespace tsu::ja
