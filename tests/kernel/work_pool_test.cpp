#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sim/kernel/work_pool.hpp"

using namespace commsim;

TEST_CASE("work pool: one thread runs a job when it is collected, on the caller's thread") {
  WorkPool pool(1);
  CHECK(pool.threads() == 1);
  const auto caller = std::this_thread::get_id();
  bool ran = false;
  std::thread::id ran_on;
  const auto ticket = pool.submit([&] {
    ran = true;
    ran_on = std::this_thread::get_id();
  });
  CHECK_FALSE(ran);  // nothing runs at submission
  pool.collect(ticket);
  CHECK(ran);
  CHECK(ran_on == caller);
  pool.collect(ticket);  // collecting again does not rerun it
}

TEST_CASE("work pool: every job runs exactly once and its writes are visible after collect") {
  for (const unsigned threads : {2U, 3U, 8U}) {
    CAPTURE(threads);
    WorkPool pool(threads);
    std::vector<long> results(500, 0);
    std::vector<std::atomic<int>> runs(results.size());
    std::vector<WorkPool::Ticket> tickets;
    for (std::size_t job = 0; job < results.size(); ++job) {
      tickets.push_back(pool.submit([&, job] {
        runs[job].fetch_add(1);
        long sum = 0;
        for (long k = 0; k <= static_cast<long>(job) * 100; ++k)
          sum += k;
        results[job] = sum;
      }));
    }
    // Collected in reverse order: the collector runs what is still queued.
    for (std::size_t job = results.size(); job-- > 0;) {
      pool.collect(tickets[job]);
      const long n = static_cast<long>(job) * 100;
      CHECK(results[job] == n * (n + 1) / 2);
    }
    for (const auto& count : runs)
      CHECK(count.load() == 1);
  }
}

TEST_CASE("work pool: a job runs on a worker while the caller goes on") {
  WorkPool pool(2);
  std::atomic<bool> started{false};
  std::atomic<bool> release{false};
  const auto ticket = pool.submit([&] {
    started = true;
    while (!release)
      std::this_thread::yield();
  });
  while (!started)  // the worker took it without anybody collecting
    std::this_thread::yield();
  release = true;
  pool.collect(ticket);
}

TEST_CASE("work pool: collect rethrows what the job threw") {
  for (const unsigned threads : {1U, 2U}) {
    WorkPool pool(threads);
    const auto ticket = pool.submit([] { throw std::runtime_error("bad job"); });
    CHECK_THROWS_WITH_AS(pool.collect(ticket), "bad job", std::runtime_error);
  }
}

TEST_CASE("work pool: destroying it with uncollected jobs neither hangs nor runs them later") {
  std::atomic<int> ran{0};
  {
    WorkPool pool(2);
    for (int job = 0; job < 100; ++job)
      pool.submit([&] { ran.fetch_add(1); });
  }
  const int after = ran.load();
  CHECK(after <= 100);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(ran.load() == after);  // the workers are gone: nothing runs after the pool
}

TEST_CASE("work pool: default threads share the cores among a sweep's parallel runs") {
  CHECK(default_threads(3) == 3);
  CHECK(default_threads(5, 4) == 5);  // asked for explicitly
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  CHECK(default_threads(0) == cores);
  CHECK(default_threads(0, cores) == 1);
  CHECK(default_threads(0, cores * 4) == 1);  // never 0
}
