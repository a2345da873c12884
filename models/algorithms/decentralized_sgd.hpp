#pragma once
// Synchronous decentralized averaging and SGD over a (time-varying) topology.
// Round r uses W^(r), the topology's matrix for global round r, for every
// node alike. A node sends to the out-neighbours of W^(r), waits for exactly
// the messages of its in-neighbours for round r (no global barrier: a slow
// link delays only the nodes that wait on it), mixes x_i <- sum_j W[i][j] x_j,
// and goes on. Three programs share that round structure:
//   gossip: averaging only (the consensus task);
//   dsgd:   adapt-then-combine: local step x - lr*m first, then gossip the
//           result (the Base-(k+1) paper's DSGD, heavy-ball m <- g + beta m);
//   dpsgd:  combine-then-adapt (Lian et al. 2017): send x, compute the gradient
//           at x while the messages travel, then x <- sum_j W_ij x_j - lr*m.
// With a compressor other than `none` the neighbours exchange Q(x_j) (with
// optional error feedback) instead of x_j and a node mixes
// w_ii x_i + sum_j w_ij Q(x_j): "naive" compressed gossip/DSGD. It does not
// converge to consensus with biased compressors; CHOCO is the fix.
// With `timeout_s` a node mixes `timeout_s` after sending even if some
// in-neighbours' messages are missing: their weights go to its own model
// (w_ii += w_ij, the row still sums to 1) or, with missing = "last", to the
// last value received from them. Messages of a round already mixed are
// dropped and counted as late.
#include <map>
#include <memory>
#include <vector>

#include "models/algorithms/algorithm.hpp"
#include "models/algorithms/node_compression.hpp"
#include "models/algorithms/round_tracker.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/kernel/rng_streams.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo gossip_info();
PluginInfo dsgd_info();
PluginInfo dpsgd_info();

class DecentralizedSgd : public Algorithm {
 public:
  enum class Mode { kAverageOnly, kAdaptThenCombine, kCombineThenAdapt };

  DecentralizedSgd(Mode mode, const Params& params, AlgorithmContext context);
  void start() override;
  std::int64_t rounds_completed() const override { return tracker_.rounds_completed(); }
  MissingMessageCounters missing_messages() const override { return counters_; }

 private:
  struct Received {
    std::int64_t round;
    NodeId from;
    std::shared_ptr<const std::vector<float>> values;
  };
  // One term of a mixing row: w_ij and x_j (null: the node's own model).
  struct MixTerm {
    double weight;
    std::shared_ptr<const std::vector<float>> values;
  };
  struct Node {
    std::vector<float> model;
    std::vector<float> momentum;
    std::vector<float> gradient;
    std::int64_t round = 0;       // the round being worked on
    bool sent = false;            // this round's message is out (ATC: after the local step)
    bool gradient_ready = false;  // CTA: the gradient at this round's x is computed
    bool mixing = false;          // the processor is mixing; no second start
    bool timed_out = false;       // the timeout closed this round: mix with what arrived
    std::map<NodeId, std::shared_ptr<const std::vector<float>>> last;  // missing = "last"
    std::vector<Received> inbox;  // this round's and early arrivals of later rounds
    std::vector<MixTerm> terms;   // the round's mixing terms, from its start to mix()
    // x_i's next value, computed off the event loop (ATC: after the local
    // step; then the mixing sum), swapped in when its step completes.
    std::vector<float> next;
  };

  void begin_round(NodeId node);
  void send_model(NodeId node);
  void start_gradient(NodeId node);
  void on_gradient(NodeId node);
  void on_message(const Message& message);
  void try_mix(NodeId node);
  void mix(NodeId node);
  // The heavy-ball step with the node's gradient and momentum, applied to `model`.
  void apply_local_step(std::vector<float>& model, Node& state);
  void on_timeout(NodeId node, std::int64_t round);
  // The vector standing in for in-neighbour `from` this round (null: x_i).
  std::shared_ptr<const std::vector<float>> source_for(const Node& state, NodeId node, NodeId from);
  void weighted_sum(Node& state);

  Mode mode_;
  double learning_rate_ = 0.0;
  double momentum_ = 0.0;
  AlgorithmContext context_;
  std::vector<Node> nodes_;
  RngStreams minibatch_rng_;
  NodeCompression compression_;
  RoundTracker tracker_;
  NeighbourTimeout timeout_;
  MissingMessageCounters counters_;
};

}  // namespace commsim
