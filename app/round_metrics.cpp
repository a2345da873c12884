#include "app/round_metrics.hpp"

#include <algorithm>

namespace commsim {

namespace {
bool counts(const std::vector<bool>& included, std::size_t node) {
  return included.empty() || included[node];
}
}  // namespace

RoundMetrics compute_round_metrics(const std::vector<std::vector<float>>& node_models,
                                   const std::vector<bool>& included_nodes) {
  RoundMetrics metrics;
  if (node_models.empty())
    return metrics;
  const bool any = included_nodes.empty() || std::find(included_nodes.begin(), included_nodes.end(),
                                                       true) != included_nodes.end();
  const std::vector<bool> none;
  const std::vector<bool>& included = any ? included_nodes : none;
  const std::size_t dimension = node_models.front().size();
  metrics.average_model.assign(dimension, 0.0);
  double count = 0.0;
  for (std::size_t node = 0; node < node_models.size(); ++node) {
    if (!counts(included, node))
      continue;
    count += 1.0;
    for (std::size_t k = 0; k < dimension; ++k)
      metrics.average_model[k] += node_models[node][k];
  }
  for (auto& value : metrics.average_model)
    value /= count;
  // Two passes (mean first), so a tiny error is not lost to cancellation.
  double squares = 0.0;
  for (std::size_t node = 0; node < node_models.size(); ++node) {
    double node_squares = 0.0;
    for (std::size_t k = 0; k < dimension; ++k) {
      const double difference = node_models[node][k] - metrics.average_model[k];
      node_squares += difference * difference;
    }
    metrics.distance_to_mean.push_back(node_squares);
    if (counts(included, node))
      squares += node_squares;
  }
  metrics.consensus_error = squares / count;
  return metrics;
}

std::optional<NodeAccuracy> node_accuracy(const Task& task,
                                          const std::vector<std::vector<float>>& node_models,
                                          const std::vector<bool>& included) {
  std::optional<NodeAccuracy> result;
  double sum = 0.0, count = 0.0;
  for (std::size_t node = 0; node < node_models.size(); ++node) {
    if (!counts(included, node))
      continue;
    const std::vector<double> model(node_models[node].begin(), node_models[node].end());
    const auto accuracy = task.evaluate(model).test_accuracy;
    if (!accuracy)
      return std::nullopt;  // the task has no test accuracy
    sum += *accuracy;
    count += 1.0;
    result = NodeAccuracy{0.0, result ? std::min(result->worst, *accuracy) : *accuracy};
  }
  if (result)
    result->mean = sum / count;
  return result;
}

}  // namespace commsim
