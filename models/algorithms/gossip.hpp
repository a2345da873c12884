#pragma once
// Synchronous gossip averaging. In round r every node sends its vector to its
// out-neighbours of W^(r) (the topology's matrix for global round r), waits
// for the vectors of its in-neighbours of that same round only, and mixes:
// x_i <- sum_j W[i][j] x_j. No global barrier: a slow link delays exactly the
// nodes that wait on it.
#include <memory>
#include <vector>

#include "models/algorithms/algorithm.hpp"
#include "models/algorithms/round_tracker.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo gossip_info();

class Gossip : public Algorithm {
 public:
  Gossip(const Params& params, AlgorithmContext context);
  void start() override;
  std::int64_t rounds_completed() const override { return tracker_.rounds_completed(); }

 private:
  struct Received {
    std::int64_t round;
    NodeId from;
    std::shared_ptr<const std::vector<float>> values;
  };
  struct Node {
    std::vector<float> model;
    std::int64_t round = 0;  // the round being worked on
    bool mixing = false;     // waiting for the processor, not for messages
    std::vector<Received> inbox;  // this round's and early arrivals of later rounds
  };

  void begin_round(NodeId node);
  void on_message(const Message& message);
  void try_mix(NodeId node);
  void mix(NodeId node);

  AlgorithmContext context_;
  std::vector<Node> nodes_;
  RoundTracker tracker_;
};

}  // namespace commsim
