#include <passes/passes.hpp>

namespace tsu::passes {

namespace {

// A token that starts a 文節 (bunsetsu): an independent word. A noun after a noun continues
// a compound (地域 福祉 stays 地域福祉), and a word after a prefix belongs to it.
bool starts_bunsetsu(const ja::Token& t, const ja::Token& prev) {
  if (prev.pos == "接頭詞") return false;
  bool independent = (t.pos == "名詞" && t.pos1 != "接尾" && t.pos1 != "非自立") ||
                     (t.pos == "動詞" && t.pos1 == "自立") || (t.pos == "形容詞" && t.pos1 == "自立") ||
                     t.pos == "副詞" || t.pos == "連体詞" || t.pos == "接続詞" || t.pos == "接頭詞" ||
                     t.pos == "感動詞";
  if (!independent) return false;
  if (t.pos == "名詞" && prev.pos == "名詞") return false;
  return prev.pos != "記号";
}

bool is_space(const std::string& s) {
  return !s.empty() && (s.back() == ' ' || s.compare(s.size() >= 3 ? s.size() - 3 : 0, 3, "\u3000") == 0);
}

void walk(pugi::xml_node n, const ja::Tokenizer& tok) {
  for (auto c : n.children()) {
    if (c.type() == pugi::node_element && !leaves_text_alone(c.name())) walk(c, tok);
    if (c.type() != pugi::node_pcdata) continue;
    std::string out;
    const ja::Token* prev = nullptr;
    auto tokens = tok.tokenize(c.value());
    for (const auto& t : tokens) {
      if (prev && starts_bunsetsu(t, *prev) && !is_space(out) && t.surface[0] != ' ') out += ' ';
      out += t.surface;
      prev = &t;
    }
    c.set_value(out.c_str());
  }
}

}  // namespace

// 分かち書き (issue 4, [easy] wakachi = true): a space between bunsetsu on やさしい日本語
// pages, as readers of plain Japanese are used to (みんなで 地域を つくります).
void wakachi(Context& ctx) {
  if (!ctx.page.easy || !ctx.site.config.easy.wakachi || !ctx.ja || !ctx.ja->tokenizer) return;
  walk(ctx.doc.body(), *ctx.ja->tokenizer);
}

}  // namespace tsu::passes
