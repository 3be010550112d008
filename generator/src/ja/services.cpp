#include <content/site.hpp>
#include <ja/services.hpp>

#include <algorithm>

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

ThreadServices::ThreadServices(const Services& base, unsigned threads) {
  if (base.memo || !base.tokenizer) {
    m_services.push_back(base);
    return;
  }
  for (unsigned i = 0; i < std::max(threads, 1u); ++i) {
    m_memos.push_back(std::make_unique<AnnotationMemo>(limits));
    m_services.push_back(base);
    m_services.back().memo = m_memos.back().get();
  }
}

}  // namespace tsu::ja
