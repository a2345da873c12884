#include "models/algorithms/choco_pairwise.hpp"

#include <algorithm>
#include <set>

namespace commsim {

ChocoPairwise::ChocoPairwise(const Params& params, AlgorithmContext context)
    : NeighbourRounds(std::move(context), read_neighbour_timeout(params)),
      settings_(params),
      nodes_(static_cast<std::size_t>(this->context().topology.nodes())) {}

const std::vector<float>& ChocoPairwise::initialise(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  state.model = context().task.initial_model(node);
  state.momentum.assign(state.model.size(), 0.0f);
  return state.model;
}

std::vector<double>& ChocoPairwise::estimate(std::map<NodeId, std::vector<double>>& estimates,
                                             NodeId partner, std::size_t size) const {
  return estimates.try_emplace(partner, size, 0.0).first->second;
}

void ChocoPairwise::consensus_step(NodeId node, std::int64_t round) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const MixingMatrix& w = context().topology.round(round);
  const std::size_t size = state.model.size();
  std::vector<double> correction(size, 0.0);
  for (const NodeId from : w.senders_to(node)) {
    const double weight = w.weight(node, from);
    const std::vector<double>& heard = estimate(state.heard, from, size);
    for (std::size_t k = 0; k < size; ++k)
      correction[k] += weight * heard[k];
  }
  for (const NodeId to : w.receivers_of(node)) {
    const double weight = w.weight(to, node);
    const std::vector<double>& sent = estimate(state.sent, to, size);
    for (std::size_t k = 0; k < size; ++k)
      correction[k] -= weight * sent[k];
  }
  for (std::size_t k = 0; k < size; ++k)
    state.model[k] += static_cast<float>(settings_.gamma * correction[k]);
}

NeighbourRounds::Outgoing ChocoPairwise::local_step(NodeId node, std::int64_t round,
                                                    const std::vector<float>& gradient) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  settings_.local_step(state.model, state.momentum, gradient);
  if (!settings_.paper_order)
    consensus_step(node, round);  // with the estimates before this round's messages
  return {};                      // message_to() gives each receiver its own
}

NeighbourRounds::Outgoing ChocoPairwise::message_to(NodeId node, std::int64_t /*round*/,
                                                    NodeId receiver) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  std::vector<double>& sent = estimate(state.sent, receiver, state.model.size());
  std::vector<float> difference(state.model.size());
  for (std::size_t k = 0; k < difference.size(); ++k)
    difference[k] = static_cast<float>(state.model[k] - sent[k]);
  Encoded q = compress(node, difference);
  for (std::size_t k = 0; k < q.decoded.size(); ++k)
    sent[k] += q.decoded[k];
  return {std::move(q.decoded), q.payload_bits};
}

void ChocoPairwise::absorb(NodeId node, std::int64_t /*round*/, const Message& message) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  std::vector<double>& heard = estimate(state.heard, message.from, state.model.size());
  for (std::size_t k = 0; k < heard.size(); ++k)
    heard[k] += (*message.values)[k];
}

const std::vector<float>& ChocoPairwise::finish_round(NodeId node, std::int64_t round) {
  if (settings_.paper_order)
    consensus_step(node, round);  // with this round's estimates
  return nodes_[static_cast<std::size_t>(node)].model;
}

double choco_pairwise_vectors_per_node(const Topology& topology) {
  std::size_t most_partners = 0;
  for (NodeId node = 0; node < topology.nodes(); ++node) {
    std::set<NodeId> in, out;
    for (int r = 0; r < topology.period(); ++r) {
      const MixingMatrix& w = topology.round(r);
      in.insert(w.senders_to(node).begin(), w.senders_to(node).end());
      out.insert(w.receivers_of(node).begin(), w.receivers_of(node).end());
    }
    most_partners = std::max(most_partners, in.size() + out.size());
  }
  constexpr double kFloatVectors = 4.0;  // model, momentum, gradient, error memory
  return kFloatVectors + 2.0 * static_cast<double>(most_partners);
}

}  // namespace commsim
