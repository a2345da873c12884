#pragma once
// Metrics of one recorded round, computed from every node's model.
#include <vector>

#include "models/tasks/task.hpp"

namespace commsim {

struct RoundMetrics {
  double consensus_error = 0.0;          // (1/n) sum_i ||x_i - mean||^2
  std::vector<double> distance_to_mean;  // ||x_i - mean||^2 per node
  std::vector<double> average_model;
};

RoundMetrics compute_round_metrics(const std::vector<std::vector<float>>& node_models);

}  // namespace commsim
