#include <fs/file_system.hpp>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tsu::fs {

std::optional<std::string> DiskFileSystem::read(const stdfs::path& p) const {
  // read() straight into the string, sized from fstat (a stream and a string stream
  // copied every byte twice; the build reads every input twice, see build/inputs.cpp)
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::string out;
  bool ok = ::fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode);
  if (ok && st.st_size > 0) out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (ok) {
    if (got == out.size()) out.resize(std::max<std::size_t>(4096, out.size() * 2));  // grew, or not a regular file
    auto n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = n == 0;
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (!ok) return std::nullopt;
  out.resize(got);
  return out;
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
// The iterator's paths are dir joined with the names below it, so each relative path is
// lexical: only the links are resolved (relative() resolved every path, a realpath a file).
void walk(const stdfs::path& dir, std::vector<stdfs::path>* inside, std::vector<stdfs::path>* outside) {
  std::error_code ec;
  auto root = stdfs::weakly_canonical(dir, ec).generic_string() + "/";
  std::vector<std::pair<std::string, stdfs::path>> in, out;  // sorted by generic path
  for (stdfs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code fec;
    if (!it->is_regular_file(fec)) continue;
    auto rel = it->path().lexically_relative(dir);
    bool escapes = false;
    if (it->is_symlink(fec)) {
      auto target = stdfs::canonical(it->path(), fec).generic_string();
      escapes = fec || target.compare(0, root.size(), root) != 0;
    }
    if (escapes ? outside : inside) (escapes ? out : in).emplace_back(rel.generic_string(), std::move(rel));
  }
  for (auto [list, found] : {std::pair{inside, &in}, std::pair{outside, &out}}) {
    if (!list) continue;
    std::sort(found->begin(), found->end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& f : *found) list->push_back(std::move(f.second));
  }
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
