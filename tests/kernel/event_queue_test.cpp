#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <tuple>
#include <vector>

#include "sim/kernel/event_queue.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/kernel/simulator.hpp"

namespace commsim {

// Declared a friend by EventQueue: pushes the sequence counter next to its
// 32-bit limit so the renumbering path runs in a test, not after 2^32 events.
struct EventQueueTestAccess {
  static void set_next_sequence(EventQueue& queue, std::uint64_t sequence) {
    queue.next_sequence_ = sequence;
  }
  static std::uint64_t sequence_limit() { return EventQueue::kSequenceLimit; }
};

}  // namespace commsim

using namespace commsim;

namespace {

// Counts live copies, to check that the callback neither leaks nor destroys twice.
struct Tracked {
  static inline int alive = 0;
  std::shared_ptr<int> counter;
  std::array<std::int64_t, 4> padding{};
  explicit Tracked(std::shared_ptr<int> c) : counter(std::move(c)) { ++alive; }
  Tracked(const Tracked& other) : counter(other.counter), padding(other.padding) { ++alive; }
  Tracked(Tracked&& other) noexcept : counter(std::move(other.counter)), padding(other.padding) {
    ++alive;
  }
  ~Tracked() { --alive; }
  void operator()() const { ++*counter; }
};

// Too big for the inline buffer: exercises the heap fallback.
struct Large {
  std::array<std::int64_t, 40> values{};
  std::shared_ptr<int> counter;
  void operator()() const { *counter += static_cast<int>(values[39]); }
};

}  // namespace

TEST_CASE("EventCallback stores small, large and non-trivial callables and calls them") {
  int calls = 0;
  EventCallback small = [&calls] { ++calls; };
  small();
  CHECK(calls == 1);

  auto counter = std::make_shared<int>(0);
  Large large;
  large.values[39] = 5;
  large.counter = counter;
  EventCallback on_heap = large;
  on_heap();
  CHECK(*counter == 5);

  EventCallback copied = on_heap;  // deep copy of a heap-stored callable
  EventCallback moved = std::move(on_heap);
  CHECK_FALSE(on_heap);
  copied();
  moved();
  CHECK(*counter == 15);
  CHECK(counter.use_count() == 4);  // large, copied, moved, counter
  moved = nullptr;
  CHECK(counter.use_count() == 3);
}

TEST_CASE("EventCallback copies, moves and destroys non-trivial inline callables exactly") {
  auto counter = std::make_shared<int>(0);
  {
    EventCallback a = Tracked(counter);
    CHECK(Tracked::alive == 1);
    EventCallback b = a;
    CHECK(Tracked::alive == 2);
    EventCallback c = std::move(a);
    CHECK(Tracked::alive == 2);
    CHECK_FALSE(a);
    b();
    c();
    CHECK(*counter == 2);
    b = c;  // copy-assign over a live target
    CHECK(Tracked::alive == 2);
    c = std::move(b);
    CHECK(Tracked::alive == 1);
    std::vector<EventCallback> grow;  // reallocation relocates targets
    for (int i = 0; i < 100; ++i)
      grow.push_back(c);
    CHECK(Tracked::alive == 101);
  }
  CHECK(Tracked::alive == 0);
  CHECK(counter.use_count() == 1);
}

TEST_CASE("EventCallback behaves like std::function when empty") {
  EventCallback empty;
  CHECK_FALSE(empty);
  CHECK_THROWS_AS(empty(), std::bad_function_call);
  std::function<void()> no_target;
  EventCallback from_empty_function = no_target;
  CHECK_FALSE(from_empty_function);
  void (*no_pointer)() = nullptr;
  EventCallback from_null_pointer = no_pointer;
  CHECK_FALSE(from_null_pointer);
  int calls = 0;
  std::function<void()> function = [&calls] { ++calls; };
  EventCallback from_function = function;
  from_function();
  CHECK(calls == 1);
}

TEST_CASE("the event queue releases what pending and popped callbacks captured") {
  auto counter = std::make_shared<int>(0);
  {
    EventQueue queue;
    for (int i = 0; i < 50; ++i)
      queue.push(i % 7, Tracked(counter));
    CHECK(Tracked::alive == 50);
    EventCallback callback;
    for (int i = 0; i < 20; ++i) {
      queue.pop(callback);
      callback();
    }
    callback = nullptr;
    CHECK(Tracked::alive == 30);
    CHECK(*counter == 20);
  }
  CHECK(Tracked::alive == 0);
}

TEST_CASE("a copied event queue runs its own copies of small and large callables") {
  auto counter = std::make_shared<int>(0);
  Large large;  // heap-stored: goes to a small slot as a pointer
  large.values[39] = 100;
  large.counter = counter;
  struct Medium {  // inline but over 56 bytes: a large slot
    std::array<std::int64_t, 9> values{};
    std::shared_ptr<int> counter;
    void operator()() const { *counter += 10; }
  };
  EventQueue original;
  original.push(3, Tracked(counter));
  original.push(1, Medium{{}, counter});
  original.push(2, large);
  original.push(4, nullptr);  // an empty callback is stored and returned empty
  CHECK(Tracked::alive == 1);
  EventQueue copy = original;
  CHECK(Tracked::alive == 2);
  EventQueue moved = std::move(original);
  CHECK(Tracked::alive == 2);
  for (EventQueue* queue : {&copy, &moved}) {
    EventCallback callback;
    CHECK(queue->pop(callback) == 1);
    callback();
    CHECK(queue->pop(callback) == 2);
    callback();
    CHECK(queue->pop(callback) == 3);
    callback();
    CHECK(queue->pop(callback) == 4);
    CHECK_FALSE(callback);
    CHECK(queue->empty());
  }
  CHECK(*counter == 2 * 111);
  CHECK(Tracked::alive == 0);
}

TEST_CASE("the event queue matches a reference order under interleaved pushes and pops") {
  // A hold-like mix with many ties and occasional bursts, checked against
  // sorting by (time, push index).
  EventQueue queue;
  Rng rng(5, "queue-interleaved");
  using Entry = std::tuple<SimTime, int>;
  std::vector<Entry> reference;  // kept as a min-heap by std::greater
  std::vector<int> popped;
  std::vector<int> expected;
  int id = 0;
  SimTime now = 0;
  auto push = [&](SimTime at) {
    const int this_id = id++;
    queue.push(at, [&popped, this_id] { popped.push_back(this_id); });
    reference.emplace_back(at, this_id);
    std::push_heap(reference.begin(), reference.end(), std::greater<>());
  };
  for (int i = 0; i < 1000; ++i)
    push(static_cast<SimTime>(rng.uniform_below(100)));
  EventCallback callback;
  for (int step = 0; step < 50000; ++step) {
    if (!queue.empty() && (rng.uniform_below(3) != 0 || queue.size() > 3000)) {
      CHECK(queue.next_time() == std::get<0>(reference.front()));
      now = queue.pop(callback);
      callback();
      std::pop_heap(reference.begin(), reference.end(), std::greater<>());
      expected.push_back(std::get<1>(reference.back()));
      reference.pop_back();
    } else {
      const int burst = rng.uniform_below(10) == 0 ? 50 : 1;
      for (int b = 0; b < burst; ++b)
        push(now + static_cast<SimTime>(rng.uniform_below(20)));
    }
    REQUIRE(queue.size() == reference.size());
  }
  while (!queue.empty()) {
    queue.pop(callback);
    callback();
    std::pop_heap(reference.begin(), reference.end(), std::greater<>());
    expected.push_back(std::get<1>(reference.back()));
    reference.pop_back();
  }
  CHECK(popped == expected);
}

TEST_CASE("the event queue stays ordered when pushes go before the last popped time") {
  // Not what the Simulator does, but EventQueue allows it; and next_time()
  // must follow pushes that undercut the minimum it reported.
  EventQueue queue;
  Rng rng(9, "queue-non-monotone");
  std::vector<std::tuple<SimTime, int>> reference;
  std::vector<int> popped, expected;
  int id = 0;
  EventCallback callback;
  for (int step = 0; step < 20000; ++step) {
    if (!queue.empty() && rng.uniform_below(2) == 0) {
      const auto earliest = std::min_element(reference.begin(), reference.end());
      CHECK(queue.next_time() == std::get<0>(*earliest));
      CHECK(queue.pop(callback) == std::get<0>(*earliest));
      callback();
      expected.push_back(std::get<1>(*earliest));
      reference.erase(earliest);
    } else {
      // Spread over many magnitudes, negative included.
      const auto magnitude = static_cast<int>(rng.uniform_below(40));
      const SimTime at = static_cast<SimTime>(rng.uniform_below(std::uint64_t{1} << magnitude)) -
                         (rng.uniform_below(8) == 0 ? 1'000'000 : 0);
      const int this_id = id++;
      queue.push(at, [&popped, this_id] { popped.push_back(this_id); });
      reference.emplace_back(at, this_id);
      if (rng.uniform_below(4) == 0) {
        CHECK(queue.next_time() ==
              std::get<0>(*std::min_element(reference.begin(), reference.end())));
      }
    }
  }
  CHECK(popped == expected);
}

TEST_CASE("zero-delay chains at one time run in scheduling order") {
  // Two chains that keep rescheduling at the current time: the bucket holding
  // equal times is appended to while it is consumed.
  Simulator simulator;
  std::vector<int> order;
  int remaining = 5000;
  std::function<void(int)> step = [&](int chain) {
    order.push_back(chain);
    if (--remaining > 0)
      simulator.schedule_in(0, [&step, chain] { step(chain); });
  };
  simulator.schedule_at(7, [&] { step(0); });
  simulator.schedule_at(7, [&] { step(1); });
  simulator.schedule_at(8, [&] { order.push_back(2); });
  simulator.run();
  REQUIRE(order.size() == 5002);  // 5000 steps, the other chain's pending one, then 2
  for (std::size_t i = 0; i + 1 < order.size(); ++i)
    CHECK(order[i] == static_cast<int>(i % 2));
  CHECK(order.back() == 2);
  CHECK(simulator.now() == 8);
}

TEST_CASE("the event queue keeps negative and extreme times in order") {
  EventQueue queue;
  std::vector<int> order;
  queue.push(kSimTimeMax, [&] { order.push_back(4); });
  queue.push(-5, [&] { order.push_back(1); });
  queue.push(0, [&] { order.push_back(2); });
  queue.push(kSimTimeMax, [&] { order.push_back(5); });
  queue.push(1, [&] { order.push_back(3); });
  EventCallback callback;
  while (!queue.empty()) {
    queue.pop(callback);
    callback();
  }
  CHECK(order == std::vector<int>{1, 2, 3, 4, 5});
}

TEST_CASE("sequence wrap-around renumbers pending events without reordering ties") {
  EventQueue queue;
  std::vector<int> order;
  // Earlier pushes at equal times must still run first after the counter wraps.
  EventQueueTestAccess::set_next_sequence(queue, EventQueueTestAccess::sequence_limit() - 3);
  for (int i = 0; i < 10; ++i) {
    queue.push(100 + (i % 2), [&order, i] { order.push_back(i); });
  }
  EventCallback callback;
  queue.pop(callback);  // pop and push across the renumbering too
  callback();
  queue.push(100, [&order] { order.push_back(10); });
  while (!queue.empty()) {
    queue.pop(callback);
    callback();
  }
  CHECK(order == std::vector<int>{0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9});
}

TEST_CASE("the simulator runs callables that capture a shared payload by value") {
  Simulator simulator;
  struct Payload {
    std::array<std::int64_t, 7> cost{};
    std::shared_ptr<const std::vector<float>> values;
  };
  auto values = std::make_shared<const std::vector<float>>(3, 1.5f);
  float sum = 0;
  for (int i = 0; i < 3; ++i) {
    Payload payload{{}, values};
    payload.cost[0] = i;
    simulator.schedule_at(10 - i, [&sum, payload = std::move(payload)] {
      sum += (*payload.values)[0] * static_cast<float>(payload.cost[0] + 1);
    });
  }
  CHECK(values.use_count() == 4);
  simulator.run();
  CHECK(sum == doctest::Approx(9.0));
  CHECK(values.use_count() == 1);  // every event's capture released after it ran
}
