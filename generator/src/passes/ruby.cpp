#include <dom/html.hpp>
#include <ja/kana.hpp>
#include <passes/passes.hpp>
#include <text/unicode.hpp>

#include <regex>
#include <set>
#include <unordered_map>

namespace tsu::passes {

namespace {

int line_of(pugi::xml_node n) {
  for (; n; n = n.parent())
    if (auto a = n.attribute("data-line")) return a.as_int();
  return 0;
}

// file:line:col of needle in the page's Markdown, searched from the block's line on.
diag::Location locate(const content::Page& page, int line, const std::string& needle) {
  if (auto at = page.find_in_source(needle, line)) return {page.display, at->line, at->column};
  return {page.display, line, 0};
}

std::size_t chars(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) text::next_code_point(s, i);
  return n;
}

class Ruby {
public:
  explicit Ruby(Context& ctx) : m_ctx(ctx) {
    const auto& cfg = ctx.site.config.ruby;
    // やさしい日本語 pages always give every kanji its reading (issue 3).
    m_policy = ctx.page.easy ? config::RubyPolicy::All : ctx.page.front.ruby.value_or(cfg.policy);
    m_grade = ctx.page.front.ruby_grade.value_or(cfg.grade);
  }

  void walk(pugi::xml_node n) {
    std::vector<pugi::xml_node> texts;
    for (auto c : n.children()) {
      if (c.type() == pugi::node_pcdata) texts.push_back(c);
      else if (c.type() == pugi::node_element && !leaves_text_alone(c.name())) walk(c);
    }
    for (auto t : texts) text_node(t);
  }

private:
  // Whether the page's policy shows this word's furigana (the reader's toggle can show all).
  bool shown(const std::string& base) {
    switch (m_policy) {
      case config::RubyPolicy::None: return false;
      case config::RubyPolicy::All: return true;
      case config::RubyPolicy::First: return m_seen.insert(base).second;
      case config::RubyPolicy::Grade: {
        if (!m_ctx.ja->kanji) return true;
        for (std::size_t i = 0; i < base.size();) {
          char32_t c = text::next_code_point(base, i);
          if (!ja::is_kanji(c) || c == U'々') continue;
          int g = m_ctx.ja->kanji->grade(c);
          if (g == 0 || g > m_grade) return true;
        }
        return false;
      }
    }
    return true;
  }

  // <ruby>民<rt>みん</rt>生<rt>せい</rt></ruby> in the tree; dom::serialize writes each
  // <rt> as <rp>（</rp><rt aria-hidden="true">みん</rt><rp>）</rp>: the readings are hidden
  // from assistive technology, so a screen reader reads the word once (W3C ruby TTS note;
  // html-aam #352), and <rp> is not rendered where ruby is supported. Three nodes a
  // reading instead of nine: this pass makes one for nearly every word of a page.
  void make_ruby(pugi::xml_node parent, pugi::xml_node before, const std::string& base,
                 const std::string& reading, const std::vector<std::string>& per_char, bool show) {
    auto ruby = parent.insert_child_before("ruby", before);
    if (!show) ruby.append_attribute("class").set_value("rh");
    auto pair = [&](std::string_view b, const std::string& r) {
      ruby.append_child(pugi::node_pcdata).set_value(b.data(), b.size());
      ruby.append_child("rt").append_child(pugi::node_pcdata).set_value(r.data(), r.size());
    };
    if (!per_char.empty() && per_char.size() == chars(base)) {
      std::size_t i = 0, k = 0;
      while (i < base.size()) {
        std::size_t start = i;
        text::next_code_point(base, i);
        pair(std::string_view(base).substr(start, i - start), per_char[k++]);
      }
    } else {
      pair(base, reading);
    }
  }

  void plain(pugi::xml_node parent, pugi::xml_node before, std::string_view s) {
    if (s.empty()) return;
    parent.insert_child_before(pugi::node_pcdata, before).set_value(s.data(), s.size());
  }

  void analysed(pugi::xml_node parent, pugi::xml_node before, std::string_view s, int line) {
    if (s.empty()) return;
    static const std::regex unclosed(R"(\{[^{}]*\|)");
    std::smatch open;
    if (std::string str; s.find('{') != std::string_view::npos && std::regex_search(str.assign(s), open, unclosed))
      m_ctx.diags.error("ruby-unclosed", locate(m_ctx.page, line, open.str()),
                        "author ruby '{…|…' is not closed with '}'",
                        "write {漢字|かんじ}; in a table write {漢字\\|かんじ}");
    std::string pending;
    ja::annotate_each(s, *m_ctx.ja, [&](const ja::RubyRun& run) {
      if (run.reading.empty()) {
        pending += run.base;
        return;
      }
      plain(parent, before, pending);
      pending.clear();
      make_ruby(parent, before, run.base, run.reading, run.per_char, shown(run.base));
    });
    plain(parent, before, pending);
  }

  void text_node(pugi::xml_node t) {
    std::string value = t.value();
    auto parent = t.parent();
    int line = line_of(parent);
    // Author ruby as in でんでんマークダウン: {西東京市|にしとうきょうし} (group) and
    // {漢字|かん|じ} (one reading per character). It always wins over the analyser.
    static const std::regex author(R"(\{([^{}|\n]+)((?:\|[^{}|\n]*)+)\})");
    static const std::string none = "";
    const std::string& scanned = value.find('{') == std::string::npos ? none : value;
    std::size_t last = 0;
    for (std::sregex_iterator it(scanned.begin(), scanned.end(), author), end; it != end; ++it) {
      const auto& m = *it;
      analysed(parent, t, std::string_view(value).substr(last, static_cast<std::size_t>(m.position()) - last), line);
      last = static_cast<std::size_t>(m.position() + m.length());
      std::string base = m[1].str();
      std::vector<std::string> readings;
      std::string rest = m[2].str();
      for (std::size_t p = 1; p <= rest.size();) {
        auto bar = rest.find('|', p);
        readings.push_back(rest.substr(p, bar == std::string::npos ? std::string::npos : bar - p));
        p = bar == std::string::npos ? rest.size() + 1 : bar + 1;
      }
      bool ok = true;
      for (const auto& r : readings) ok = ok && ja::all_kana(r);
      if (!ok || (readings.size() > 1 && readings.size() != chars(base))) {
        m_ctx.diags.error("ruby-mismatch", locate(m_ctx.page, line, m.str()),
                          "author ruby '" + m.str() + "': " +
                              (ok ? std::to_string(readings.size()) + " readings for " +
                                        std::to_string(chars(base)) + " characters"
                                  : std::string("readings must be kana")),
                          "write {漢字|かんじ} for the whole word or {漢字|かん|じ} with one reading per character");
        plain(parent, t, base);
        continue;
      }
      std::string joined;
      for (const auto& r : readings) joined += ja::to_hiragana(r);
      std::vector<std::string> per_char;
      if (readings.size() > 1)
        for (const auto& r : readings) per_char.push_back(ja::to_hiragana(r));
      make_ruby(parent, t, base, joined, per_char, true);
    }
    analysed(parent, t, std::string_view(value).substr(last), line);
    parent.remove_child(t);
  }

  Context& m_ctx;
  config::RubyPolicy m_policy;
  int m_grade;
  std::set<std::string> m_seen;
};

}  // namespace

// Furigana (issue 3): every word with kanji becomes a <ruby> that keeps its reading, so
// each output decides how to show it; the page's policy marks the ones not shown with
// class "rh" (the reader's toggle can show them).
void ruby(Context& ctx) {
  if (!ctx.ja || !ctx.ja->tokenizer) return;
  Ruby ruby(ctx);
  ruby.walk(ctx.doc.body());
  // The table of contents and the page title (the layout's h1) get the same ruby as the
  // body, so an easy page has readings on every kanji it shows.
  // One walk finds every heading (the first element with each id, in document order);
  // a search per heading was quadratic on long pages such as the department lists.
  if (!ctx.toc.empty()) {
    std::unordered_map<std::string_view, pugi::xml_node> wanted;
    for (const auto& h : ctx.toc) wanted.emplace(h.id, pugi::xml_node());
    std::size_t missing = wanted.size();
    const auto body = ctx.doc.body();
    for (auto n = body.first_child(); n && missing;) {
      bool down = true;
      if (n.type() == pugi::node_element) {
        if (auto id = n.attribute("id"))
          if (auto it = wanted.find(id.value()); it != wanted.end() && !it->second) {
            it->second = n;
            --missing;
          }
        // no heading inside a paragraph, a heading, code, a table or the ruby this pass made
        std::string_view name = n.name();
        down = !(dom::holds_phrasing_only(name) || name == "table");
      }
      // pre-order: down, else along, else up until a sibling follows
      if (down && n.first_child()) n = n.first_child();
      else {
        while (n && !n.next_sibling() && n != body) n = n.parent();
        n = n && n != body ? n.next_sibling() : pugi::xml_node();
      }
    }
    for (auto& h : ctx.toc)
      if (auto e = wanted[h.id]) h.html = dom::serialize_children(e);
  }
  auto annotate = [&](const std::string& text, std::string* out) {
    if (!out || text.empty()) return;
    pugi::xml_document tmp;
    auto span = tmp.append_child("span");
    dom::append_text(span, text);
    ruby.walk(span);
    *out = dom::serialize_children(span);
  };
  annotate(ctx.page.front.title, ctx.title_html);
  annotate(ctx.page.front.label, ctx.label_html);
}

}  // namespace tsu::passes
