#include <content/site.hpp>
#include <ja/services.hpp>

namespace tsu::ja {

std::optional<LoadedServices> LoadedServices::load(const fs::FileSystem& fs, const config::SiteConfig& cfg,
                                                   diag::Diagnostics& diags) {
  LoadedServices s;
  diag::Diagnostics local;
  s.tokenizer = MecabTokenizer::open(cfg.ruby.dictionary, local);
  s.kanji = KanjiDic::load(cfg.ruby.kanjidic, local);
  if (fs.is_file(cfg.ruby.readings)) {
    auto display = cfg.display(cfg.ruby.readings);
    auto text = fs.read(cfg.ruby.readings);
    if (auto norm = text ? content::normalise_source(*text, display, local) : std::nullopt)
      s.readings = ReadingList::parse(*norm, display, local);
  }
  bool failed = local.has_errors();
  diags.append(std::move(local));
  if (failed) return std::nullopt;
  return s;
}

}  // namespace tsu::ja
