#include "models/algorithms/choco_sgd.hpp"

#include "models/algorithms/heavy_ball.hpp"

namespace commsim {

PluginInfo choco_info() {
  auto params = heavy_ball_params();
  params.push_back(ParamSpec::real("gamma", 0.5, "consensus step size gamma").above(0).at_most(1));
  params.push_back(ParamSpec::choice("order", {"paper", "reference"}, "paper",
                                     "paper: step, compress, mix; reference: step, mix, compress"));
  for (auto& spec : neighbour_timeout_params(false))
    params.push_back(spec);
  return {"choco",
          "CHOCO-SGD: a local (heavy-ball) step, then compressed gossip of x_i - x_hat_i with "
          "consensus step gamma; works with biased compressors (top_k, sign, ...)",
          params,
          "a trainable task, or consensus (CHOCO-Gossip: no local step); any topology (on a "
          "time-varying one, one estimate per partner); "
          "any compressor"};
}

ChocoSettings::ChocoSettings(const Params& params)
    : paper_order(params.text("order") == "paper"),
      learning_rate(params.real("lr")),
      momentum(params.real("momentum")),
      gamma(params.real("gamma")) {}

void ChocoSettings::local_step(std::vector<float>& model, std::vector<float>& momentum_memory,
                               const std::vector<float>& gradient) const {
  if (gradient.empty())
    return;
  heavy_ball_step(model, momentum_memory, learning_rate, momentum,
                  [&](std::size_t k) { return gradient[k]; });
}

ChocoSgd::ChocoSgd(const Params& params, AlgorithmContext context)
    : NeighbourRounds(std::move(context), read_neighbour_timeout(params)),
      settings_(params),
      nodes_(static_cast<std::size_t>(this->context().topology.nodes())) {}

const std::vector<float>& ChocoSgd::initialise(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  state.model = context().task.initial_model(node);
  state.momentum.assign(state.model.size(), 0.0f);
  state.estimate.assign(state.model.size(), 0.0);  // x_hat = 0 (paper and deep-learning code)
  state.mixed.assign(state.model.size(), 0.0);
  return state.model;
}

void ChocoSgd::consensus_step(Node& state) const {
  for (std::size_t k = 0; k < state.model.size(); ++k) {
    state.model[k] += static_cast<float>(settings_.gamma * (state.mixed[k] - state.estimate[k]));
  }
}

NeighbourRounds::Outgoing ChocoSgd::local_step(NodeId node, std::int64_t round,
                                               const std::vector<float>& gradient) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  settings_.local_step(state.model, state.momentum, gradient);
  if (!settings_.paper_order)
    consensus_step(state);  // with last round's estimates
  std::vector<float> difference(state.model.size());
  for (std::size_t k = 0; k < difference.size(); ++k) {
    difference[k] = static_cast<float>(state.model[k] - state.estimate[k]);
  }
  Encoded q = compress(node, difference);
  // The sender's own estimate and mixture take its q at once (w_ii q_i).
  const double self_weight = context().topology.round(round).weight(node, node);
  for (std::size_t k = 0; k < q.decoded.size(); ++k) {
    state.estimate[k] += q.decoded[k];
    state.mixed[k] += self_weight * q.decoded[k];
  }
  return {std::move(q.decoded), q.payload_bits};
}

void ChocoSgd::absorb(NodeId node, std::int64_t round, const Message& message) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const double weight = context().topology.round(round).weight(node, message.from);
  for (std::size_t k = 0; k < state.mixed.size(); ++k)
    state.mixed[k] += weight * (*message.values)[k];
}

const std::vector<float>& ChocoSgd::finish_round(NodeId node, std::int64_t /*round*/) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  if (settings_.paper_order)
    consensus_step(state);  // with this round's estimates
  return state.model;
}

}  // namespace commsim
