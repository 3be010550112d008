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

TEST_CASE("parallel::for_each gives messages in page order for any number of threads") {
  auto messages = [](unsigned jobs) {
    parallel::Pool pool(jobs);
    diag::Diagnostics all;
    parallel::for_each(pool, 200, all, [](std::size_t i, unsigned, diag::Diagnostics& d) {
      // later pages finish first when they run at once: a page's own messages stay together
      if (i % 3 == 0) d.warning("w", {"page-" + std::to_string(i) + ".md", 1, 1}, "first");
      if (i % 5 == 0) d.error("e", {"page-" + std::to_string(i) + ".md", 2, 1}, "second");
    });
    std::vector<std::string> out;
    for (const auto& d : all.all()) out.push_back(d.where.file + ":" + d.message);
    return std::make_pair(out, all.error_count());
  };
  auto one = messages(1);
  CHECK(one.first.size() == 67 + 40);
  CHECK(one.first[0] == "page-0.md:first");
  CHECK(one.first[1] == "page-0.md:second");
  CHECK(one.first[2] == "page-3.md:first");
  CHECK(one.second == 40);
  CHECK(messages(4) == one);
}
