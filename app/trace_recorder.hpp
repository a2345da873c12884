#pragma once
// record.trace: a timeline of the run in the Chrome trace event format
// (trace.json), which Perfetto (ui.perfetto.dev) and chrome://tracing open.
// One track per node: its compute steps and its transmissions as spans
// (with the payload bytes, receivers and round), receptions and losses as
// instants, crashes as spans, and the timeouts of its algorithm as instants
// (with the round and how many messages were missing). On the 802.15.4 radio
// medium, the sender's track also shows each frame's CSMA-CA backoffs as
// spans (NB, BE) and, as instants, busy CCAs, channel access failures,
// retries (with the attempt), frames given up and collisions; a message's
// first backoff comes before its transmission span, which starts with its
// first frame on air. On the fabric with packet sharing, every output
// port's queue is a counter (packets and bytes waiting, sampled whenever
// they change) and a dropped packet is an instant on its sender's track;
// the flow fabric has no queues. Only the first `rounds` rounds are traced,
// and at most kMaxEvents events, so a trace stays small enough to open.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "models/algorithms/algorithm_hooks.hpp"
#include "models/compute/compute_model.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/network.hpp"

namespace commsim {

class TraceRecorder {
 public:
  static constexpr std::size_t kMaxEvents = 1'000'000;

  // Subscribes to the network's (with its medium's detail), the compute
  // model's and the algorithm's hooks.
  TraceRecorder(Simulator& simulator, Network& network, ComputeModel& compute,
                AlgorithmHooks& algorithm);
  // From now on nothing more is recorded (the traced rounds are over).
  void stop() { stopped_ = true; }
  // The whole trace; crashes come from the fault schedule, up to `end`.
  std::string json(SimTime end) const;

 private:
  void add(nlohmann::json event);
  void add_medium_event(const MediumEvent& event);

  Simulator& simulator_;
  const Network& network_;
  bool stopped_ = false;
  bool truncated_ = false;
  nlohmann::json events_ = nlohmann::json::array();
};

}  // namespace commsim
