#include "models/algorithms/gossip.hpp"

#include <algorithm>

namespace commsim {

namespace {
constexpr std::int64_t kBitsPerFloat = 32;  // messages carry float32 values
}

PluginInfo gossip_info() {
  return {"gossip",
          "Synchronous gossip averaging: send x_i to the round's out-neighbours, wait for the "
          "in-neighbours' vectors of that round, mix with W^(r)",
          {},
          "task: consensus"};
}

Gossip::Gossip(const Params& /*params*/, AlgorithmContext context)
    : context_(std::move(context)),
      nodes_(static_cast<std::size_t>(context_.topology.nodes())),
      tracker_(context_.topology.nodes(), context_.max_rounds, context_.record_every,
               context_.observer) {}

void Gossip::start() {
  context_.network.on_delivery([this](const Message& message) { on_message(message); });
  for (NodeId node = 0; node < static_cast<NodeId>(nodes_.size()); ++node) {
    nodes_[static_cast<std::size_t>(node)].model = context_.task.initial_model(node);
  }
  // Round 0 is the initial state; reporting it may already meet the stop rule.
  for (NodeId node = 0; node < static_cast<NodeId>(nodes_.size()); ++node) {
    if (!tracker_.node_finished(node, 0, nodes_[static_cast<std::size_t>(node)].model,
                                context_.simulator.now())) {
      return;
    }
  }
  for (NodeId node = 0; node < static_cast<NodeId>(nodes_.size()); ++node) begin_round(node);
}

void Gossip::begin_round(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  if (state.round >= context_.max_rounds || tracker_.stopped()) return;
  const MixingMatrix& w = context_.topology.round(state.round);
  const auto receivers = w.receivers_of(node);
  if (!receivers.empty()) {
    Message message;
    message.from = node;
    message.round = state.round;
    message.values = std::make_shared<const std::vector<float>>(state.model);
    message.payload_bits = static_cast<std::int64_t>(state.model.size()) * kBitsPerFloat;
    context_.network.multicast(message, {receivers.begin(), receivers.end()});
  }
  try_mix(node);
}

void Gossip::on_message(const Message& message) {
  Node& state = nodes_[static_cast<std::size_t>(message.to)];
  state.inbox.push_back({message.round, message.from, message.values});
  if (message.round == state.round) try_mix(message.to);
}

void Gossip::try_mix(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  if (state.mixing) return;
  const auto senders = context_.topology.round(state.round).senders_to(node);
  const auto arrived = std::count_if(state.inbox.begin(), state.inbox.end(),
                                     [&](const Received& r) { return r.round == state.round; });
  if (arrived < static_cast<std::ptrdiff_t>(senders.size())) return;
  state.mixing = true;
  // Two FLOPs (multiply, add) per entry of the row.
  const auto row = context_.topology.round(state.round).row(node);
  const double flops = 2.0 * static_cast<double>(row.size() * state.model.size());
  context_.compute.run(node, flops, [this, node] { mix(node); });
}

void Gossip::mix(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const auto row = context_.topology.round(state.round).row(node);
  std::vector<double> mixed(state.model.size(), 0.0);
  for (const MixingEntry& entry : row) {
    const std::vector<float>* source = &state.model;
    if (entry.from != node) {
      const auto it = std::find_if(state.inbox.begin(), state.inbox.end(), [&](const Received& r) {
        return r.round == state.round && r.from == entry.from;
      });
      source = it->values.get();
    }
    for (std::size_t k = 0; k < mixed.size(); ++k) mixed[k] += entry.weight * (*source)[k];
  }
  for (std::size_t k = 0; k < mixed.size(); ++k) state.model[k] = static_cast<float>(mixed[k]);
  const std::int64_t finished = state.round;
  std::erase_if(state.inbox, [&](const Received& r) { return r.round == finished; });
  state.mixing = false;
  ++state.round;
  if (!tracker_.node_finished(node, state.round, state.model, context_.simulator.now())) {
    context_.simulator.stop();
    return;
  }
  begin_round(node);
}

}  // namespace commsim
