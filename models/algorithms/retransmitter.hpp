#pragma once
// Reliable delivery for the algorithms that expect it (allreduce, the
// collective engine; docs/algorithms.md, "Missing messages"). The network's
// loss report stands in for the sender's ACK timer (a perfect loss detector):
// a lost message is sent again, unchanged, `retransmit_timeout_s` after the
// loss is known (or once sender and receiver are both up again, if later), at
// most `max_retransmissions` times. When the sender or the receiver has
// crashed for good, or the copies are used up, the round can never complete:
// the stall cause is set and nothing more is sent, so the run ends stalled.
#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "models/algorithms/missing_message_policy.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/network.hpp"

namespace commsim {

class Retransmitter {
 public:
  // `algorithm` names the method in the stall cause; `counters` outlives this.
  Retransmitter(Simulator& simulator, Network& network, Retransmission policy,
                std::string algorithm, MissingMessageCounters& counters);
  // Installs the network's loss handler.
  void attach();
  bool stalled() const { return !counters_.stall_cause.empty(); }

 private:
  void on_loss(const Message& message);
  void stall(const Message& message, const std::string& reason);

  Simulator& simulator_;
  Network& network_;
  Retransmission policy_;
  std::string algorithm_;
  MissingMessageCounters& counters_;
  // Copies sent again so far, per (from, to, round, channel).
  std::map<std::tuple<NodeId, NodeId, std::int64_t, std::int64_t>, std::int64_t> resent_;
};

}  // namespace commsim
