#pragma once
// Metrics of one recorded round, computed from every node's model.
#include <optional>
#include <vector>

#include "models/tasks/task.hpp"

namespace commsim {

struct RoundMetrics {
  double consensus_error = 0.0;          // (1/n) sum_i ||x_i - mean||^2
  std::vector<double> distance_to_mean;  // ||x_i - mean||^2 per node
  std::vector<double> average_model;
};

// The average model and the consensus error over the nodes `included` marks
// (every node when it is empty or marks none); distance_to_mean for every node.
RoundMetrics compute_round_metrics(const std::vector<std::vector<float>>& node_models,
                                   const std::vector<bool>& included = {});

// Mean and worst test accuracy of the nodes' own models (one evaluation each).
struct NodeAccuracy {
  double mean = 0.0;
  double worst = 0.0;
};
std::optional<NodeAccuracy> node_accuracy(const Task& task,
                                          const std::vector<std::vector<float>>& node_models,
                                          const std::vector<bool>& included = {});

}  // namespace commsim
