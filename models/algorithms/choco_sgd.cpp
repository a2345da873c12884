#include "models/algorithms/choco_sgd.hpp"

#include "models/algorithms/heavy_ball.hpp"

namespace commsim {

PluginInfo choco_info() {
  auto params = heavy_ball_params();
  params.push_back(ParamSpec::real("gamma", 0.5, "consensus step size gamma").above(0).at_most(1));
  params.push_back(ParamSpec::choice("order", {"paper", "reference"}, "paper",
                                     "paper: step, compress, mix; reference: step, mix, compress (spec 3.3)"));
  return {"choco",
          "CHOCO-SGD: a local (heavy-ball) step, then compressed gossip of x_i - x_hat_i with "
          "consensus step gamma; works with biased compressors (top_k, sign, ...)",
          params, "a trainable task; a static topology (period 1); any compressor"};
}

ChocoSgd::ChocoSgd(const Params& params, AlgorithmContext context)
    : paper_order_(params.text("order") == "paper"),
      learning_rate_(params.real("lr")),
      momentum_(params.real("momentum")),
      gamma_(params.real("gamma")),
      context_(std::move(context)),
      nodes_(static_cast<std::size_t>(context_.topology.nodes())),
      tracker_(context_.topology.nodes(), context_.max_rounds, context_.record_every, context_.observer) {
  for (std::size_t node = 0; node < nodes_.size(); ++node) {
    minibatch_rng_.emplace_back(context_.seed, "minibatch", node);
    compressor_rng_.emplace_back(context_.seed, "compressor", node);
  }
}

void ChocoSgd::start() {
  context_.network.on_delivery([this](const Message& message) { on_message(message); });
  for (NodeId node = 0; node < static_cast<NodeId>(nodes_.size()); ++node) {
    Node& state = nodes_[static_cast<std::size_t>(node)];
    state.model = context_.task.initial_model(node);
    state.momentum.assign(state.model.size(), 0.0f);
    state.estimate.assign(state.model.size(), 0.0);  // x_hat = 0 (paper and deep-learning code)
    state.mixed.assign(state.model.size(), 0.0);
    if (!tracker_.node_finished(node, 0, state.model, context_.simulator.now())) return;
  }
  for (NodeId node = 0; node < static_cast<NodeId>(nodes_.size()); ++node) begin_round(node);
}

void ChocoSgd::begin_round(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  if (state.round >= context_.max_rounds || tracker_.stopped()) return;
  state.sent = false;
  state.received = 0;
  context_.compute.run(node, context_.task.gradient_flops(), [this, node] { on_gradient(node); });
}

void ChocoSgd::consensus_step(Node& state) {
  for (std::size_t k = 0; k < state.model.size(); ++k) {
    state.model[k] += static_cast<float>(gamma_ * (state.mixed[k] - state.estimate[k]));
  }
}

void ChocoSgd::on_gradient(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  context_.task.stochastic_gradient(node, state.model, minibatch_rng_[static_cast<std::size_t>(node)],
                                    state.gradient);
  heavy_ball_step(state.model, state.momentum, learning_rate_, momentum_,
                  [&](std::size_t k) { return state.gradient[k]; });
  if (!paper_order_) consensus_step(state);  // with last round's estimates
  send_compressed(node);
  // Messages of this round that arrived while the gradient was computed.
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

void ChocoSgd::send_compressed(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  std::vector<float> difference(state.model.size());
  for (std::size_t k = 0; k < difference.size(); ++k) {
    difference[k] = static_cast<float>(state.model[k] - state.estimate[k]);
  }
  Encoded q = context_.compressor->encode(difference, compressor_rng_[static_cast<std::size_t>(node)]);
  // The sender's own estimate and mixture take its q at once (w_ii q_i).
  const double self_weight = context_.topology.round(state.round).weight(node, node);
  for (std::size_t k = 0; k < q.decoded.size(); ++k) {
    state.estimate[k] += q.decoded[k];
    state.mixed[k] += self_weight * q.decoded[k];
  }
  const auto receivers = context_.topology.round(state.round).receivers_of(node);
  if (!receivers.empty()) {
    Message message;
    message.from = node;
    message.round = state.round;
    message.payload_bits = q.payload_bits;
    message.values = std::make_shared<const std::vector<float>>(std::move(q.decoded));
    context_.network.multicast(message, {receivers.begin(), receivers.end()});
  }
  state.sent = true;
}

void ChocoSgd::on_message(const Message& message) {
  Node& state = nodes_[static_cast<std::size_t>(message.to)];
  if (message.round == state.round && state.sent) {
    absorb(message.to, message);
    try_finish(message.to);
  } else {
    state.early.push_back(message);
  }
}

void ChocoSgd::absorb(NodeId node, const Message& message) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const double weight = context_.topology.round(state.round).weight(node, message.from);
  for (std::size_t k = 0; k < state.mixed.size(); ++k) state.mixed[k] += weight * (*message.values)[k];
  ++state.received;
}

void ChocoSgd::try_finish(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const auto senders = context_.topology.round(state.round).senders_to(node);
  if (!state.sent || state.received < static_cast<std::int64_t>(senders.size())) return;
  if (paper_order_) consensus_step(state);  // with this round's estimates
  ++state.round;
  if (!tracker_.node_finished(node, state.round, state.model, context_.simulator.now())) {
    context_.simulator.stop();
    return;
  }
  begin_round(node);
}

}  // namespace commsim
