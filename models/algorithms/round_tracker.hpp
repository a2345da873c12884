#pragma once
// Gathers each node's model at the end of the recorded rounds and hands one
// complete snapshot per round to the observer, in round order, as soon as the
// slowest node has finished it. Nodes may run ahead of each other; only the
// recorded rounds are copied.
//
// With a timeout policy, nodes that are down never finish their rounds while
// their neighbours go on; `count_down_nodes` makes a round complete once every
// node that is up has finished it, a down node contributing its model as it
// is (frozen). A down node that later finishes such a round is not counted twice.
#include <cstdint>
#include <deque>
#include <functional>
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

  // `is_down(node, now)` tells which nodes are down; `model_of(node)` their current model.
  using DownQuery = std::function<bool(NodeId, SimTime)>;
  using ModelQuery = std::function<const std::vector<float>&(NodeId)>;
  void count_down_nodes(DownQuery is_down, ModelQuery model_of);

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
  // Nodes that are down now and have not finished `round`.
  NodeId down_behind(std::int64_t round, SimTime now) const;
  bool report_ready(SimTime now);

  std::map<std::int64_t, Pending> pending_;
  // finished_[k]: nodes that have finished round rounds_completed_ + 1 + k.
  std::deque<NodeId> finished_;
  std::int64_t rounds_completed_ = -1;
  bool stopped_ = false;
  DownQuery is_down_;
  ModelQuery model_of_;
  std::vector<std::int64_t> last_round_;  // per node, with count_down_nodes
};

}  // namespace commsim
