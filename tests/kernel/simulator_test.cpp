#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "sim/kernel/event_queue.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/kernel/simulator.hpp"

using namespace commsim;

TEST_CASE("events run in time order, and equal times in scheduling order") {
  Simulator simulator;
  std::vector<int> order;
  simulator.schedule_at(30, [&] { order.push_back(3); });
  simulator.schedule_at(10, [&] { order.push_back(1); });
  simulator.schedule_at(20, [&] { order.push_back(20); });
  simulator.schedule_at(10, [&] { order.push_back(2); });
  simulator.schedule_at(20, [&] { order.push_back(21); });
  simulator.run();
  CHECK(order == std::vector<int>{1, 2, 20, 21, 3});
  CHECK(simulator.now() == 30);
  CHECK(simulator.events_processed() == 5);
}

TEST_CASE(
    "an event scheduled for now from inside an event runs after those already queued for now") {
  Simulator simulator;
  std::vector<int> order;
  simulator.schedule_at(5, [&] {
    order.push_back(1);
    simulator.schedule_in(0, [&] { order.push_back(3); });
  });
  simulator.schedule_at(5, [&] { order.push_back(2); });
  simulator.run();
  CHECK(order == std::vector<int>{1, 2, 3});
}

TEST_CASE("run(until) leaves later events pending and stop() ends the loop") {
  Simulator simulator;
  int ran = 0;
  for (SimTime t = 1; t <= 10; ++t)
    simulator.schedule_at(t, [&] { ++ran; });
  simulator.run(4);
  CHECK(ran == 4);
  CHECK(simulator.events_pending() == 6);
  simulator.schedule_at(5, [&] { simulator.stop(); });
  simulator.run();
  CHECK(ran == 5);  // the event at 5 scheduled first ran, then the stop
}

TEST_CASE("scheduling in the past is refused") {
  Simulator simulator;
  simulator.schedule_at(10, [] {});
  simulator.run();
  CHECK_THROWS_AS(simulator.schedule_at(9, [] {}), std::logic_error);
}

TEST_CASE("the event queue pops a large random load in (time, sequence) order") {
  EventQueue queue;
  Rng rng(7, "queue-test");
  struct Pushed {
    SimTime time;
    int id;
  };
  std::vector<Pushed> pushed;
  std::vector<int> popped;
  for (int id = 0; id < 20000; ++id) {
    const SimTime t = static_cast<SimTime>(rng.uniform_below(500));  // many ties
    pushed.push_back({t, id});
    queue.push(t, [&popped, id] { popped.push_back(id); });
  }
  std::stable_sort(pushed.begin(), pushed.end(), [](auto& a, auto& b) { return a.time < b.time; });
  EventCallback callback;
  SimTime last = 0;
  while (!queue.empty()) {
    const SimTime t = queue.pop(callback);
    CHECK(t >= last);
    last = t;
    callback();
  }
  REQUIRE(popped.size() == pushed.size());
  bool same = true;
  for (std::size_t i = 0; i < popped.size(); ++i)
    same = same && popped[i] == pushed[i].id;
  CHECK(same);
}

TEST_CASE("random streams are named: same name same draws, other name other draws") {
  Rng a(1, "link", 3), b(1, "link", 3), c(1, "link", 4), d(2, "link", 3), e(1, "radio", 3);
  const auto first = a.next_u64();
  CHECK(first == b.next_u64());
  CHECK(first != c.next_u64());
  CHECK(first != d.next_u64());
  CHECK(first != e.next_u64());
}

TEST_CASE("uniform_below stays in range and hits every value") {
  Rng rng(3, "uniform");
  std::vector<int> seen(7, 0);
  for (int i = 0; i < 7000; ++i) {
    const auto v = rng.uniform_below(7);
    REQUIRE(v < 7);
    ++seen[v];
  }
  for (const int count : seen)
    CHECK(count > 800);
}

TEST_CASE("normal draws have mean 0 and variance 1 within sampling error") {
  Rng rng(11, "normal");
  double sum = 0, sum_squares = 0;
  const int count = 200000;
  for (int i = 0; i < count; ++i) {
    const double x = rng.normal();
    sum += x;
    sum_squares += x * x;
  }
  CHECK(std::abs(sum / count) < 0.01);
  CHECK(std::abs(sum_squares / count - 1.0) < 0.02);
}

TEST_CASE("a cancelled event does not run, cancelling twice or after it ran does nothing") {
  Simulator simulator;
  std::vector<int> order;
  EventHandle first = simulator.schedule_cancellable(10, [&] { order.push_back(1); });
  EventHandle second = simulator.schedule_cancellable(20, [&] { order.push_back(2); });
  CHECK(simulator.pending(first));
  EventHandle copy = first;
  CHECK(simulator.cancel(first));
  CHECK_FALSE(simulator.pending(copy));
  CHECK_FALSE(simulator.cancel(copy));   // already cancelled
  CHECK_FALSE(simulator.cancel(first));  // the handle was reset
  simulator.run();
  CHECK(order == std::vector<int>{2});
  CHECK_FALSE(simulator.pending(second));
  CHECK_FALSE(simulator.cancel(second));  // it ran
}

TEST_CASE("a stale handle cannot cancel the new event that reuses its slot") {
  Simulator simulator;
  std::vector<int> order;
  EventHandle old = simulator.schedule_cancellable(10, [&] { order.push_back(1); });
  EventHandle stale = old;
  simulator.cancel(old);
  EventHandle reused = simulator.schedule_cancellable(10, [&] { order.push_back(2); });
  CHECK(reused.slot == stale.slot);
  CHECK_FALSE(simulator.cancel(stale));
  CHECK(simulator.pending(reused));
  simulator.run();
  CHECK(order == std::vector<int>{2});
}

TEST_CASE(
    "an event can cancel a later one and schedule a replacement, as a MAC's ACK timeout does") {
  Simulator simulator;
  std::vector<SimTime> fired;
  EventHandle timeout = simulator.schedule_cancellable(100, [&] { fired.push_back(-1); });
  simulator.schedule_at(50, [&] {
    simulator.cancel(timeout);
    timeout = simulator.schedule_cancellable(70, [&] { fired.push_back(simulator.now()); });
  });
  simulator.run();
  CHECK(fired == std::vector<SimTime>{70});
  // The cancelled event leaves the queue without counting or moving the clock.
  CHECK(simulator.now() == 70);
  CHECK(simulator.events_processed() == 2);
  CHECK(simulator.events_pending() == 0);
}
