#pragma once
// record.trace: a timeline of the run in the Chrome trace event format
// (trace.json), which Perfetto (ui.perfetto.dev) and chrome://tracing open.
// One track per node: its compute steps and its transmissions as spans
// (with the payload bytes, receivers and round), receptions and losses as
// instants, crashes as spans. Only the first `rounds` rounds are traced,
// and at most kMaxEvents events, so a trace stays small enough to open.
// Not traced: a shared medium's per-frame backoffs and retries (their sum
// is the transmission span) and the algorithms' timeouts.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "models/compute/compute_model.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/network.hpp"

namespace commsim {

class TraceRecorder {
 public:
  static constexpr std::size_t kMaxEvents = 1'000'000;

  // Subscribes to the network's and the compute model's hooks.
  TraceRecorder(Simulator& simulator, Network& network, ComputeModel& compute);
  // From now on nothing more is recorded (the traced rounds are over).
  void stop() { stopped_ = true; }
  // The whole trace; crashes come from the fault schedule, up to `end`.
  std::string json(SimTime end) const;

 private:
  void add(nlohmann::json event);

  Simulator& simulator_;
  const Network& network_;
  bool stopped_ = false;
  bool truncated_ = false;
  nlohmann::json events_ = nlohmann::json::array();
};

}  // namespace commsim
