#pragma once
// Synchronous data-parallel SGD with ring all-reduce, the datacenter baseline.
// Every iteration each node computes a minibatch gradient, then the ring
// all-reduce of the n gradients runs in 2(n-1) steps: n-1 reduce-scatter
// steps in which node i passes a running sum of one of n chunks (about d/n
// floats) to node i+1, then n-1 all-gather steps in which the finished chunks
// travel once more around the ring. Each step a node waits only for its
// predecessor's chunk. Then every node applies the same averaged step.
// Compressed vectors cannot be summed chunk by chunk (a sum of two top-k
// messages is not a top-k message), so with a compressor other than `none`
// the ring runs an all-gather instead: each node compresses its whole
// gradient (with optional error feedback), and in n-1 steps every node
// forwards the message it last received, so each compressed gradient passes
// n-1 links with its exact payload. Every node then averages the n decoded
// vectors in node order (identical models on every node).
#include <map>
#include <memory>
#include <vector>

#include "models/algorithms/algorithm.hpp"
#include "models/algorithms/node_compression.hpp"
#include "models/algorithms/retransmitter.hpp"
#include "models/algorithms/round_tracker.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/kernel/rng_streams.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo allreduce_info();

class RingAllreduceSgd : public Algorithm {
 public:
  RingAllreduceSgd(const Params& params, AlgorithmContext context);
  void start() override;
  std::int64_t rounds_completed() const override { return tracker_.rounds_completed(); }
  MissingMessageCounters missing_messages() const override { return counters_; }

 private:
  struct Node {
    std::vector<float> model;
    std::vector<float> momentum;
    std::vector<float> gradient;
    std::vector<double> sum;  // the all-reduce buffer
    // Compressed all-gather: each origin's decoded gradient and its payload.
    std::vector<std::shared_ptr<const std::vector<float>>> gathered;
    std::vector<std::int64_t> gathered_bits;
    std::int64_t round = 0;
    int step = 0;  // next all-reduce step to receive, 0 .. 2(n-1)
    bool gradient_ready = false;
    // Messages that arrived early, keyed by (round, step).
    std::map<std::pair<std::int64_t, int>, Message> early;
  };

  std::size_t chunk_begin(int chunk) const;
  int chunk_sent(NodeId node, int step) const;  // which chunk node sends at this step
  void begin_round(NodeId node);
  void on_gradient(NodeId node);
  int steps() const;  // ring steps per round
  void send_step(NodeId node);
  void send_gathered(NodeId node);
  void take_step(NodeId node, const Message& message);
  void sum_gathered(Node& state) const;
  void on_message(const Message& message);
  void absorb_ready_steps(NodeId node);
  void finish_round(NodeId node);

  double learning_rate_;
  double momentum_;
  AlgorithmContext context_;
  int nodes_count_;
  std::vector<Node> nodes_;
  RngStreams minibatch_rng_;
  NodeCompression compression_;
  RoundTracker tracker_;
  MissingMessageCounters counters_;
  Retransmitter retransmitter_;  // a lost chunk is sent again
};

}  // namespace commsim
