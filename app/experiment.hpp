#pragma once
// Assembles one run from a resolved scenario (topology -> network with link
// models -> task -> algorithm) and runs it until its stop rule.
#include <functional>

#include "app/run_result.hpp"
#include "app/scenario.hpp"

namespace commsim {

// Called after every recorded row (for progress display).
using RowListener = std::function<void(const SeriesRow& row, std::int64_t max_rounds)>;

// Refuses (InputError at --max-memory) a run whose estimated memory exceeds
// `memory_limit_bytes` before allocating its per-node state; 0 means the
// default share of physical memory. The limit covers `parallel_runs` runs
// like this one executing at once in the process (a sweep's threads) and the
// data sets they share, counted once. The numerics (gradients, local steps,
// mixing sums) run on `threads` threads, the event loop's included; outputs
// do not depend on it.
RunResult run_experiment(const Scenario& scenario, const RowListener& on_row = {},
                         std::uint64_t memory_limit_bytes = 0, int parallel_runs = 1,
                         unsigned threads = 1);

}  // namespace commsim
