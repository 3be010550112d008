#include <print/lines.hpp>
#include <text/unicode.hpp>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <memory>
#include <set>

namespace tsu::print {

double advance_em(char32_t c) {
  auto cat = u_charType(static_cast<UChar32>(c));
  if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || cat == U_CONTROL_CHAR || cat == U_FORMAT_CHAR)
    return 0;
  if (text::is_wide(c)) return 1;
  if (u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH) == U_EA_AMBIGUOUS) return 1;
  return 0.5;
}

bool has_class(pugi::xml_node n, std::string_view cls) {
  std::string_view v = n.attribute("class").value();
  while (!v.empty()) {
    auto sp = v.find(' ');
    if (v.substr(0, sp) == cls) return true;
    if (sp == std::string_view::npos) break;
    v.remove_prefix(sp + 1);
  }
  return false;
}

namespace {

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r'; }

double text_em(std::string_view s) {
  double em = 0;
  for (char32_t c : text::to_utf32(s)) em += advance_em(c);
  return em;
}

class Collector {
public:
  explicit Collector(InlineText& out) : m_out(out) {}

  void walk(pugi::xml_node n) {
    for (auto c : n.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        add_text(c.value());
      } else if (c.type() == pugi::node_element) {
        std::string_view name = c.name();
        if (name == "rt" || name == "rp") continue;
        if (name == "br") {
          add_atom("\n", 0, false, true);
          m_space_pending = false;
        } else if (name == "ruby") {
          add_ruby(c);
        } else {
          walk(c);
        }
      }
    }
  }

private:
  void add_atom(std::string_view s, double em, bool space, bool forced) {
    InlineText::Atom a;
    a.begin = m_out.text.size();
    m_out.text += s;
    a.end = m_out.text.size();
    a.em = em;
    a.space = space;
    a.forced_break = forced;
    m_out.atoms.push_back(a);
  }

  void flush_space() {
    // A collapsed space between two atoms; none at the start or after a forced break.
    if (m_space_pending && !m_out.atoms.empty() && !m_out.atoms.back().forced_break) add_atom(" ", 0.5, true, false);
    m_space_pending = false;
  }

  void add_text(std::string_view s) {
    std::size_t i = 0;
    std::string word;
    auto flush_word = [&] {
      if (word.empty()) return;
      flush_space();
      auto bounds = text::grapheme_ends(word);
      std::size_t prev = 0;
      for (auto b : bounds) {
        std::string_view g(word.data() + prev, b - prev);
        add_atom(g, text_em(g), false, false);
        prev = b;
      }
      word.clear();
    };
    while (i < s.size()) {
      std::size_t start = i;
      char32_t c = text::next_code_point(s, i);
      if (is_space(c)) {
        flush_word();
        m_space_pending = true;
      } else {
        word.append(s.substr(start, i - start));
      }
    }
    flush_word();
  }

  void add_ruby(pugi::xml_node ruby) {
    std::string base, reading;
    for (auto c : ruby.children()) {
      if (c.type() == pugi::node_element && std::string_view(c.name()) == "rt") reading += text::to_nfc(c.text().get());
      else if (c.type() == pugi::node_element && std::string_view(c.name()) == "rp") continue;
      else if (c.type() == pugi::node_pcdata) base += c.value();
      else if (c.type() == pugi::node_element) base += c.text().get();
    }
    bool visible = !has_class(ruby, "rh");  // the ruby pass marks readings the policy hides
    double em = text_em(base);
    if (visible && !reading.empty()) {
      m_out.visible_ruby = true;
      em = std::max(em, text_em(reading) / 2);
    }
    flush_space();
    add_atom(base, em, false, false);
  }

  InlineText& m_out;
  bool m_space_pending = false;
};

}  // namespace

InlineText inline_text(pugi::xml_node element) {
  InlineText t;
  Collector(t).walk(element);
  while (!t.atoms.empty() && t.atoms.back().space) {  // trailing white space is not set
    t.text.resize(t.atoms.back().begin);
    t.atoms.pop_back();
  }
  return t;
}

std::vector<Line> set_lines(const InlineText& t, double width_em, double indent_em) {
  std::vector<Line> lines;
  if (t.atoms.empty()) return lines;

  // Break opportunities before an atom, from ICU's Japanese line breaker with strict
  // kinsoku (JIS X 4051 / JLREQ line-start and line-end prohibitions).
  std::set<std::size_t> breaks;
  {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, t.text.data(), static_cast<int64_t>(t.text.size()), &status);
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createLineInstance(icu::Locale("ja@lb=strict"), status));
    if (U_SUCCESS(status)) {
      it->setText(ut, status);
      for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) breaks.insert(static_cast<std::size_t>(b));
    }
    utext_close(ut);
  }
  auto may_break_before = [&](std::size_t i) { return breaks.count(t.atoms[i].begin) > 0; };

  // Glyph advances are snapped to 1/64 px by the browser: a line that fills the width to
  // the last hundredth of an em is counted as full.
  constexpr double slack = 0.01;
  std::size_t start = 0;
  auto emit = [&](std::size_t first, std::size_t last) {
    Line l{first, last, {}};
    for (std::size_t k = first; k < last; ++k)
      if (!t.atoms[k].forced_break) l.text.append(t.text, t.atoms[k].begin, t.atoms[k].end - t.atoms[k].begin);
    while (!l.text.empty() && l.text.back() == ' ') l.text.pop_back();
    lines.push_back(std::move(l));
  };
  while (start < t.atoms.size()) {
    double limit = (lines.empty() ? width_em - indent_em : width_em) - slack;
    double w = 0;
    std::size_t i = start;
    std::size_t end = t.atoms.size();  // where this line ends (exclusive)
    std::size_t next = t.atoms.size();  // where the next line starts
    for (; i < t.atoms.size(); ++i) {
      const auto& a = t.atoms[i];
      if (a.forced_break) {
        end = i;
        next = i + 1;
        break;
      }
      if (a.space || w + a.em <= limit || i == start) {  // spaces hang; a line holds one atom at least
        w += a.em;
        continue;
      }
      // Overflow at atom i: break at the last opportunity after start, else before i.
      std::size_t b = i;
      while (b > start + 1 && !may_break_before(b)) --b;
      if (!may_break_before(b)) b = i;  // overflow-wrap: anywhere
      end = b;
      next = b;
      break;
    }
    emit(start, end);
    while (next < t.atoms.size() && t.atoms[next].space) ++next;  // a space at a line start is removed
    start = next;
  }
  return lines;
}

}  // namespace tsu::print
