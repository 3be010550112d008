// The read-aloud versions of a page (issue 7), all from speech::Voice's blocks: the read
// page's body (no ruby, tables as sentences), read.txt, its CP932 copy, and read.ssml.
#include <dom/html.hpp>
#include <outputs/outputs.hpp>
#include <text/unicode.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>

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
  for (std::size_t from = 0;;) {  // line by line: a byte at a time was 0.9% of a build
    const auto nl = text.find('\n', from);
    crlf.append(text, from, nl == std::string::npos ? std::string::npos : nl - from);
    if (nl == std::string::npos) break;
    crlf += "\r\n";
    from = nl + 1;
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
// of readings.toml, and a <break> before each section. Written as pugixml's raw print of
// that tree would write it (an element without content closes itself), straight into the
// text: building the tree to print it cost as much again.
std::string read_ssml(const FormatInput& in) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<speak version=\"1.1\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"ja-JP\">\n";
  // an element whose content is written by content(); "<name/>" when it writes nothing
  auto element = [&out](std::string_view open, std::string_view name, auto&& content) {
    out += open;
    const auto mark = out.size();
    out += '>';
    content();
    if (out.size() == mark + 1) {
      out.back() = '/';
      out += '>';
      return;
    }
    out += "</";
    out += name;
    out += '>';
  };
  bool first = true;
  page_blocks(in, speech::Voice::Form::Written, [&](const Block& b) {
    if (!first && b.kind == Block::Kind::Heading && b.level <= 2) out += "<break time=\"1500ms\"/>\n";
    first = false;
    element("<p", "p", [&] {
      for (const auto& sentence : speech::sentences(b.pieces))
        element("<s", "s", [&] {
          for (const auto& piece : sentence) {
            if (piece.spoken.empty()) {
              dom::append_escaped(out, piece.written.c_str());
              continue;
            }
            std::string open = "<sub alias=\"";
            dom::append_escaped(open, piece.spoken.c_str(), true);
            open += '"';
            element(open, "sub", [&] { dom::append_escaped(out, piece.written.c_str()); });
          }
        });
    });
    out += '\n';
  });
  out += "</speak>\n";
  return out;
}

}  // namespace tsu::outputs
