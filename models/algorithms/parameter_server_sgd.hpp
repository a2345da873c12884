#pragma once
// Parameter-server SGD. The n workers are nodes 0..n-1; the server is node n,
// with its own link to and from every worker (the scenario's topology is not
// used). The server sends the model (d float32), a worker computes a
// minibatch gradient on it (with gradient = full: its shard's exact gradient,
// i.e. distributed gradient descent) and sends it back (d float32).
//   sync:  the server waits for all n gradients of the round, applies their
//          mean, and sends the new model to every worker;
//   async: the server applies each gradient as it arrives, in arrival order,
//          even if computed on an older model (stale), and sends the current
//          model back to that worker only. A round is n updates. Gradients
//          staler than `max_staleness` updates (if set) are dropped.
// With a compressor other than `none` each worker sends C(g) (or, with error
// feedback, C(g + e) and keeps its own memory e); the server applies the
// decoded gradient. The model going down is float32, unless the scenario has
// a `downlink` compressor (sync only): then the server sends the compressed
// difference to the workers' replicas (compressed_downlink.hpp) and workers
// compute their gradients at their replica.
// With `timeout_s` (docs/algorithms.md, "Missing messages"):
//   sync:  the round closes timeout_s after the server sent the models, with
//          the mean over the gradients received (none: no step, the models
//          are sent again); later gradients of a closed round are dropped
//          (messages_late); every worker gets the next round's model.
//   async: a worker from which nothing came back timeout_s after its model
//          was sent gets the current model again (a retransmission).
#include <memory>
#include <optional>
#include <vector>

#include "models/algorithms/algorithm.hpp"
#include "models/algorithms/compressed_downlink.hpp"
#include "models/algorithms/node_compression.hpp"
#include "models/algorithms/round_tracker.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/kernel/rng_streams.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo ps_sgd_info();

class ParameterServerSgd : public Algorithm {
 public:
  ParameterServerSgd(const Params& params, AlgorithmContext context);
  void start() override;
  std::int64_t rounds_completed() const override { return tracker_.rounds_completed(); }
  std::int64_t dropped_gradients() const { return dropped_; }
  // Every gradient the server applied, in order: who computed it on which model version.
  struct Applied {
    NodeId worker;
    std::int64_t computed_on;
  };
  const std::vector<Applied>& applied() const { return applied_; }
  MissingMessageCounters missing_messages() const override { return counters_; }

 private:
  enum Channel : std::int32_t { kModel = 0, kGradient = 1, kModelUpdate = 2 };

  NodeId server() const { return workers_; }
  void send_model(NodeId worker);
  void on_message(const Message& message);
  void on_worker_model(const Message& message);
  void on_server_gradient(const Message& message);
  void send_round();  // sync: the model to every worker, and the round's timer
  void on_round_timeout(std::int64_t version, std::int64_t attempt);
  void on_worker_timeout(NodeId worker, std::int64_t sent);
  void close_round();          // sync: the mean of the gradients received
  void mark_silent_workers();  // with downlink_: replicas of this round's silent workers are stale
  bool is_late(NodeId worker, std::int64_t computed_on) const;
  // The worker and the server are up, or will be, and so are both links between them.
  bool can_answer_again(NodeId worker) const;
  void apply(const std::vector<double>& gradient);
  void report_round();

  bool synchronous_;
  bool full_gradient_;
  double learning_rate_;
  double momentum_;
  std::int64_t max_staleness_;      // < 0: no bound
  std::optional<SimTime> timeout_;  // none: wait for every gradient
  AlgorithmContext context_;
  NodeId workers_;
  std::vector<float> model_;     // the server's
  std::vector<float> velocity_;  // the server's heavy-ball state
  std::int64_t version_ = 0;     // updates applied so far
  std::vector<double> round_sum_;
  NodeId round_count_ = 0;
  std::int64_t dropped_ = 0;
  std::int64_t round_attempt_ = 0;        // sync: models sent so far, to tell stale timers
  std::vector<bool> received_;            // sync: this round's gradient arrived from the worker
  std::vector<bool> answered_;            // async: a gradient came back since the last model sent
  std::vector<std::int64_t> sent_count_;  // async: models sent to each worker
  MissingMessageCounters counters_;
  std::vector<Applied> applied_;
  std::vector<std::vector<float>> worker_models_;
  std::vector<std::vector<float>> worker_gradients_;
  RngStreams minibatch_rng_;
  NodeCompression compression_;                 // the workers' uplink
  std::optional<CompressedDownlink> downlink_;  // sync with a downlink compressor
  std::vector<std::int64_t> replica_version_;   // with downlink_: each worker's model version
  std::optional<std::size_t> common_level_;     // CAT's common_T, once a round has closed
  RoundTracker tracker_;
};

}  // namespace commsim
