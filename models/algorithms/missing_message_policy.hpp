#pragma once
// What an algorithm does about a message that never comes (docs/algorithms.md,
// "Missing messages"): the declared parameters shared by the algorithms, the
// values read from a scenario, and the counters the summary shows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/kernel/sim_time.hpp"
#include "sim/params/param_spec.hpp"
#include "sim/params/params.hpp"

namespace commsim {

// Neighbour rounds (gossip, dsgd, dpsgd, choco, dcd, ecd): `timeout_s` after a
// node has sent its round's message it closes the round with what it has.
struct NeighbourTimeout {
  std::optional<SimTime> timeout;  // none: wait for every in-neighbour
  bool reuse_last = false;         // "last": the last value received from j, else its own
};
// `offers_last`: the algorithm can reuse a neighbour's last value (the
// `missing` choice); the others skip a missing neighbour's update.
std::vector<ParamSpec> neighbour_timeout_params(bool offers_last);
NeighbourTimeout read_neighbour_timeout(const Params& params);

// A server (ps_sgd, lag, laq): `timeout_s` after it sent a round's models it
// closes the round with the gradients it has (async: resends the model).
std::vector<ParamSpec> server_timeout_params();
std::optional<SimTime> read_server_timeout(const Params& params);

// Reliable delivery (allreduce, the collective engine): a lost message is
// sent again `retransmit_timeout_s` after the loss is known, at most
// `max_retransmissions` times.
struct Retransmission {
  SimTime delay = 0;
  std::int64_t max_attempts = 0;
};
std::vector<ParamSpec> retransmission_params();
// The declared values, or the defaults when the algorithm does not declare
// them (ps_sgd running a collective compressor).
Retransmission read_retransmission(const Params& params);

// What the policies did, for summary.json; `stall_cause` names the
// algorithm-level reason a synchronous step can never complete.
struct MissingMessageCounters {
  std::int64_t rounds_timed_out = 0;  // rounds a node (or the server) closed without every message
  std::int64_t messages_missing = 0;  // messages those rounds went without
  std::int64_t messages_late = 0;     // arrived after their round was closed: dropped
  std::int64_t retransmissions = 0;   // copies sent again after a loss
  std::string stall_cause;
};

}  // namespace commsim
