#include <cache/cache.hpp>
#include <fs/file_system.hpp>
#include <parallel/pool.hpp>
#include <write/manifest.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>

namespace tsu::write {

namespace stdfs = std::filesystem;

namespace {
std::string hex(std::uint64_t v) {
  char buf[17];
  for (int i = 15; i >= 0; --i, v >>= 4) buf[i] = "0123456789abcdef"[v & 15];
  buf[16] = 0;
  return buf;
}

std::uint64_t unhex(const char* s) {
  std::uint64_t v = 0;
  for (; *s; ++s) {
    char c = *s;
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return 0;
    v = v << 4 | static_cast<std::uint64_t>(d);
  }
  return v;
}

const char* severity_name(diag::Severity s) { return s == diag::Severity::Error ? "error" : "warning"; }
}  // namespace

std::uint64_t content_hash(std::string_view bytes) { return cache::Hasher().add(bytes).value(); }

namespace {
bool regular(const struct stat& st, std::uint64_t& size, std::int64_t& mtime_ns) {
  if (!S_ISREG(st.st_mode)) return false;
  size = static_cast<std::uint64_t>(st.st_size);
  mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}
}  // namespace

bool stat_file(const stdfs::path& p, std::uint64_t& size, std::int64_t& mtime_ns) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0 && regular(st, size, mtime_ns);
}

bool stat_open_file(int fd, std::uint64_t& size, std::int64_t& mtime_ns) {
  struct stat st;
  return ::fstat(fd, &st) == 0 && regular(st, size, mtime_ns);
}

Manifest Manifest::read(const stdfs::path& dir) {
  Manifest m;
  // read whole, sized from the file (a stream's iterator took a byte a call: 7 MB at N = 10,000)
  auto read = fs::DiskFileSystem().read(dir / manifest_name);
  if (!read) return m;
  std::string& text = *read;
  if (text.rfind("<?xml", 0) != 0) {
    // an older tsutawaru: the paths it wrote, one a line
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) m.files.push_back({line, 0, 0, 0});
    return m;
  }
  pugi::xml_document doc;
  if (!doc.load_buffer(text.data(), text.size())) return m;
  auto root = doc.child("tsutawaru-manifest");
  m.inputs = unhex(root.attribute("inputs").value());
  m.pages = root.attribute("pages").as_int();
  for (auto f : root.children("file"))
    m.files.push_back({f.attribute("path").value(), f.attribute("size").as_ullong(), f.attribute("mtime").as_llong(),
                       unhex(f.attribute("hash").value())});
  for (auto w : root.children("warning")) {
    diag::Diagnostic d;
    d.id = w.attribute("id").value();
    d.severity = std::strcmp(w.attribute("severity").value(), "error") == 0 ? diag::Severity::Error
                                                                             : diag::Severity::Warning;
    d.where = {w.attribute("file").value(), w.attribute("line").as_int(), w.attribute("column").as_int()};
    d.message = w.attribute("message").value();
    d.hint = w.attribute("hint").value();
    d.source_line = w.attribute("source").value();
    m.warnings.push_back(std::move(d));
  }
  return m;
}

std::string Manifest::serialize() const {
  pugi::xml_document doc;
  auto root = doc.append_child("tsutawaru-manifest");
  root.append_attribute("version").set_value(2);
  root.append_attribute("inputs").set_value(hex(inputs).c_str());
  root.append_attribute("pages").set_value(pages);
  for (const auto& f : files) {
    auto e = root.append_child("file");
    e.append_attribute("path").set_value(f.path.c_str());
    e.append_attribute("size").set_value(static_cast<unsigned long long>(f.size));
    e.append_attribute("mtime").set_value(static_cast<long long>(f.mtime_ns));
    e.append_attribute("hash").set_value(hex(f.hash).c_str());
  }
  for (const auto& d : warnings) {
    auto e = root.append_child("warning");
    e.append_attribute("id").set_value(d.id.c_str());
    e.append_attribute("severity").set_value(severity_name(d.severity));
    e.append_attribute("file").set_value(d.where.file.c_str());
    e.append_attribute("line").set_value(d.where.line);
    e.append_attribute("column").set_value(d.where.column);
    e.append_attribute("message").set_value(d.message.c_str());
    if (!d.hint.empty()) e.append_attribute("hint").set_value(d.hint.c_str());
    if (!d.source_line.empty()) e.append_attribute("source").set_value(d.source_line.c_str());
  }
  std::ostringstream os;
  doc.save(os, "  ", pugi::format_indent);
  return os.str();
}

namespace {
// A file the walk found: its path below the walked folder, and where to look at it again
// (its folder, open, and its name there: one name to look up, not the whole path).
struct Found {
  std::string_view rel;
  int dir;
  const char* name;
  bool link;    // a symbolic link to a regular file
  bool folder;  // a folder, found by a walk that does not go into folders
};

using Folder = std::unique_ptr<DIR, int (*)(DIR*)>;  // closed on every way out

// The folder name in the folder open as at (AT_FDCWD: from here), open for reading its
// names; empty when it cannot be opened or is a symbolic link.
Folder open_folder(int at, const char* name) {
  const int fd = ::openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  Folder d(fd < 0 ? nullptr : ::fdopendir(fd), ::closedir);
  if (fd >= 0 && !d) ::close(fd);
  return d;
}

// Every regular file below the folder d, and every symbolic link to one (links to
// folders are not followed), as std::filesystem's recursive_directory_iterator found
// them; without down, the folders in it are given to visit instead of walked. Each name
// is looked up in its own folder, open, not along the whole path again: with
// recursive_directory_iterator and a stat of each path, a build with nothing to do spent
// most of its time walking paths (60,551 files at N = 10,000). rel is d's path below the
// walked one, ending in '/' (empty at the top). Stops, false, when visit says so or a
// folder cannot be read.
bool walk_folder(DIR* d, std::string& rel, const std::function<bool(const Found&)>& visit, bool down) {
  const int here = ::dirfd(d);
  bool ok = true;
  while (ok) {
    errno = 0;
    const dirent* e = ::readdir(d);
    if (!e) {
      ok = errno == 0;
      break;
    }
    const char* name = e->d_name;
    if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
    unsigned char type = e->d_type;
    struct stat st;
    if (type == DT_UNKNOWN) {  // a file system that does not say: ask
      if (::fstatat(here, name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone meanwhile
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
    }
    const std::size_t at = rel.size();
    rel += name;
    if (type == DT_DIR && !down) {
      ok = visit({rel, here, name, false, true});
    } else if (type == DT_DIR) {
      rel += '/';
      const Folder sub = open_folder(here, name);
      ok = sub && walk_folder(sub.get(), rel, visit, true);
    } else if (type == DT_REG || (type == DT_LNK && ::fstatat(here, name, &st, 0) == 0 && S_ISREG(st.st_mode))) {
      ok = visit({rel, here, name, type == DT_LNK, false});
    }
    rel.resize(at);
  }
  return ok;
}

// The files below dir, each given to visit with the number of the part it is in: part 0
// holds the files at dir's top, part k the k-th folder there (in the order dir lists
// them). With a pool the folders are walked side by side, so visit must keep each part's
// findings apart. parts() is told how many parts there are before the first visit.
// Stops, false, when a visit says so or a folder cannot be read.
bool walk_files(const stdfs::path& dir, parallel::Pool* pool, const std::function<void(std::size_t)>& parts,
                const std::function<bool(std::size_t, const Found&)>& visit) {
  // dir itself may be a link (only the links below it are not followed)
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const Folder top(fd < 0 ? nullptr : ::fdopendir(fd), ::closedir);
  if (!top) {
    if (fd >= 0) ::close(fd);
    return false;
  }
  std::vector<std::string> folders;
  std::vector<std::pair<std::string, bool>> files;  // and whether it is a link
  std::string rel;
  // the top: its files kept (visited once the parts are known), its folders not entered
  if (!walk_folder(top.get(), rel, [&](const Found& f) {
        if (f.folder) folders.emplace_back(f.rel);
        else files.emplace_back(f.rel, f.link);
        return true;
      }, false))
    return false;
  parts(folders.size() + 1);
  bool ok = true;
  for (const auto& [name, link] : files)
    if (!(ok = visit(0, {name, fd, name.c_str(), link, false}))) break;
  std::atomic<bool> stop = !ok;
  auto walk = [&](std::size_t k, unsigned) {
    if (stop) return;
    const Folder sub = open_folder(fd, folders[k].c_str());
    std::string below = folders[k] + '/';
    if (!sub || !walk_folder(sub.get(), below, [&](const Found& f) { return !stop && visit(k + 1, f); }, true))
      stop = true;
  };
  if (pool) pool->for_each(folders.size(), walk);
  else
    for (std::size_t k = 0; k < folders.size(); ++k) walk(k, 0);
  return !stop;
}
}  // namespace

std::optional<std::vector<std::string>> foreign_files(const stdfs::path& dir,
                                                      const std::function<bool(std::string_view)>& ours) {
  std::vector<std::string> foreign;
  if (!walk_files(dir, nullptr, [](std::size_t) {}, [&](std::size_t, const Found& f) {
        if (f.rel != manifest_name && !ours(f.rel)) foreign.emplace_back(f.rel);
        return true;
      }))
    return std::nullopt;
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

bool intact(const stdfs::path& dir, const Manifest& m, std::vector<std::string>& foreign, parallel::Pool* pool) {
  // One walk of the folder: each file in it is the manifest's as it was written (a
  // regular file of the size and time it had then) or somebody else's; and every file
  // the manifest lists must be found.
  std::unordered_map<std::string_view, const ManifestFile*> listed;
  listed.reserve(m.files.size());
  for (const auto& f : m.files) listed.emplace(f.path, &f);
  struct Part {
    std::size_t found = 0;
    std::vector<std::string> theirs;
  };
  std::vector<Part> parts;
  const bool same = walk_files(dir, pool, [&](std::size_t n) { parts.resize(n); }, [&](std::size_t k, const Found& f) {
    auto it = listed.find(f.rel);
    if (it == listed.end()) {
      if (f.rel != manifest_name) parts[k].theirs.emplace_back(f.rel);
      return true;
    }
    struct stat st;
    std::uint64_t size = 0;
    std::int64_t mtime = 0;
    ++parts[k].found;
    return !f.link && ::fstatat(f.dir, f.name, &st, AT_SYMLINK_NOFOLLOW) == 0 && regular(st, size, mtime) &&
           size == it->second->size && mtime == it->second->mtime_ns;
  });
  std::size_t found = 0;
  for (const auto& p : parts) found += p.found;
  if (!same || found != listed.size()) return false;
  foreign.clear();
  for (auto& p : parts) std::move(p.theirs.begin(), p.theirs.end(), std::back_inserter(foreign));
  std::sort(foreign.begin(), foreign.end());
  return true;
}

}  // namespace tsu::write
