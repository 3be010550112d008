// The read-aloud versions of a page (issue 7), all from speech::Voice's blocks: the read
// page's body (no ruby, tables as sentences), read.txt, its CP932 copy, and read.ssml.
#include <dom/html.hpp>
#include <outputs/outputs.hpp>
#include <text/unicode.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace tsu::outputs {

namespace {

using speech::Block;

// The page title first (as the h1 on the page), then the body's blocks (the page's
// listening text, made once for all its formats): each given to f in turn.
template <typename F>
void page_blocks(const FormatInput& in, speech::Voice::Form form, F&& f) {
  f(in.listening.title(form, [&] {
    const auto& voice = in.listening.voice(form);
    Block title;
    title.kind = Block::Kind::Heading;
    title.level = 1;
    const auto& page = *in.result.page;
    const auto& cfg = in.site.config;
    title.words = voice.words(page.kind == content::PageKind::Home
                                  ? (cfg.subtitle.empty() ? cfg.title : cfg.title + "、" + cfg.subtitle)
                              : page.front.label.empty() ? page.front.title
                                                         : page.front.label + "、" + page.front.title);
    title.pieces = title.words;
    title.pieces.push_back({"。", {}});
    return title;
  }));
  for (const auto& b : in.listening.blocks(form)) f(b);
}

// One block a line; a blank line before each section (h2). Made once per page and form.
const std::string& text_of(const FormatInput& in, speech::Voice::Form form) {
  return in.listening.text(form, [&] {
    std::string out;
    bool first = true;
    page_blocks(in, form, [&](const Block& b) {
      if (!first && b.kind == Block::Kind::Heading && b.level <= 2) out += "\n";
      out += speech::spoken(b.pieces);
      out += "\n";
      first = false;
    });
    return out;
  });
}

}  // namespace

std::string read_html(const FormatInput& in) {
  pugi::xml_document doc;
  auto root = doc.append_child("div");
  for (const auto& b : in.listening.blocks(speech::Voice::Form::Written)) {
    switch (b.kind) {
      case Block::Kind::Heading: {
        // the page shows a heading as a heading: the reader announces it, so no 「見出し」
        std::string name = "h" + std::to_string(std::max(2, b.level));
        dom::append(root, name.c_str(), speech::spoken(b.words));
        break;
      }
      case Block::Kind::Caption:
        dom::append(root, "p", speech::spoken(b.pieces)).append_attribute("class").set_value("read-caption");
        break;
      case Block::Kind::Row:
        dom::append(root, "p", speech::spoken(b.pieces)).append_attribute("class").set_value("read-row");
        break;
      case Block::Kind::TableEnd:
        dom::append(root, "p", speech::spoken(b.pieces)).append_attribute("class").set_value("read-table-end");
        break;
      case Block::Kind::Paragraph:
      case Block::Kind::Item:
        dom::append(root, "p", speech::spoken(b.pieces));
        break;
    }
  }
  return dom::serialize_children(root);
}

std::string read_text(const FormatInput& in) { return text_of(in, speech::Voice::Form::Written); }
std::string read_kana(const FormatInput& in) { return text_of(in, speech::Voice::Form::Kana); }

std::string read_sjis(const FormatInput& in) {
  const auto& text = text_of(in, speech::Voice::Form::Written);
  // Windows tools expect CRLF in a Shift_JIS text file.
  std::string crlf;
  crlf.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto enc = text::to_cp932(crlf);
  for (char32_t c : enc.replaced) {
    std::string ch;
    text::append_utf8(ch, c);
    char hex[16];
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
    in.diags.warning("read-sjis-replaced", {in.result.page->display, 0, 0},
                     "'" + ch + "' (" + hex + ") has no Shift_JIS (CP932) code: read.sjis.txt shows 〓 instead",
                     "read.txt (UTF-8) has it; to avoid the mark write the word another way, or add its "
                     "reading to readings.toml so the read-aloud text says it in kana");
  }
  return enc.bytes;
}

// SSML 1.1: <speak> with one <p> per block and <s> per sentence, <sub alias> for the words
// of readings.toml, and a <break> before each section.
std::string read_ssml(const FormatInput& in) {
  pugi::xml_document doc;
  auto speak = doc.append_child("speak");
  speak.append_attribute("version").set_value("1.1");
  speak.append_attribute("xmlns").set_value("http://www.w3.org/2001/10/synthesis");
  speak.append_attribute("xml:lang").set_value("ja-JP");
  dom::append_text(speak, "\n");
  bool first = true;
  page_blocks(in, speech::Voice::Form::Written, [&](const Block& b) {
    if (!first && b.kind == Block::Kind::Heading && b.level <= 2) {
      speak.append_child("break").append_attribute("time").set_value("1500ms");
      dom::append_text(speak, "\n");
    }
    first = false;
    auto p = speak.append_child("p");
    for (const auto& sentence : speech::sentences(b.pieces)) {
      auto s = p.append_child("s");
      for (const auto& piece : sentence) {
        if (piece.spoken.empty()) {
          dom::append_text(s, piece.written);
        } else {
          auto sub = dom::append(s, "sub", piece.written);
          sub.append_attribute("alias").set_value(piece.spoken.c_str());
        }
      }
    }
    dom::append_text(speak, "\n");
  });
  std::ostringstream os;
  doc.save(os, "", pugi::format_raw | pugi::format_no_declaration);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + os.str() + "\n";
}

}  // namespace tsu::outputs
