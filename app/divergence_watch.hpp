#pragma once
// Run health: a run has diverged when a recorded metric turns NaN or
// infinite, or when its training loss or consensus error grows past
// `factor` times its first positive recorded value (learning runs start from
// one shared model, so the first consensus error is often 0). Such a run
// stops with stop_reason "diverged" instead of reporting a finished run.
#include <optional>
#include <string>

#include "app/run_result.hpp"

namespace commsim {

class DivergenceWatch {
 public:
  explicit DivergenceWatch(double factor) : factor_(factor) {}
  // One sentence naming the metric, its value and the round when `row`
  // shows divergence; nothing otherwise.
  std::optional<std::string> check(const SeriesRow& row);

 private:
  std::optional<std::string> check_growth(const char* name, double value, std::int64_t round,
                                          std::optional<double>& first) const;

  double factor_;
  std::optional<double> first_train_loss_, first_consensus_error_;
};

}  // namespace commsim
