#pragma once
// The task plugin interface: what the nodes learn (or average) and how the
// average model is evaluated.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/net/message.hpp"

namespace commsim {

struct TaskMetrics {
  std::optional<double> train_loss;
  std::optional<double> test_accuracy;
};

class Task {
 public:
  virtual ~Task() = default;
  virtual std::string name() const = 0;
  virtual std::size_t dimension() const = 0;  // floats in one model
  virtual std::vector<float> initial_model(NodeId node) const = 0;
  // Metrics of a model (usually the average of all nodes' models).
  virtual TaskMetrics evaluate(const std::vector<double>& model) const = 0;
};

}  // namespace commsim
