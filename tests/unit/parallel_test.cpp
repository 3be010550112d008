#include <parallel/pool.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

using namespace tsu;

TEST_CASE("parallel::Pool runs every index once, on every thread, loop after loop") {
  for (unsigned jobs : {1u, 2u, 4u}) {
    CAPTURE(jobs);
    parallel::Pool pool(jobs);
    CHECK(pool.size() == jobs);
    for (std::size_t n : {0u, 1u, 7u, 1000u}) {
      std::vector<std::atomic<int>> runs(n);
      std::atomic<bool> bad_worker{false};
      pool.for_each(n, [&](std::size_t i, unsigned worker) {
        runs[i].fetch_add(1);
        if (worker >= jobs) bad_worker = true;
      });
      for (std::size_t i = 0; i < n; ++i) CHECK(runs[i].load() == 1);
      CHECK_FALSE(bad_worker.load());
    }
  }
}

TEST_CASE("parallel::Pool rethrows what a work item throws, and stays usable") {
  parallel::Pool pool(3);
  CHECK_THROWS_AS(pool.for_each(50, [](std::size_t i, unsigned) {
    if (i == 17) throw std::runtime_error("page 17");
  }),
                  std::runtime_error);
  std::atomic<int> count{0};
  pool.for_each(10, [&](std::size_t, unsigned) { ++count; });
  CHECK(count.load() == 10);
}
