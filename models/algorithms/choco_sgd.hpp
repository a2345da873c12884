#pragma once
// CHOCO-SGD (Koloskova et al. 2019/2020) on a static (period 1)
// topology with any compressor Q. Node i keeps x_i, its public estimate
// x_hat_i and s_i = sum_j w_ij x_hat_j (the memory-efficient form: three
// vectors per node whatever its degree). Each round it sends only
// q_i = Q(x_i - x_hat_i); every receiver adds w_ij q_j to its s_i. The mean
// of the x_i follows exact SGD on the mean for any Q; gamma is the consensus
// step. Two orders: `paper` (step, compress, mix with the new
// estimates) and `reference` (step, mix with last round's estimates, then
// compress, which lets q travel while the next gradient is computed).
#include <memory>
#include <vector>

#include "models/algorithms/neighbour_rounds.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo choco_info();

// What both forms of CHOCO read from the algorithm block, and their shared
// local step.
struct ChocoSettings {
  explicit ChocoSettings(const Params& params);
  // The heavy-ball step; none on a task without gradients (CHOCO-Gossip).
  void local_step(std::vector<float>& model, std::vector<float>& momentum,
                  const std::vector<float>& gradient) const;

  bool paper_order;  // step, compress, mix; else step, mix, compress
  double learning_rate, momentum, gamma;
};

class ChocoSgd : public NeighbourRounds {
 public:
  ChocoSgd(const Params& params, AlgorithmContext context);

 private:
  struct Node {
    std::vector<float> model, momentum;
    std::vector<double> estimate;  // x_hat_i
    std::vector<double> mixed;     // s_i = sum_j w_ij x_hat_j
  };
  const std::vector<float>& initialise(NodeId node) override;
  Outgoing local_step(NodeId node, std::int64_t round, const std::vector<float>& gradient) override;
  void absorb(NodeId node, std::int64_t round, const Message& message) override;
  const std::vector<float>& finish_round(NodeId node, std::int64_t round) override;
  const std::vector<float>& current_model(NodeId node) const override {
    return nodes_[static_cast<std::size_t>(node)].model;
  }
  void consensus_step(Node& state) const;  // x <- x + gamma (s - x_hat)

  ChocoSettings settings_;
  std::vector<Node> nodes_;
};

}  // namespace commsim
