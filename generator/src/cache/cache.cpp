#include <cache/cache.hpp>

#include <xxhash.h>

namespace tsu::cache {

// XXH3 (libxxhash), each field seeded with the hash so far. Whole output files are hashed
// too (the build's manifest, serve's ETags): FNV-1a, even eight bytes a step, was 2.7% of
// a build; XXH3 reads memory about as fast as it is copied.
void Hasher::mix(const void* data, std::size_t n) { m_h = XXH3_64bits_withSeed(data, n, m_h); }

Hasher& Hasher::add(std::string_view bytes) {
  add(static_cast<std::uint64_t>(bytes.size()));
  mix(bytes.data(), bytes.size());
  return *this;
}

Hasher& Hasher::add(std::uint64_t n) {
  unsigned char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(n >> (8 * i));
  mix(b, sizeof b);
  return *this;
}

const Passed* Cache::find_passed(std::uint64_t key) {
  auto it = m_passed.find(key);
  if (it == m_passed.end()) return nullptr;
  m_used_passed.insert(key);
  return &it->second;
}

void Cache::store_passed(std::uint64_t key, Passed value) {
  m_used_passed.insert(key);
  m_passed[key] = std::move(value);
}

const std::string* Cache::find_rendered(std::uint64_t key) {
  auto it = m_rendered.find(key);
  if (it == m_rendered.end()) return nullptr;
  m_used_rendered.insert(key);
  return &it->second;
}

void Cache::store_rendered(std::uint64_t key, std::string bytes) {
  m_used_rendered.insert(key);
  m_rendered[key] = std::move(bytes);
}

void Cache::begin_build() {
  stats = {};
  m_used_passed.clear();
  m_used_rendered.clear();
}

void Cache::end_build() {
  for (auto it = m_passed.begin(); it != m_passed.end();)
    it = m_used_passed.count(it->first) ? std::next(it) : m_passed.erase(it);
  for (auto it = m_rendered.begin(); it != m_rendered.end();)
    it = m_used_rendered.count(it->first) ? std::next(it) : m_rendered.erase(it);
}

void copy_into(const pugi::xml_document& from, markdown::Document& to) { to.xml->reset(from); }

}  // namespace tsu::cache
