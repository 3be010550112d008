#include <parallel/pool.hpp>

#include <algorithm>

namespace tsu::parallel {

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

Pool::Pool(unsigned jobs) {
  if (jobs == 0) jobs = default_jobs();
  for (unsigned w = 1; w < jobs; ++w) m_threads.emplace_back([this, w] { worker_loop(w); });
}

Pool::~Pool() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  for (auto& t : m_threads) t.join();
}

void Pool::drain(unsigned worker) {
  for (std::size_t i; (i = m_next.fetch_add(1, std::memory_order_relaxed)) < m_n;) {
    try {
      (*m_work)(i, worker);
    } catch (...) {
      std::lock_guard lock(m_mutex);
      if (!m_error) m_error = std::current_exception();
    }
  }
}

void Pool::worker_loop(unsigned worker) {
  unsigned long seen = 0;
  for (;;) {
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
      if (m_stop) return;
      seen = m_generation;
    }
    drain(worker);
    std::lock_guard lock(m_mutex);
    if (--m_busy == 0) m_done.notify_all();
  }
}

void Pool::for_each(std::size_t n, const std::function<void(std::size_t, unsigned)>& work) {
  if (n == 0) return;
  {
    std::lock_guard lock(m_mutex);
    m_work = &work;
    m_n = n;
    m_next.store(0, std::memory_order_relaxed);
    m_busy = static_cast<unsigned>(m_threads.size());
    m_error = nullptr;
    ++m_generation;
  }
  m_wake.notify_all();
  drain(0);
  std::unique_lock lock(m_mutex);
  m_done.wait(lock, [&] { return m_busy == 0; });
  m_work = nullptr;
  if (auto e = m_error) {
    m_error = nullptr;
    std::rethrow_exception(e);
  }
}

}  // namespace tsu::parallel
