#pragma once
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tsu::serve {

/// Watches folders (recursively) and single files for changes with inotify. Editors save
/// in many ways (write in place, write a temporary file and rename it over, delete and
/// create), so a file counts as changed when it is closed after writing, moved in or out,
/// created or deleted. Editor droppings (dot files, `~` backups, vim's 4913 probe) are
/// ignored.
///
/// Changes that happen while the caller is busy (a rebuild) wait in the kernel's queue
/// and come out of the next wait(); nothing is lost. If that queue overflows, wait()
/// reports `overflowed` so the caller rebuilds everything.
class Watcher {
public:
  Watcher(const std::vector<std::filesystem::path>& dirs, const std::vector<std::filesystem::path>& files);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  struct Changes {
    std::set<std::filesystem::path> paths;
    bool overflowed = false;
    bool stopped = false;  ///< stop() was called
  };

  /// Blocks until something changes, then keeps collecting until `quiet` passes with no
  /// further change (an editor's save is several events), at most `longest`.
  Changes wait(std::chrono::milliseconds quiet = std::chrono::milliseconds(10),
               std::chrono::milliseconds longest = std::chrono::milliseconds(200));

  /// Whether a change (or stop()) is waiting to be read, without blocking.
  bool pending() const;

  /// Makes a blocked or later wait() return with `stopped`. Safe from any thread or a
  /// signal handler.
  void stop();

  /// Whether the watcher could be set up (inotify available, every folder watched).
  bool ok() const { return m_fd >= 0 && m_error.empty(); }
  const std::string& error() const { return m_error; }

private:
  void add_tree(const std::filesystem::path& dir);
  void read_events(Changes& out);

  int m_fd = -1;
  int m_stop_fd = -1;
  std::string m_error;
  std::map<int, std::filesystem::path> m_dirs;  ///< watch descriptor → folder
  std::set<int> m_recursive;                    ///< watches whose new subfolders are watched too
  std::set<std::filesystem::path> m_files;      ///< single files watched through their folder
};

}  // namespace tsu::serve
