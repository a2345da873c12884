#pragma once
// Synchronous data-parallel SGD with a collective compressor (clt_k, powersgd,
// count_sketch, dgc, double_quant): what ps_sgd (mode sync) and allreduce run
// when compressor.kind names one. Every round each worker computes a minibatch
// gradient (compute model); the collective's math turns the n gradients into
// the update every worker applies and the round's phases with their exact
// bits; those phases travel as real messages (collective_schedule.hpp), each
// node sending a step's messages once it has received its messages of the
// earlier steps; a worker that has received all of its messages takes the
// heavy-ball step and starts the next round. There is no global barrier:
// a slow link or straggler delays exactly the nodes that wait for it.
//
// The math runs once per round, when the first node starts it: gradients are
// pure functions of the model and each worker's minibatch stream, so they can
// be evaluated before the compute model says they are finished; the messages
// still leave only when the simulated computation and the earlier steps are done.
// A lost message is sent again (retransmitter.hpp); when that cannot help
// (a node down for good, retransmissions used up) the run ends stalled.
#include <map>
#include <memory>
#include <vector>

#include "models/algorithms/algorithm.hpp"
#include "models/algorithms/collective_schedule.hpp"
#include "models/algorithms/retransmitter.hpp"
#include "models/algorithms/round_tracker.hpp"
#include "models/compressors/collective.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/kernel/rng_streams.hpp"
#include "sim/params/params.hpp"

namespace commsim {

class CollectiveSgd : public Algorithm {
 public:
  // `params` holds lr and momentum (the algorithm's heavy-ball step).
  CollectiveSgd(const CollectiveMethod& method, Fabric fabric, const Params& params,
                AlgorithmContext context);
  void start() override;
  std::int64_t rounds_completed() const override { return tracker_.rounds_completed(); }
  MissingMessageCounters missing_messages() const override { return counters_; }
  // The model every worker holds after the rounds done so far (the server's for ps_sgd).
  const std::vector<float>& model() const { return model_; }

 private:
  struct Plan {
    std::vector<float> model_after;                            // reported when a worker finishes
    std::vector<std::vector<std::vector<Transfer>>> outgoing;  // [node][step]
    std::vector<std::vector<int>> incoming;                    // [node][step] message counts
    std::size_t steps = 0;
    NodeId finished = 0;
  };
  struct NodeState {
    std::int64_t round = 0;
    std::size_t step = 0;
    bool ready = false;  // gradient computed (always, for the server)
    bool sent = false;   // this step's messages are out
    std::map<std::pair<std::int64_t, std::size_t>, int> received;
  };

  NodeId node_count() const { return fabric_ == Fabric::kServer ? workers_ + 1 : workers_; }
  Plan& plan_for(std::int64_t round);
  void begin_round(NodeId node);
  void advance(NodeId node);
  void finish_round(NodeId node);
  void on_message(const Message& message);

  Fabric fabric_;
  double learning_rate_;
  double momentum_;
  AlgorithmContext context_;
  NodeId workers_;
  std::unique_ptr<CollectiveCompressor> collective_;
  std::vector<float> model_;     // the replicas' (and server's) model
  std::vector<float> velocity_;  // heavy-ball state
  std::vector<float> view_;      // the model workers compute gradients at
  RngStreams minibatch_rng_;
  Rng collective_rng_;
  std::map<std::int64_t, Plan> plans_;
  std::vector<NodeState> nodes_;
  RoundTracker tracker_;
  MissingMessageCounters counters_;
  Retransmitter retransmitter_;  // a lost message is sent again (reliable delivery)
};

}  // namespace commsim
