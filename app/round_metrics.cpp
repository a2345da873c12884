#include "app/round_metrics.hpp"

namespace commsim {

RoundMetrics compute_round_metrics(const std::vector<std::vector<float>>& node_models) {
  RoundMetrics metrics;
  if (node_models.empty())
    return metrics;
  const std::size_t dimension = node_models.front().size();
  metrics.average_model.assign(dimension, 0.0);
  for (const auto& model : node_models) {
    for (std::size_t k = 0; k < dimension; ++k)
      metrics.average_model[k] += model[k];
  }
  const double count = static_cast<double>(node_models.size());
  for (auto& value : metrics.average_model)
    value /= count;
  // Two passes (mean first), so a tiny error is not lost to cancellation.
  double squares = 0.0;
  for (const auto& model : node_models) {
    double node_squares = 0.0;
    for (std::size_t k = 0; k < dimension; ++k) {
      const double difference = model[k] - metrics.average_model[k];
      node_squares += difference * difference;
    }
    metrics.distance_to_mean.push_back(node_squares);
    squares += node_squares;
  }
  metrics.consensus_error = squares / count;
  return metrics;
}

}  // namespace commsim
