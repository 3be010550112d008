#include <cache/cache.hpp>
#include <write/manifest.hpp>

#include <pugixml.hpp>

#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <sstream>
#include <sys/stat.h>

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
  std::ifstream in(dir / manifest_name, std::ios::binary);
  if (!in) return m;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
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

std::optional<std::vector<std::string>> foreign_files(const stdfs::path& dir,
                                                      const std::function<bool(std::string_view)>& ours) {
  std::vector<std::string> foreign;
  std::error_code ec;
  for (stdfs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    auto rel = it->path().lexically_relative(dir).generic_string();
    if (rel != manifest_name && !ours(rel)) foreign.push_back(std::move(rel));
  }
  if (ec) return std::nullopt;
  return foreign;
}

bool intact(const stdfs::path& dir, const Manifest& m, std::vector<std::string>& foreign) {
  std::set<std::string_view> listed;
  for (const auto& f : m.files) {
    std::uint64_t size = 0;
    std::int64_t mtime = 0;
    if (!stat_file(dir / f.path, size, mtime) || size != f.size || mtime != f.mtime_ns) return false;
    listed.insert(f.path);
  }
  auto found = foreign_files(dir, [&](std::string_view rel) { return listed.count(rel) > 0; });
  if (found) foreign = std::move(*found);
  return found.has_value();
}

}  // namespace tsu::write
