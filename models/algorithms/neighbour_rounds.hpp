#pragma once
// The round structure shared by the compressed decentralized methods (CHOCO,
// DCD, ECD): in round r every node computes a minibatch gradient, takes its
// local step, sends one message to its out-neighbours of W^(r), and takes in
// each in-neighbour's message of round r once its own is out (earlier
// arrivals wait); when all have arrived the round ends. Subclasses supply
// only the update rules. A method that keeps one estimate per partner
// (CHOCO on a time-varying graph) sends every out-neighbour its own message.
// With `timeout_s` a node closes the round `timeout_s` after sending its
// message with the messages it has: a missing neighbour's update is skipped
// (its replicated estimate x_hat_j goes stale at this node, docs/algorithms.md);
// later messages of a closed round are dropped and counted as late.
#include <memory>
#include <span>
#include <vector>

#include "models/algorithms/algorithm.hpp"
#include "models/algorithms/node_compression.hpp"
#include "models/algorithms/round_tracker.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/kernel/rng_streams.hpp"

namespace commsim {

class NeighbourRounds : public Algorithm {
 public:
  void start() override;
  std::int64_t rounds_completed() const override { return tracker_.rounds_completed(); }
  MissingMessageCounters missing_messages() const override { return counters_; }

 protected:
  NeighbourRounds(AlgorithmContext context, NeighbourTimeout timeout);

  // What a node sends in a round: the receiver's reconstruction and its bits.
  struct Outgoing {
    std::vector<float> values;
    std::int64_t payload_bits = 0;
  };
  // Sets up node's state; returns its initial model.
  virtual const std::vector<float>& initialise(NodeId node) = 0;
  // The local step after the gradient of round `round` is known (empty on a
  // task without gradients: averaging only). Its message goes to every
  // out-neighbour unless sends_per_receiver().
  virtual Outgoing local_step(NodeId node, std::int64_t round,
                              const std::vector<float>& gradient) = 0;
  // True: after local_step, message_to() gives each out-neighbour its own message.
  virtual bool sends_per_receiver() const { return false; }
  virtual Outgoing message_to(NodeId node, std::int64_t round, NodeId receiver);
  // Takes in-neighbour `message.from`'s values of round `round`.
  virtual void absorb(NodeId node, std::int64_t round, const Message& message) = 0;
  // After the last message of the round; returns the model to record.
  virtual const std::vector<float>& finish_round(NodeId node, std::int64_t round) = 0;
  // The model the gradient is taken at.
  virtual const std::vector<float>& current_model(NodeId node) const = 0;

  const AlgorithmContext& context() const { return context_; }
  // The scenario's compressor with the node's stream and error memory.
  Encoded compress(NodeId node, std::span<const float> v) { return compression_.compress(node, v); }

 private:
  struct Progress {
    std::int64_t round = 0;
    bool sent = false;
    std::int64_t received = 0;
    bool timed_out = false;      // the timeout closed this round
    std::vector<Message> early;  // messages of rounds this node has not opened yet
    std::vector<float> gradient;
  };
  void begin_round(NodeId node);
  void on_gradient(NodeId node);
  // The local step, then its message(s) to the round's receivers.
  void step_and_send(NodeId node, std::int64_t round, std::span<const NodeId> receivers);
  void on_message(const Message& message);
  void take(NodeId node, const Message& message);
  void try_finish(NodeId node);
  void start_timer(NodeId node, std::int64_t round, SimTime at);
  void on_timeout(NodeId node, std::int64_t round);

  AlgorithmContext context_;
  std::vector<Progress> progress_;
  RngStreams minibatch_rng_;
  NodeCompression compression_;
  RoundTracker tracker_;
  NeighbourTimeout timeout_;
  MissingMessageCounters counters_;
};

}  // namespace commsim
