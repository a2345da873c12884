#include "models/algorithms/round_tracker.hpp"

#include <algorithm>

namespace commsim {

RoundTracker::RoundTracker(NodeId nodes, std::int64_t max_rounds, std::int64_t record_every,
                           RoundObserver observer)
    : nodes_(nodes),
      max_rounds_(max_rounds),
      record_every_(record_every),
      observer_(std::move(observer)) {}

bool RoundTracker::node_finished(NodeId node, std::int64_t round, const std::vector<float>& model,
                                 SimTime now) {
  const auto offset = static_cast<std::size_t>(round - rounds_completed_ - 1);
  if (finished_.size() <= offset) finished_.resize(offset + 1, 0);
  ++finished_[offset];
  while (!finished_.empty() && finished_.front() == nodes_) {
    finished_.pop_front();
    ++rounds_completed_;
  }
  if (stopped_) return false;
  if (is_recorded(round)) {
    Pending& pending = pending_[round];
    if (pending.models.empty()) pending.models.resize(static_cast<std::size_t>(nodes_));
    pending.models[static_cast<std::size_t>(node)] = model;
    ++pending.finished;
    pending.last_time = std::max(pending.last_time, now);
  }
  // Report every recorded round that all nodes have now finished, in order.
  while (!pending_.empty() && pending_.begin()->second.finished == nodes_) {
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
