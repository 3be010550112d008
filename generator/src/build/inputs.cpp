#include <build/inputs.hpp>
#include <cache/cache.hpp>
#include <parallel/pool.hpp>
#include <write/manifest.hpp>

#include <algorithm>
#include <vector>
#include <unistd.h>

namespace tsu::build {

namespace stdfs = std::filesystem;

namespace {

// A file we only identify, not read: its path, size and modification time.
void add_stat(cache::Hasher& h, const stdfs::path& p) {
  std::uint64_t size = 0;
  std::int64_t mtime = 0;
  bool there = write::stat_file(p, size, mtime);
  h.add(p.generic_string()).add(there ? size : ~0ULL).add(static_cast<std::uint64_t>(mtime));
}

// Every file of a folder by its path and the hash of its bytes (read and hashed on the
// pool's threads, added in the folder's order).
void add_tree(cache::Hasher& h, const fs::FileSystem& fs, const stdfs::path& dir, parallel::Pool* pool) {
  h.add(dir.generic_string());
  const auto files = fs.list_files(dir);
  std::vector<std::uint64_t> hashes(files.size());
  auto hash_one = [&](std::size_t i, unsigned) {
    auto bytes = fs.read(dir / files[i]);
    hashes[i] = bytes ? cache::Hasher().add(*bytes).value() : 0;
  };
  parallel::Pool single(1);
  (pool ? *pool : single).for_each(files.size(), hash_one);
  for (std::size_t i = 0; i < files.size(); ++i) h.add(files[i].generic_string()).add(hashes[i]);
  for (const auto& rel : fs.links_outside(dir)) h.add(rel.generic_string());
}

}  // namespace

std::uint64_t inputs_fingerprint(const fs::FileSystem& fs, const Options& options, const config::SiteConfig& cfg,
                                 parallel::Pool* pool) {
  cache::Hasher h;
  h.add(TSUTAWARU_VERSION);
  // this program: a rebuilt binary may write other bytes under the same version
  char self[4096];
  auto n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) add_stat(h, std::string(self, static_cast<std::size_t>(n)));
  h.add(options.proof ? 1 : 0).add(options.pdf ? 1 : 0);
  for (const auto& s : options.skip_outputs) h.add(s);
  h.add(cfg.output_dir.generic_string());
  h.add(fs.read(options.config).value_or(""));
  add_tree(h, fs, cfg.content_dir, pool);
  add_tree(h, fs, cfg.theme_dir, pool);
  add_tree(h, fs, cfg.assets_dir, pool);
  h.add(fs.read(cfg.ruby.readings).value_or(""));
  std::error_code ec;
  h.add(cfg.ruby.dictionary);
  std::vector<stdfs::path> dictionary;
  for (stdfs::directory_iterator it(cfg.ruby.dictionary, ec), end; !ec && it != end; it.increment(ec))
    dictionary.push_back(it->path());
  std::sort(dictionary.begin(), dictionary.end());
  for (const auto& p : dictionary) add_stat(h, p);
  add_stat(h, cfg.ruby.kanjidic);
  return h.value();
}

}  // namespace tsu::build
