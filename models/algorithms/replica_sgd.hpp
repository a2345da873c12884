#pragma once
// DCD-PSGD and ECD-PSGD (Tang et al. 2018; spec section 2) on a static
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

#include "models/algorithms/algorithm.hpp"
#include "models/algorithms/round_tracker.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo dcd_info();
PluginInfo ecd_info();

class ReplicaSgd : public Algorithm {
 public:
  enum class Mode { kDifference, kExtrapolation };
  ReplicaSgd(Mode mode, const Params& params, AlgorithmContext context);
  void start() override;
  std::int64_t rounds_completed() const override { return tracker_.rounds_completed(); }

 private:
  struct Node {
    std::vector<float> model, gradient;
    std::map<NodeId, std::vector<double>> replicas;  // x_j (dcd) or y_j (ecd); self included
    std::int64_t round = 0;
    bool sent = false;
    std::int64_t received = 0;
    std::vector<Message> early;
  };
  void begin_round(NodeId node);
  void on_gradient(NodeId node);
  void on_message(const Message& message);
  void absorb(NodeId node, const Message& message);
  void apply_to_replica(std::vector<double>& replica, const std::vector<float>& compressed, std::int64_t round) const;
  void try_finish(NodeId node);

  Mode mode_;
  double learning_rate_;
  AlgorithmContext context_;
  std::vector<Node> nodes_;
  std::vector<Rng> minibatch_rng_, compressor_rng_;
  RoundTracker tracker_;
};

}  // namespace commsim
