#pragma once
// CHOCO-SGD (Koloskova et al. 2019/2020; spec section 3.3) on a static
// topology with any compressor Q. Node i keeps x_i, its public estimate
// x_hat_i and s_i = sum_j w_ij x_hat_j (the memory-efficient form: three
// vectors per node whatever its degree). Each round it sends only
// q_i = Q(x_i - x_hat_i); every receiver adds w_ij q_j to its s_i. The mean
// of the x_i follows exact SGD on the mean for any Q; gamma is the consensus
// step. Two orders (spec 3.3): `paper` (step, compress, mix with the new
// estimates) and `reference` (step, mix with last round's estimates, then
// compress, which lets q travel while the next gradient is computed).
#include <memory>
#include <vector>

#include "models/algorithms/algorithm.hpp"
#include "models/algorithms/round_tracker.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo choco_info();

class ChocoSgd : public Algorithm {
 public:
  ChocoSgd(const Params& params, AlgorithmContext context);
  void start() override;
  std::int64_t rounds_completed() const override { return tracker_.rounds_completed(); }

 private:
  struct Node {
    std::vector<float> model, momentum, gradient;
    std::vector<double> estimate;      // x_hat_i
    std::vector<double> mixed;         // s_i = sum_j w_ij x_hat_j
    std::int64_t round = 0;
    bool sent = false;
    std::int64_t received = 0;         // q_j of this round taken in
    std::vector<Message> early;        // q_j of later rounds
  };
  void begin_round(NodeId node);
  void on_gradient(NodeId node);
  void send_compressed(NodeId node);
  void on_message(const Message& message);
  void absorb(NodeId node, const Message& message);
  void try_finish(NodeId node);
  void consensus_step(Node& state);  // x <- x + gamma (s - x_hat)

  bool paper_order_;
  double learning_rate_, momentum_, gamma_;
  AlgorithmContext context_;
  std::vector<Node> nodes_;
  std::vector<Rng> minibatch_rng_, compressor_rng_;
  RoundTracker tracker_;
};

}  // namespace commsim
