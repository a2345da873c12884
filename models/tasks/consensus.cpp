#include "models/tasks/consensus.hpp"

#include "sim/kernel/rng.hpp"

namespace commsim {

PluginInfo consensus_info() {
  return {
      "consensus",
      "Average the nodes' initial vectors; metric: consensus_error = (1/n) sum_i ||x_i - mean||^2",
      {ParamSpec::integer("dim", 100, "floats per node").at_least(1).at_most(1e9),
       ParamSpec::choice("init", {"normal", "uniform"}, "normal",
                         "initial entries: standard normal, or uniform in [0, 1)")},
      ""};
}

ConsensusTask::ConsensusTask(const Params& params, std::uint64_t seed)
    : dimension_(static_cast<std::size_t>(params.integer("dim"))),
      distribution_(params.text("init")),
      seed_(seed) {}

std::vector<float> ConsensusTask::initial_model(NodeId node) const {
  Rng rng(seed_, "consensus-init", static_cast<std::uint64_t>(node));
  std::vector<float> values(dimension_);
  for (auto& value : values) {
    value = static_cast<float>(distribution_ == "normal" ? rng.normal() : rng.uniform01());
  }
  return values;
}

}  // namespace commsim
