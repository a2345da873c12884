#include "models/algorithms/round_tracker.hpp"

#include <algorithm>

namespace commsim {

RoundTracker::RoundTracker(NodeId nodes, std::int64_t max_rounds, std::int64_t record_every,
                           RoundObserver observer)
    : nodes_(nodes),
      max_rounds_(max_rounds),
      record_every_(record_every),
      observer_(std::move(observer)) {}

void RoundTracker::count_down_nodes(DownQuery is_down, ModelQuery model_of) {
  is_down_ = std::move(is_down);
  model_of_ = std::move(model_of);
  last_round_.assign(static_cast<std::size_t>(nodes_), -1);
}

NodeId RoundTracker::down_behind(std::int64_t round, SimTime now) const {
  if (!is_down_)
    return 0;
  NodeId behind = 0;
  for (NodeId node = 0; node < nodes_; ++node) {
    if (last_round_[static_cast<std::size_t>(node)] < round && is_down_(node, now))
      ++behind;
  }
  return behind;
}

bool RoundTracker::node_finished(NodeId node, std::int64_t round, const std::vector<float>& model,
                                 SimTime now) {
  if (round <= rounds_completed_)
    return !stopped_;  // a down node catching up on a counted round
  if (!last_round_.empty())
    last_round_[static_cast<std::size_t>(node)] = round;
  const auto offset = static_cast<std::size_t>(round - rounds_completed_ - 1);
  if (finished_.size() <= offset)
    finished_.resize(offset + 1, 0);
  ++finished_[offset];
  while (!finished_.empty() &&
         (finished_.front() == nodes_ ||
          finished_.front() + down_behind(rounds_completed_ + 1, now) == nodes_)) {
    finished_.pop_front();
    ++rounds_completed_;
  }
  if (stopped_)
    return false;
  if (is_recorded(round)) {
    Pending& pending = pending_[round];
    if (pending.models.empty())
      pending.models.resize(static_cast<std::size_t>(nodes_));
    pending.models[static_cast<std::size_t>(node)] = model;
    ++pending.finished;
    pending.last_time = std::max(pending.last_time, now);
  }
  return report_ready(now);
}

// Reports every recorded round that all nodes (or all up nodes) have now finished, in order.
bool RoundTracker::report_ready(SimTime now) {
  while (!pending_.empty()) {
    auto& [round, pending] = *pending_.begin();
    if (pending.finished < nodes_) {
      if (pending.finished + down_behind(round, now) < nodes_)
        break;
      for (NodeId node = 0; node < nodes_; ++node) {
        if (last_round_[static_cast<std::size_t>(node)] < round)
          pending.models[static_cast<std::size_t>(node)] = model_of_(node);
      }
      pending.finished = nodes_;
    }
    auto entry = pending_.extract(pending_.begin());
    const RoundSnapshot snapshot{entry.key(), entry.mapped().last_time, &entry.mapped().models};
    if (!observer_(snapshot)) {
      stopped_ = true;
      return false;
    }
  }
  return true;
}

}  // namespace commsim
