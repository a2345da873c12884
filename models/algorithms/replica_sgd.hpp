#pragma once
// DCD-PSGD and ECD-PSGD (Tang et al. 2018) on a static
// topology with an unbiased compressor C. Every node keeps a replica of each
// in-neighbour's model and mixes replicas instead of received models:
//   dcd: x_i^{1/2} = sum_j w_ij x_j - lr g_i; send C(x_i^{1/2} - x_i); every
//        holder of x_j adds C(z_j), so replicas stay exact;
//   ecd: x_i^{t+1} = sum_j w_ij y_j - lr g_i; send C(z) for the extrapolation
//        z = (1 - t/2) x_i^t + (t/2) x_i^{t+1}; every holder updates
//        y_j <- (1 - 2/t) y_j + (2/t) C(z_j) (t counts from 1).
#include <map>
#include <memory>
#include <vector>

#include "models/algorithms/neighbour_rounds.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo dcd_info();
PluginInfo ecd_info();

class ReplicaSgd : public NeighbourRounds {
 public:
  enum class Mode { kDifference, kExtrapolation };
  ReplicaSgd(Mode mode, const Params& params, AlgorithmContext context);

 private:
  struct Node {
    std::vector<float> model;
    std::map<NodeId, std::vector<double>> replicas;  // x_j (dcd) or y_j (ecd); self included
  };
  const std::vector<float>& initialise(NodeId node) override;
  Outgoing local_step(NodeId node, std::int64_t round, const std::vector<float>& gradient) override;
  void absorb(NodeId node, std::int64_t round, const Message& message) override;
  const std::vector<float>& finish_round(NodeId node, std::int64_t) override {
    return nodes_[static_cast<std::size_t>(node)].model;
  }
  const std::vector<float>& current_model(NodeId node) const override {
    return nodes_[static_cast<std::size_t>(node)].model;
  }
  void apply_to_replica(std::vector<double>& replica, const std::vector<float>& compressed,
                        std::int64_t round) const;

  Mode mode_;
  double learning_rate_;
  std::vector<Node> nodes_;
};

}  // namespace commsim
