#pragma once
// CHOCO-SGD on a time-varying topology (the registry picks it when the
// topology's period is longer than one round). A static graph lets node j
// keep one public estimate x_hat_j that all its neighbours replicate; when
// W^(r) changes, j meets different partners in different rounds, so every
// directed pair (j -> i) connected in some round keeps its own estimate
// x_hat(j->i), held identically by both ends. In round r, j sends each
// out-neighbour i its own q = Q(x_j - x_hat(j->i)) and both ends add q to
// x_hat(j->i). Node i then mixes
//   x_i <- x_i + gamma (sum_j w_ij x_hat(j->i) - sum_j w_ji x_hat(i->j)),
// j over its round-r in- and out-neighbours (w_ji: the weight its receiver j
// gives i). Summed over i the two sums cancel pair by pair, so the mean of the
// x_i follows exact SGD on the mean for any Q and any W^(r) (for symmetric
// W^(r) this is gamma sum_j w_ij (x_hat(j->i) - x_hat(i->j))). With Q the
// identity and gamma = 1 a doubly stochastic W^(r) gives DSGD's
// x_i <- sum_j w_ij x_j exactly. Memory: one estimate per partner over the
// period (at most period x k in and k out for Base-(k+1)).
#include <map>
#include <vector>

#include "models/algorithms/choco_sgd.hpp"
#include "models/algorithms/neighbour_rounds.hpp"
#include "sim/params/params.hpp"

namespace commsim {

class ChocoPairwise : public NeighbourRounds {
 public:
  ChocoPairwise(const Params& params, AlgorithmContext context);

 private:
  struct Node {
    std::vector<float> model, momentum;
    std::map<NodeId, std::vector<double>> sent;   // x_hat(i->j) per out-partner j
    std::map<NodeId, std::vector<double>> heard;  // x_hat(j->i) per in-partner j
  };
  const std::vector<float>& initialise(NodeId node) override;
  Outgoing local_step(NodeId node, std::int64_t round, const std::vector<float>& gradient) override;
  bool sends_per_receiver() const override { return true; }
  Outgoing message_to(NodeId node, std::int64_t round, NodeId receiver) override;
  void absorb(NodeId node, std::int64_t round, const Message& message) override;
  const std::vector<float>& finish_round(NodeId node, std::int64_t round) override;
  const std::vector<float>& current_model(NodeId node) const override {
    return nodes_[static_cast<std::size_t>(node)].model;
  }
  void consensus_step(NodeId node, std::int64_t round);
  // The pair's estimate, zero until the pair first exchanges (x_hat = 0 as on a static graph).
  std::vector<double>& estimate(std::map<NodeId, std::vector<double>>& estimates, NodeId partner,
                                std::size_t size) const;

  ChocoSettings settings_;
  std::vector<Node> nodes_;
};

// Vectors a node keeps (a double counts 2): model, momentum, gradient, error
// memory, and one double estimate per in- and out-partner over the period.
double choco_pairwise_vectors_per_node(const Topology& topology);

}  // namespace commsim
