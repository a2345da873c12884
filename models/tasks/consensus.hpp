#pragma once
// Pure consensus, the topology papers' experiment: every node starts from its
// own seeded random vector and the goal is their exact average.
#include <cstdint>

#include "models/tasks/task.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo consensus_info();

class ConsensusTask : public Task {
 public:
  ConsensusTask(const Params& params, std::uint64_t seed);
  std::string name() const override { return "consensus"; }
  std::size_t dimension() const override { return dimension_; }
  std::vector<float> initial_model(NodeId node) const override;
  TaskMetrics evaluate(const std::vector<double>&) const override { return {}; }

 private:
  std::size_t dimension_;
  std::string distribution_;
  std::uint64_t seed_;
};

}  // namespace commsim
