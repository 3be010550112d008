#include <fs/file_system.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tsu::fs {

std::optional<std::string> DiskFileSystem::read(const stdfs::path& p) const {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(ss).str();
}

bool DiskFileSystem::is_file(const stdfs::path& p) const {
  std::error_code ec;
  return stdfs::is_regular_file(p, ec);
}

bool DiskFileSystem::is_directory(const stdfs::path& p) const {
  std::error_code ec;
  return stdfs::is_directory(p, ec);
}

namespace {

// Every regular file below dir (links followed), split by whether a link leads outside.
void walk(const stdfs::path& dir, std::vector<stdfs::path>* inside, std::vector<stdfs::path>* outside) {
  std::error_code ec;
  auto root = stdfs::weakly_canonical(dir, ec).generic_string() + "/";
  for (stdfs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code fec;
    if (!it->is_regular_file(fec)) continue;
    auto rel = stdfs::relative(it->path(), dir, fec);
    bool escapes = false;
    if (it->is_symlink(fec)) {
      auto target = stdfs::canonical(it->path(), fec).generic_string();
      escapes = fec || target.compare(0, root.size(), root) != 0;
    }
    if (auto* list = escapes ? outside : inside) list->push_back(rel);
  }
  for (auto* list : {inside, outside})
    if (list)
      std::sort(list->begin(), list->end(),
                [](const auto& a, const auto& b) { return a.generic_string() < b.generic_string(); });
}

}  // namespace

std::vector<stdfs::path> DiskFileSystem::list_files(const stdfs::path& dir) const {
  std::vector<stdfs::path> out;
  walk(dir, &out, nullptr);
  return out;
}

std::vector<stdfs::path> DiskFileSystem::links_outside(const stdfs::path& dir) const {
  std::vector<stdfs::path> out;
  walk(dir, nullptr, &out);
  return out;
}

namespace {
std::string key(const stdfs::path& p) { return p.lexically_normal().generic_string(); }
}  // namespace

void MemoryFileSystem::add(const stdfs::path& p, std::string bytes) {
  m_files[key(p)] = std::move(bytes);
}

std::optional<std::string> MemoryFileSystem::read(const stdfs::path& p) const {
  auto it = m_files.find(key(p));
  if (it == m_files.end()) return std::nullopt;
  return it->second;
}

bool MemoryFileSystem::is_file(const stdfs::path& p) const { return m_files.count(key(p)) > 0; }

bool MemoryFileSystem::is_directory(const stdfs::path& p) const {
  auto prefix = key(p);
  if (prefix == ".") return !m_files.empty();
  prefix += '/';
  auto it = m_files.lower_bound(prefix);
  return it != m_files.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::vector<stdfs::path> MemoryFileSystem::list_files(const stdfs::path& dir) const {
  std::vector<stdfs::path> out;
  auto prefix = key(dir);
  prefix = prefix == "." ? std::string() : prefix + '/';
  for (const auto& [k, v] : m_files)
    if (k.compare(0, prefix.size(), prefix) == 0) out.emplace_back(k.substr(prefix.size()));
  return out;  // std::map keeps them sorted bytewise already
}

}  // namespace tsu::fs
