#pragma once
// Gathers each node's model at the end of the recorded rounds and hands one
// complete snapshot per round to the observer, in round order, as soon as the
// slowest node has finished it. Nodes may run ahead of each other; only the
// recorded rounds are copied.
#include <cstdint>
#include <deque>
#include <map>
#include <vector>

#include "models/algorithms/algorithm.hpp"

namespace commsim {

class RoundTracker {
 public:
  RoundTracker(NodeId nodes, std::int64_t max_rounds, std::int64_t record_every,
               RoundObserver observer);

  bool is_recorded(std::int64_t round) const {
    return round == max_rounds_ || round % record_every_ == 0;
  }
  // Node `node` has finished `round` with model `model`, at time `now`.
  // Returns false once the observer asked to stop.
  bool node_finished(NodeId node, std::int64_t round, const std::vector<float>& model, SimTime now);
  std::int64_t rounds_completed() const { return rounds_completed_ < 0 ? 0 : rounds_completed_; }
  bool stopped() const { return stopped_; }

 private:
  struct Pending {
    std::vector<std::vector<float>> models;
    NodeId finished = 0;
    SimTime last_time = 0;
  };
  NodeId nodes_;
  std::int64_t max_rounds_;
  std::int64_t record_every_;
  RoundObserver observer_;
  std::map<std::int64_t, Pending> pending_;
  // finished_[k]: nodes that have finished round rounds_completed_ + 1 + k.
  std::deque<NodeId> finished_;
  std::int64_t rounds_completed_ = -1;
  bool stopped_ = false;
};

}  // namespace commsim
