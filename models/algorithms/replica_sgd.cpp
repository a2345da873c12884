#include "models/algorithms/replica_sgd.hpp"

namespace commsim {

namespace {
std::vector<ParamSpec> replica_params() {
  return {ParamSpec::real("lr", 0.05, "learning rate (step size)").above(0)};
}
}  // namespace

PluginInfo dcd_info() {
  return {"dcd",
          "DCD-PSGD (Tang et al. 2018): mix exact replicas of the neighbours' models, step, and send the "
          "compressed difference C(x^{1/2} - x); needs an unbiased compressor with small relative noise",
          replica_params(), "a trainable task; a static topology; an unbiased compressor"};
}

PluginInfo ecd_info() {
  return {"ecd",
          "ECD-PSGD (Tang et al. 2018): mix estimates y_j of the neighbours' models, step, and send the "
          "compressed extrapolation C((1 - t/2) x^t + (t/2) x^{t+1}); needs an unbiased compressor",
          replica_params(), "a trainable task; a static topology; an unbiased compressor"};
}

ReplicaSgd::ReplicaSgd(Mode mode, const Params& params, AlgorithmContext context)
    : mode_(mode),
      learning_rate_(params.real("lr")),
      context_(std::move(context)),
      nodes_(static_cast<std::size_t>(context_.topology.nodes())),
      tracker_(context_.topology.nodes(), context_.max_rounds, context_.record_every, context_.observer) {
  for (std::size_t node = 0; node < nodes_.size(); ++node) {
    minibatch_rng_.emplace_back(context_.seed, "minibatch", node);
    compressor_rng_.emplace_back(context_.seed, "compressor", node);
  }
}

void ReplicaSgd::start() {
  context_.network.on_delivery([this](const Message& message) { on_message(message); });
  for (NodeId node = 0; node < static_cast<NodeId>(nodes_.size()); ++node) {
    Node& state = nodes_[static_cast<std::size_t>(node)];
    state.model = context_.task.initial_model(node);
    // Replicas (or estimates) start at the neighbours' initial models.
    for (const MixingEntry& entry : context_.topology.round(0).row(node)) {
      const auto initial = context_.task.initial_model(entry.from);
      state.replicas[entry.from].assign(initial.begin(), initial.end());
    }
    if (!tracker_.node_finished(node, 0, state.model, context_.simulator.now())) return;
  }
  for (NodeId node = 0; node < static_cast<NodeId>(nodes_.size()); ++node) begin_round(node);
}

void ReplicaSgd::begin_round(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  if (state.round >= context_.max_rounds || tracker_.stopped()) return;
  state.sent = false;
  state.received = 0;
  context_.compute.run(node, context_.task.gradient_flops(), [this, node] { on_gradient(node); });
}

void ReplicaSgd::apply_to_replica(std::vector<double>& replica, const std::vector<float>& compressed,
                                  std::int64_t round) const {
  if (mode_ == Mode::kDifference) {
    for (std::size_t k = 0; k < replica.size(); ++k) replica[k] += compressed[k];
    return;
  }
  const double t = static_cast<double>(round + 1);
  for (std::size_t k = 0; k < replica.size(); ++k) {
    replica[k] = (1.0 - 2.0 / t) * replica[k] + (2.0 / t) * compressed[k];
  }
}

void ReplicaSgd::on_gradient(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  context_.task.stochastic_gradient(node, state.model, minibatch_rng_[static_cast<std::size_t>(node)],
                                    state.gradient);
  // Mix the replicas (dcd: exact copies, own model included; ecd: estimates).
  std::vector<double> next(state.model.size(), 0.0);
  for (const MixingEntry& entry : context_.topology.round(state.round).row(node)) {
    const std::vector<double>& source = state.replicas.at(entry.from);
    for (std::size_t k = 0; k < next.size(); ++k) next[k] += entry.weight * source[k];
  }
  for (std::size_t k = 0; k < next.size(); ++k) next[k] -= learning_rate_ * state.gradient[k];

  std::vector<float> z(state.model.size());
  const double t = static_cast<double>(state.round + 1);
  for (std::size_t k = 0; k < z.size(); ++k) {
    z[k] = mode_ == Mode::kDifference ? static_cast<float>(next[k] - state.model[k])
                                      : static_cast<float>((1.0 - t / 2.0) * state.model[k] + (t / 2.0) * next[k]);
  }
  Encoded c = context_.compressor->encode(z, compressor_rng_[static_cast<std::size_t>(node)]);
  // The node's own model: dcd x <- x + C(z) (equal to its replicas elsewhere); ecd x <- x^{t+1}.
  std::vector<double>& own = state.replicas.at(node);
  apply_to_replica(own, c.decoded, state.round);
  for (std::size_t k = 0; k < state.model.size(); ++k) {
    state.model[k] = static_cast<float>(mode_ == Mode::kDifference ? own[k] : next[k]);
  }
  const auto receivers = context_.topology.round(state.round).receivers_of(node);
  if (!receivers.empty()) {
    Message message;
    message.from = node;
    message.round = state.round;
    message.payload_bits = c.payload_bits;
    message.values = std::make_shared<const std::vector<float>>(std::move(c.decoded));
    context_.network.multicast(message, {receivers.begin(), receivers.end()});
  }
  state.sent = true;
  std::vector<Message> waiting;
  std::swap(waiting, state.early);
  for (const Message& message : waiting) {
    if (message.round == state.round) {
      absorb(node, message);
    } else {
      state.early.push_back(message);
    }
  }
  try_finish(node);
}

void ReplicaSgd::on_message(const Message& message) {
  Node& state = nodes_[static_cast<std::size_t>(message.to)];
  if (message.round == state.round && state.sent) {
    absorb(message.to, message);
    try_finish(message.to);
  } else {
    state.early.push_back(message);
  }
}

void ReplicaSgd::absorb(NodeId node, const Message& message) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  apply_to_replica(state.replicas.at(message.from), *message.values, state.round);
  ++state.received;
}

void ReplicaSgd::try_finish(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const auto senders = context_.topology.round(state.round).senders_to(node);
  if (!state.sent || state.received < static_cast<std::int64_t>(senders.size())) return;
  ++state.round;
  if (!tracker_.node_finished(node, state.round, state.model, context_.simulator.now())) {
    context_.simulator.stop();
    return;
  }
  begin_round(node);
}

}  // namespace commsim
