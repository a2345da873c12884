#pragma once
// The algorithm plugin interface: the per-node program. It reacts to compute
// completions and message arrivals, sends through the Network (which counts
// every bit), and reports each recorded round once all nodes have finished it.
#include <cstdint>
#include <functional>
#include <vector>

#include "models/algorithms/algorithm_hooks.hpp"
#include "models/algorithms/compression_settings.hpp"
#include "models/algorithms/missing_message_policy.hpp"
#include "models/compressors/compressor.hpp"
#include "models/compute/compute_model.hpp"
#include "models/tasks/task.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/network.hpp"
#include "topologies/topology.hpp"

namespace commsim {

// Every node's model at the end of one round (round 0: the initial models).
struct RoundSnapshot {
  std::int64_t round = 0;
  SimTime time = 0;  // when the last node finished this round
  const std::vector<std::vector<float>>* node_models = nullptr;
};

// Called for every recorded round in increasing order. It returns false when
// the stop rule is met; it then stops the simulator itself, and algorithms
// only stop starting rounds (RoundTracker::stopped()).
using RoundObserver = std::function<bool(const RoundSnapshot&)>;

struct AlgorithmContext {
  Simulator& simulator;
  Network& network;
  const Topology& topology;
  const Task& task;
  ComputeModel& compute;
  std::uint64_t seed;
  std::int64_t max_rounds;    // nodes stop after this many rounds
  std::int64_t record_every;  // rounds 0, every, 2*every, ... and max_rounds are recorded
  RoundObserver observer;
  // The scenario's compressor, for algorithms that compress their messages.
  std::shared_ptr<const Compressor> compressor = nullptr;
  // The compressor block's error-feedback options (NodeCompression applies them).
  ErrorFeedback error_feedback{};
  // Where the levels of adaptive compressors are tallied for the series; may be null.
  CompressionLevels* compression_levels = nullptr;
  // The scenario's `downlink` block: compression of a server's model
  // broadcast (ps_sgd sync); null when absent (float32 models).
  std::shared_ptr<const Compressor> downlink_compressor = nullptr;
  // Where the algorithm reports its timeouts; may be null (nobody listens).
  const AlgorithmHooks* hooks = nullptr;
};

// Tells the context's hooks, if any, that a timeout closed a wait.
inline void report_timeout(const AlgorithmContext& context, const RoundTimeout& timeout) {
  if (context.hooks != nullptr)
    context.hooks->timed_out(timeout);
}

class Algorithm {
 public:
  virtual ~Algorithm() = default;
  // Schedules the first events; the simulator does the rest.
  virtual void start() = 0;
  // Rounds every node has finished.
  virtual std::int64_t rounds_completed() const = 0;
  // What the missing-message policy did (timeouts, late drops, retransmissions)
  // and, when a synchronous step can never complete, why.
  virtual MissingMessageCounters missing_messages() const { return {}; }
};

}  // namespace commsim
