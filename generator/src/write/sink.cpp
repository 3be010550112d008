#include <write/manifest.hpp>
#include <write/sink.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <unordered_map>
#include <sstream>
#include <unistd.h>

namespace tsu::write {

namespace stdfs = std::filesystem;

bool OutputSink::commit(const std::vector<outputs::OutputFile>& files, diag::Diagnostics& diags) {
  if (!begin(diags)) return false;
  for (const auto& f : files)
    if (!put(f, diags)) return false;
  return finish(diags);
}

bool OutputSink::put_many(const std::vector<outputs::OutputFile>& files, parallel::Pool*, diag::Diagnostics& diags) {
  for (const auto& f : files)
    if (!put(f, diags)) return false;
  return true;
}

bool MemorySink::begin(diag::Diagnostics&) {
  m_pending.clear();
  return true;
}

bool MemorySink::put(const outputs::OutputFile& file, diag::Diagnostics&) {
  m_pending[file.path] = file.bytes;
  return true;
}

bool MemorySink::finish(diag::Diagnostics&) {
  m_files = std::move(m_pending);
  m_pending.clear();
  return true;
}

DiskSink::DiskSink(stdfs::path out_dir, std::string out_display, Clean clean)
    : m_out(std::move(out_dir)), m_display(std::move(out_display)), m_clean(clean) {}

namespace {

// Writes a new file: open, write, fstat for the manifest's size and time, close. The
// folder is made only when the open finds it missing, so a folder that exists costs no
// call (create_directories looked up the whole path for every file, and a stat after
// the write another).
bool write_file(const stdfs::path& p, std::string_view bytes, ManifestFile* stat = nullptr) {
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0 && errno == ENOENT) {
    std::error_code ec;
    stdfs::create_directories(p.parent_path(), ec);
    fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  }
  if (fd < 0) return false;
  bool ok = true;
  // At most 128 KB a call: one write() of the 43 MB EPUB took 0.25-0.50 s of system time
  // here (Linux 6.18, ext4), the same bytes in calls of 32 KB-1 MB 0.01-0.02 s; 4 MB
  // calls were slow again (bench/README.md, "Large writes").
  constexpr std::size_t most = std::size_t{128} << 10;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    auto n = ::write(fd, bytes.data() + done, std::min(most, bytes.size() - done));
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  if (ok && stat) ok = stat_open_file(fd, stat->size, stat->mtime_ns);
  return ::close(fd) == 0 && ok;
}

// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE), so readers of the site
// see the old one or the new one, never neither.
bool exchange(const stdfs::path& a, const stdfs::path& b) {
#ifdef RENAME_EXCHANGE
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
#endif
  // Fallback for file systems without it: two renames, a short moment without the folder.
  auto aside = a.string() + ".old";
  std::error_code ec;
  stdfs::rename(b, aside, ec);
  if (ec) return false;
  stdfs::rename(a, b, ec);
  if (ec) {
    stdfs::rename(aside, b, ec);
    return false;
  }
  stdfs::rename(aside, a, ec);
  return true;
}

}  // namespace

DiskSink::~DiskSink() { abandon(); }

void DiskSink::abandon() {
  std::unique_lock lock(m_staging_lock);
  if (m_staging.empty()) return;
  std::error_code ignore;
  stdfs::remove_all(m_staging, ignore);
  m_staging.clear();
}

bool DiskSink::fail(const std::string& what, diag::Diagnostics& diags) {
  abandon();
  diags.error("output-write", {m_display, 0, 0}, what + "; the previous site is unchanged");
  return false;
}

bool DiskSink::begin(diag::Diagnostics& diags) {
  abandon();
  std::error_code ec;
  if (stdfs::exists(m_out, ec) && !stdfs::is_directory(m_out, ec)) {
    diags.error("output-not-folder", {m_display, 0, 0}, "the output path exists and is not a folder");
    return false;
  }
  auto parent = m_out.parent_path().empty() ? stdfs::path(".") : m_out.parent_path();
  stdfs::create_directories(parent, ec);
  auto staging = parent / ("." + m_out.filename().string() + ".tsutawaru-staging-" + std::to_string(::getpid()));
  stdfs::remove_all(staging, ec);
  stdfs::create_directory(staging, ec);
  if (ec) {
    diags.error("output-write", {m_display, 0, 0},
                "cannot create the staging folder " + staging.string() + ": " + ec.message());
    return false;
  }
  m_staging = staging;
  // A file whose bytes the previous site has already, untouched since it was written, is
  // linked from there instead of written again: no new inode, and its modification time
  // stays, so rsync and HTTP caches see only what changed.
  m_existed = stdfs::is_directory(m_out, ec);
  m_previous = m_existed ? Manifest::read(m_out) : Manifest{};
  m_before.clear();
  for (const auto& f : m_previous.files) m_before.emplace(f.path, &f);
  m_written = Manifest{};
  return true;
}

std::optional<ManifestFile> DiskSink::store(const outputs::OutputFile& f) const {
  ManifestFile entry{f.path, f.bytes.size(), 0, content_hash(f.bytes)};
  auto target = m_staging / f.path;
  bool linked = false;
  if (auto it = m_before.find(f.path); it != m_before.end() && it->second->hash == entry.hash &&
                                       it->second->size == entry.size && it->second->mtime_ns != 0) {
    std::uint64_t size = 0;
    std::int64_t mtime = 0;
    auto old = m_out / f.path;
    if (stat_file(old, size, mtime) && size == entry.size && mtime == it->second->mtime_ns) {
      std::error_code ec;
      stdfs::create_directories(target.parent_path(), ec);
      linked = ::link(old.c_str(), target.c_str()) == 0;
    }
  }
  if (linked ? !stat_file(target, entry.size, entry.mtime_ns) : !write_file(target, f.bytes, &entry))
    return std::nullopt;
  return entry;
}

bool DiskSink::keep(const outputs::OutputFile& f, std::optional<ManifestFile> stored, diag::Diagnostics& diags) {
  if (!stored) return fail("cannot write " + f.path, diags);
  m_written.files.push_back(std::move(*stored));
  return true;
}

bool DiskSink::put(const outputs::OutputFile& f, diag::Diagnostics& diags) {
  if (m_staging.empty()) return fail("the site was not started", diags);
  return keep(f, store(f), diags);
}

bool DiskSink::put_many(const std::vector<outputs::OutputFile>& files, parallel::Pool* pool, diag::Diagnostics& diags) {
  if (!pool || files.size() < 2) return OutputSink::put_many(files, pool, diags);
  if (m_staging.empty()) return fail("the site was not started", diags);
  // A page's files go to one thread, in runs of files below one folder: creating a file
  // locks its folder, and two threads making the files of one read/ folder at once waited
  // on each other's lock (a tenth of the writing's time).
  std::vector<std::size_t> runs;  // where each run starts
  std::string_view base;
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string_view path = files[i].path;
    std::string_view dir = path.substr(0, path.rfind('/') + 1);
    if (i == 0 || dir.substr(0, base.size()) != base || base.empty() != dir.empty()) {
      runs.push_back(i);
      base = dir;
    }
  }
  runs.push_back(files.size());
  std::vector<std::optional<ManifestFile>> stored(files.size());
  pool->for_each(runs.size() - 1, [&](std::size_t r, unsigned) {
    for (auto i = runs[r]; i < runs[r + 1]; ++i) stored[i] = store(files[i]);
  });
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!keep(files[i], std::move(stored[i]), diags)) return false;
  return true;
}

Ahead DiskSink::store_ahead(outputs::OutputFile file) {
  // A failed put() on the build thread abandons the staging folder: it waits for this
  // write, and a write after it finds no folder (store() would make it again).
  std::shared_lock lock(m_staging_lock);
  if (m_staging.empty()) return {std::move(file), std::nullopt};
  auto stored = store(file);
  file.bytes = std::string();  // on disk now
  return {std::move(file), std::move(stored)};
}

bool DiskSink::put_ahead(Ahead ahead, diag::Diagnostics& diags) {
  if (m_staging.empty()) return fail("the site was not started", diags);
  return keep(ahead.file, std::move(ahead.stored), diags);
}

bool DiskSink::finish(diag::Diagnostics& diags) {
  if (m_staging.empty()) return fail("the site was not started", diags);
  std::error_code ec;
  if (m_existed) {
    // Files an earlier build did not write are somebody's: keep them unless --clean.
    std::set<std::string_view> ours;
    for (const auto& f : m_written.files) ours.insert(f.path);
    auto found = foreign_files(m_out, [&](std::string_view rel) { return m_before.count(rel) || ours.count(rel); });
    if (!found) return fail("cannot read the output folder to keep the files tsutawaru did not write", diags);
    const auto& foreign = *found;
    for (const auto& rel : foreign) {
      if (m_clean == Clean::Remove) continue;
      stdfs::create_directories((m_staging / rel).parent_path(), ec);
      stdfs::copy_file(m_out / rel, m_staging / rel, stdfs::copy_options::overwrite_existing, ec);
      if (ec) return fail("cannot keep " + rel + ": " + ec.message(), diags);
    }
    report_foreign(foreign, m_clean, m_display, diags);
  }
  m_written.inputs = m_inputs;
  m_written.pages = m_pages;
  m_written.warnings = m_warnings;
  if (!write_file(m_staging / manifest_name, m_written.serialize())) return fail("cannot write the manifest", diags);

  if (!m_existed) {
    stdfs::rename(m_staging, m_out, ec);
    if (ec) return fail("cannot move the new site into place: " + ec.message(), diags);
    m_staging.clear();
    return true;
  }
  if (!exchange(m_staging, m_out)) return fail("cannot swap the new site into place", diags);
  abandon();  // the staging folder now holds the previous site
  return true;
}

void report_foreign(const std::vector<std::string>& foreign, Clean clean, const std::string& display,
                    diag::Diagnostics& diags) {
  if (foreign.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < foreign.size() && i < 5; ++i) list += (i ? ", " : "") + foreign[i];
  if (foreign.size() > 5) list += ", …";
  diags.warning("output-foreign", {display, 0, 0},
                std::to_string(foreign.size()) + " file(s) in the output were not written by tsutawaru (" + list +
                    ")" + (clean == Clean::Remove ? "; removed (--clean)" : "; kept"),
                clean == Clean::Remove ? "" : "pass --clean to remove them");
}

namespace {
stdfs::path canonical_or_absolute(const stdfs::path& p) {
  std::error_code ec;
  auto c = stdfs::weakly_canonical(p, ec);
  return ec ? stdfs::absolute(p).lexically_normal() : c;
}

bool is_same_or_parent(const stdfs::path& parent, const stdfs::path& child) {
  auto p = parent.generic_string();
  auto c = child.generic_string();
  if (!p.empty() && p.back() == '/') p.pop_back();
  return c == p || (c.size() > p.size() && c.compare(0, p.size(), p) == 0 && c[p.size()] == '/');
}
}  // namespace

bool check_output_dir(const stdfs::path& out, const config::SiteConfig& cfg,
                      diag::Diagnostics& diags) {
  auto o = canonical_or_absolute(out);
  std::string reason;
  if (o == o.root_path()) reason = "it is the root folder '/'";
  else if (const char* home = std::getenv("HOME"); home && *home && o == canonical_or_absolute(home))
    reason = "it is your home folder";
  else if (is_same_or_parent(o, canonical_or_absolute(cfg.content_dir)))
    reason = "it is the content folder or holds it";
  else if (is_same_or_parent(o, canonical_or_absolute(cfg.theme_dir)))
    reason = "it is the theme folder or holds it";
  else if (is_same_or_parent(o, canonical_or_absolute(cfg.assets_dir)))
    reason = "it is the assets folder or holds it";
  if (reason.empty()) return true;
  diags.error("output-unsafe", {cfg.display(out), 0, 0},
              "refusing to write the site here: " + reason +
                  ", and a build replaces the output folder",
              "choose a folder of its own, e.g. --out public");
  return false;
}

}  // namespace tsu::write
