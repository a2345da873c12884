#pragma once
// Assembles one run from a resolved scenario (topology -> network with link
// models -> task -> algorithm) and runs it until its stop rule.
#include <functional>

#include "app/run_result.hpp"
#include "app/scenario.hpp"

namespace commsim {

// Called after every recorded row (for progress display).
using RowListener = std::function<void(const SeriesRow& row, std::int64_t max_rounds)>;

RunResult run_experiment(const Scenario& scenario, const RowListener& on_row = {});

}  // namespace commsim
