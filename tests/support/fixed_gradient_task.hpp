#pragma once
// The two-node example of the DCD/ECD and CHOCO tests: node 0
// starts at (1, 2) with gradient (0.5, 0), node 1 at (3, 0) with (0, -1).
#include "models/tasks/task.hpp"

namespace commsim::testing {

class FixedGradientTask : public Task {
 public:
  std::string name() const override { return "fixed"; }
  std::size_t dimension() const override { return 2; }
  std::vector<float> initial_model(NodeId node) const override {
    return node == 0 ? std::vector<float>{1, 2} : std::vector<float>{3, 0};
  }
  TaskMetrics evaluate(const std::vector<double>&) const override { return {}; }
  bool trainable() const override { return true; }
  double stochastic_gradient(NodeId node, const std::vector<float>&, Rng&,
                             std::vector<float>& g) const override {
    g = node == 0 ? std::vector<float>{0.5f, 0.0f} : std::vector<float>{0.0f, -1.0f};
    return 0.0;
  }
};

}  // namespace commsim::testing
