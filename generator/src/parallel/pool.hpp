#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tsu::parallel {

/// The number of threads a build uses when not told: every core the machine has.
unsigned default_jobs();

/// A small thread pool for the per-page loops of a build. Work is handed out one index at
/// a time (an atomic counter, no lock per item), so a long page does not hold up the short
/// ones. Results go into slots indexed like the input, so the output never depends on the
/// number of threads or on which thread ran what.
class Pool {
public:
  /// jobs threads in all (the calling thread is one of them); 0 means default_jobs().
  explicit Pool(unsigned jobs = 0);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  /// How many threads run a loop: the worker numbers passed to work are 0 … size()-1.
  [[nodiscard]] unsigned size() const { return static_cast<unsigned>(m_threads.size()) + 1; }

  /// Runs work(index, worker) for every index in [0, n), on all threads, and returns when
  /// all are done. worker says which thread runs it (for per-thread state such as a
  /// renderer). An exception thrown by work is rethrown here (the first one).
  void for_each(std::size_t n, const std::function<void(std::size_t index, unsigned worker)>& work);

private:
  void worker_loop(unsigned worker);
  void drain(unsigned worker);

  std::vector<std::thread> m_threads;
  std::mutex m_mutex;
  std::condition_variable m_wake, m_done;
  const std::function<void(std::size_t, unsigned)>* m_work = nullptr;
  std::size_t m_n = 0;
  std::atomic<std::size_t> m_next{0};  // the next index to hand out
  unsigned m_busy = 0;             // workers still in the current loop
  unsigned long m_generation = 0;  // bumped for each loop, so a worker runs it once
  bool m_stop = false;
  std::exception_ptr m_error;
};

}  // namespace tsu::parallel
