#include "models/algorithms/replica_sgd.hpp"

namespace commsim {

namespace {
std::vector<ParamSpec> replica_params() {
  std::vector<ParamSpec> params = {
      ParamSpec::real("lr", 0.05, "learning rate (step size)").above(0)};
  for (auto& spec : neighbour_timeout_params(false))
    params.push_back(spec);
  return params;
}
}  // namespace

PluginInfo dcd_info() {
  return {"dcd",
          "DCD-PSGD (Tang et al. 2018): mix exact replicas of the neighbours' models, step, and "
          "send the "
          "compressed difference C(x^{1/2} - x); needs an unbiased compressor with small relative "
          "noise",
          replica_params(), "a trainable task; a static topology; an unbiased compressor"};
}

PluginInfo ecd_info() {
  return {"ecd",
          "ECD-PSGD (Tang et al. 2018): mix estimates y_j of the neighbours' models, step, and "
          "send the "
          "compressed extrapolation C((1 - t/2) x^t + (t/2) x^{t+1}); needs an unbiased compressor",
          replica_params(), "a trainable task; a static topology; an unbiased compressor"};
}

ReplicaSgd::ReplicaSgd(Mode mode, const Params& params, AlgorithmContext context)
    : NeighbourRounds(std::move(context), read_neighbour_timeout(params)),
      mode_(mode),
      learning_rate_(params.real("lr")),
      nodes_(static_cast<std::size_t>(this->context().topology.nodes())) {}

const std::vector<float>& ReplicaSgd::initialise(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  state.model = context().task.initial_model(node);
  // Replicas (or estimates) start at the neighbours' initial models.
  for (const MixingEntry& entry : context().topology.round(0).row(node)) {
    const auto initial = context().task.initial_model(entry.from);
    state.replicas[entry.from].assign(initial.begin(), initial.end());
  }
  return state.model;
}

void ReplicaSgd::apply_to_replica(std::vector<double>& replica,
                                  const std::vector<float>& compressed, std::int64_t round) const {
  if (mode_ == Mode::kDifference) {
    for (std::size_t k = 0; k < replica.size(); ++k)
      replica[k] += compressed[k];
    return;
  }
  const double t = static_cast<double>(round + 1);
  for (std::size_t k = 0; k < replica.size(); ++k) {
    replica[k] = (1.0 - 2.0 / t) * replica[k] + (2.0 / t) * compressed[k];
  }
}

NeighbourRounds::Outgoing ReplicaSgd::local_step(NodeId node, std::int64_t round,
                                                 const std::vector<float>& gradient) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  // Mix the replicas (dcd: exact copies, own model included; ecd: estimates).
  std::vector<double> next(state.model.size(), 0.0);
  for (const MixingEntry& entry : context().topology.round(round).row(node)) {
    const std::vector<double>& source = state.replicas.at(entry.from);
    for (std::size_t k = 0; k < next.size(); ++k)
      next[k] += entry.weight * source[k];
  }
  for (std::size_t k = 0; k < next.size(); ++k)
    next[k] -= learning_rate_ * gradient[k];

  std::vector<float> z(state.model.size());
  const double t = static_cast<double>(round + 1);
  for (std::size_t k = 0; k < z.size(); ++k) {
    z[k] = mode_ == Mode::kDifference
               ? static_cast<float>(next[k] - state.model[k])
               : static_cast<float>((1.0 - t / 2.0) * state.model[k] + (t / 2.0) * next[k]);
  }
  Encoded c = compress(node, z);
  // The node's own model: dcd x <- x + C(z) (equal to its replicas elsewhere); ecd x <- x^{t+1}.
  std::vector<double>& own = state.replicas.at(node);
  apply_to_replica(own, c.decoded, round);
  for (std::size_t k = 0; k < state.model.size(); ++k) {
    state.model[k] = static_cast<float>(mode_ == Mode::kDifference ? own[k] : next[k]);
  }
  return {std::move(c.decoded), c.payload_bits};
}

void ReplicaSgd::absorb(NodeId node, std::int64_t round, const Message& message) {
  apply_to_replica(nodes_[static_cast<std::size_t>(node)].replicas.at(message.from),
                   *message.values, round);
}

}  // namespace commsim
