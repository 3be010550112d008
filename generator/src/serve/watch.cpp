#include <serve/watch.hpp>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace tsu::serve {

namespace stdfs = std::filesystem;

namespace {

constexpr std::uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                               IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

// Files editors write beside the real one while saving.
bool ignored(const std::string& name) {
  if (name.empty() || name.front() == '.') return true;       // .file.swp, .#file, .gitkeep
  if (name.back() == '~' || name == "4913") return true;      // backups, vim's write probe
  for (const char* suffix : {".swp", ".swx", ".swo", ".tmp"})
    if (name.size() > std::strlen(suffix) && name.compare(name.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
      return true;
  return false;
}

}  // namespace

Watcher::Watcher(const std::vector<stdfs::path>& dirs, const std::vector<stdfs::path>& files) {
  m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  m_stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (m_fd < 0 || m_stop_fd < 0) {
    m_error = std::string("cannot watch files: ") + std::strerror(errno);
    return;
  }
  for (const auto& d : dirs) add_tree(d);
  for (const auto& f : files) {
    auto abs = stdfs::absolute(f).lexically_normal();
    m_files.insert(abs);
    int wd = inotify_add_watch(m_fd, abs.parent_path().c_str(), mask);
    if (wd < 0) m_error = "cannot watch " + abs.parent_path().string() + ": " + std::strerror(errno);
    else m_dirs.emplace(wd, abs.parent_path());
  }
}

Watcher::~Watcher() {
  if (m_fd >= 0) close(m_fd);
  if (m_stop_fd >= 0) close(m_stop_fd);
}

void Watcher::add_tree(const stdfs::path& dir) {
  std::error_code ec;
  auto abs = stdfs::absolute(dir, ec).lexically_normal();
  if (!stdfs::is_directory(abs, ec)) return;  // a missing assets/ is fine; nothing to watch
  int wd = inotify_add_watch(m_fd, abs.c_str(), mask);
  if (wd < 0) {
    m_error = "cannot watch " + abs.string() + ": " + std::strerror(errno) +
              (errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : "");
    return;
  }
  m_dirs[wd] = abs;
  m_recursive.insert(wd);
  for (stdfs::directory_iterator it(abs, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec) && !it->is_symlink(ec) && !ignored(it->path().filename().string())) add_tree(it->path());
}

bool Watcher::pending() const {
  pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_stop_fd, POLLIN, 0}};
  return poll(fds, 2, 0) > 0;
}

void Watcher::stop() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = write(m_stop_fd, &one, sizeof one);
}

void Watcher::read_events(Changes& out) {
  alignas(inotify_event) char buf[16 * 1024];
  for (;;) {
    ssize_t n = read(m_fd, buf, sizeof buf);
    if (n <= 0) return;  // EAGAIN: drained
    for (char* p = buf; p < buf + n;) {
      auto* ev = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + ev->len;
      if (ev->mask & IN_Q_OVERFLOW) {
        out.overflowed = true;
        continue;
      }
      if (ev->mask & IN_IGNORED) {
        m_dirs.erase(ev->wd);
        m_recursive.erase(ev->wd);
        continue;
      }
      auto dir = m_dirs.find(ev->wd);
      if (dir == m_dirs.end()) continue;
      std::string name = ev->len ? std::string(ev->name) : std::string();
      if (name.empty()) {  // the watched folder itself was deleted or moved
        out.paths.insert(dir->second);
        continue;
      }
      if (ignored(name)) continue;
      auto path = dir->second / name;
      bool recursive = m_recursive.count(ev->wd) > 0;
      if (!recursive && !m_files.count(path)) continue;  // a neighbour of a watched file
      if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) && recursive) {
        add_tree(path);  // files written into it before the watch existed count as changed
        std::error_code ec;
        for (stdfs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
          out.paths.insert(it->path());
      }
      out.paths.insert(path);
    }
  }
}

Watcher::Changes Watcher::wait(std::chrono::milliseconds quiet, std::chrono::milliseconds longest) {
  Changes out;
  pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_stop_fd, POLLIN, 0}};
  auto stopped = [&] {
    if (!(fds[1].revents & POLLIN)) return false;
    out.stopped = true;
    return true;
  };
  // Block until the first change.
  while (out.paths.empty() && !out.overflowed) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      out.stopped = true;
      return out;
    }
    if (stopped()) return out;
    read_events(out);
  }
  // Then collect the rest of the save.
  auto deadline = std::chrono::steady_clock::now() + longest;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    int r = poll(fds, 2, static_cast<int>(std::min(quiet, left).count()));
    if (r == 0) break;  // quiet: the save is complete
    if (r < 0 && errno != EINTR) break;
    if (stopped()) return out;
    read_events(out);
  }
  return out;
}

}  // namespace tsu::serve
