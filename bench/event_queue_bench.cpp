// Hold model over commsim's event kernel; see bench/hold_workload.hpp and
// docs/performance.md. items_per_second counts hold operations, i.e. one pop
// plus one push (and, for the Simulator, one callback run).
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <memory>

#include "bench/hold_workload.hpp"
#include "sim/kernel/event_queue.hpp"
#include "sim/kernel/simulator.hpp"

namespace commsim::bench {
namespace {

// --- Simulator: events reschedule themselves from inside the callback, as a
// model would.
struct SimulatorHold {
  Simulator simulator;
  HoldDelays delays;
  std::int64_t remaining = 0;
};

void hold(SimulatorHold& state) {
  state.simulator.schedule_in(state.delays.next(), [&state] { hold(state); });
  if (--state.remaining == 0)
    state.simulator.stop();
}

void run_holds(SimulatorHold& state, std::int64_t holds) {
  state.remaining = holds;
  state.simulator.run();
}

void BM_SimulatorHold(benchmark::State& bench_state) {
  const auto pending = bench_state.range(0);
  auto state = std::make_unique<SimulatorHold>();
  for (std::int64_t i = 0; i < pending; ++i) {
    state->simulator.schedule_at(state->delays.next(), [s = state.get()] { hold(*s); });
  }
  run_holds(*state, kHoldsPerRun);  // warm-up: reach the steady state, fault pages in
  for (auto _ : bench_state)
    run_holds(*state, kHoldsPerRun);
  if (static_cast<std::int64_t>(state->simulator.events_pending()) != pending) {
    bench_state.SkipWithError("queue size drifted");
  }
  bench_state.SetItemsProcessed(bench_state.iterations() * kHoldsPerRun);
}

// --- The same with a callback that captures ~112 bytes by value, the size of
// the network's delivery lambdas (a LinkCost and a Message): shows what a
// realistic capture costs over a pointer-sized one.
struct BigCapture {
  std::array<std::int64_t, 12> payload{};
  std::shared_ptr<int> shared;
};

struct SimulatorBigHold {
  Simulator simulator;
  HoldDelays delays;
  std::int64_t remaining = 0;
  std::int64_t checksum = 0;
};

void big_hold(SimulatorBigHold& state, const BigCapture& capture) {
  state.checksum += capture.payload[0];
  BigCapture next = capture;
  ++next.payload[0];
  state.simulator.schedule_in(state.delays.next(),
                              [&state, next = std::move(next)] { big_hold(state, next); });
  if (--state.remaining == 0)
    state.simulator.stop();
}

void BM_SimulatorHoldBigCapture(benchmark::State& bench_state) {
  const auto pending = bench_state.range(0);
  auto state = std::make_unique<SimulatorBigHold>();
  const auto shared = std::make_shared<int>(1);
  for (std::int64_t i = 0; i < pending; ++i) {
    BigCapture capture;
    capture.shared = shared;
    state->simulator.schedule_at(state->delays.next(),
                                 [s = state.get(), capture] { big_hold(*s, capture); });
  }
  state->remaining = kHoldsPerRun;
  state->simulator.run();
  for (auto _ : bench_state) {
    state->remaining = kHoldsPerRun;
    state->simulator.run();
  }
  benchmark::DoNotOptimize(state->checksum);
  bench_state.SetItemsProcessed(bench_state.iterations() * kHoldsPerRun);
}

// --- EventQueue alone: pop the earliest, run it, push its successor.
void BM_EventQueueHold(benchmark::State& bench_state) {
  const auto pending = bench_state.range(0);
  EventQueue queue;
  HoldDelays delays;
  std::int64_t ran = 0;
  for (std::int64_t i = 0; i < pending; ++i)
    queue.push(delays.next(), [&ran] { ++ran; });
  EventCallback callback;
  auto holds = [&] {
    for (std::int64_t n = 0; n < kHoldsPerRun; ++n) {
      const SimTime now = queue.pop(callback);
      callback();
      queue.push(now + delays.next(), [&ran] { ++ran; });
    }
  };
  holds();  // warm-up
  for (auto _ : bench_state)
    holds();
  benchmark::DoNotOptimize(ran);
  bench_state.SetItemsProcessed(bench_state.iterations() * kHoldsPerRun);
}

void pending_sizes(benchmark::internal::Benchmark* bench) {
  bench->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_SimulatorHold)->Apply(pending_sizes);
BENCHMARK(BM_EventQueueHold)->Apply(pending_sizes);
BENCHMARK(BM_SimulatorHoldBigCapture)->Apply(pending_sizes);

}  // namespace
}  // namespace commsim::bench

BENCHMARK_MAIN();
