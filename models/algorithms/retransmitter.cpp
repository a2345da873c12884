#include "models/algorithms/retransmitter.hpp"

#include <algorithm>
#include <sstream>

namespace commsim {

Retransmitter::Retransmitter(Simulator& simulator, Network& network, Retransmission policy,
                             std::string algorithm, MissingMessageCounters& counters)
    : simulator_(simulator),
      network_(network),
      policy_(policy),
      algorithm_(std::move(algorithm)),
      counters_(counters) {}

void Retransmitter::attach() {
  network_.on_loss([this](const Message& message, LossReason) { on_loss(message); });
}

void Retransmitter::on_loss(const Message& message) {
  if (stalled())
    return;  // the run is over: nothing more is sent
  const SimTime now = simulator_.now();
  const FaultSchedule& faults = network_.faults();
  for (const NodeId node : {message.to, message.from}) {
    if (faults.node_up_again(node, now) == kSimTimeMax) {
      std::ostringstream reason;
      reason << "node " << node << " is down for good at " << simtime_to_seconds(now) << " s";
      stall(message, reason.str());
      return;
    }
  }
  std::int64_t& resent = resent_[{message.from, message.to, message.round, message.channel}];
  if (resent >= policy_.max_attempts) {
    std::ostringstream reason;
    reason << "the message from node " << message.from << " to node " << message.to << " was lost "
           << resent + 1 << " times";
    stall(message, reason.str());
    return;
  }
  ++resent;
  ++counters_.retransmissions;
  const SimTime at = std::max({now + policy_.delay, faults.node_up_again(message.from, now),
                               faults.node_up_again(message.to, now)});
  simulator_.schedule_at(at, [this, copy = message] {
    if (!stalled())
      network_.send(copy);
  });
}

void Retransmitter::stall(const Message& message, const std::string& reason) {
  std::ostringstream cause;
  cause << algorithm_ << ": " << reason << "; round " << message.round + 1 << " cannot complete";
  counters_.stall_cause = cause.str();
}

}  // namespace commsim
