#include "models/algorithms/decentralized_sgd.hpp"

#include <algorithm>
#include <array>

#include "models/algorithms/heavy_ball.hpp"

namespace commsim {

namespace {
constexpr std::int64_t kBitsPerFloat = 32;  // messages carry float32 values

std::vector<ParamSpec> sgd_params() {
  auto params = heavy_ball_params();
  for (auto& spec : neighbour_timeout_params(true))
    params.push_back(spec);
  return params;
}

}  // namespace

PluginInfo gossip_info() {
  return {"gossip",
          "Synchronous gossip averaging: send x_i to the round's out-neighbours, wait for the "
          "in-neighbours' vectors of that round, mix with W^(r)",
          neighbour_timeout_params(true), "task: consensus"};
}

PluginInfo dsgd_info() {
  return {"dsgd",
          "Decentralized SGD, adapt-then-combine: a local (heavy-ball) minibatch step, then one "
          "gossip round of the result with W^(r)",
          sgd_params(), "a trainable task"};
}

PluginInfo dpsgd_info() {
  return {"dpsgd",
          "D-PSGD (Lian et al. 2017), combine-then-adapt: send x_i, compute the gradient at x_i "
          "while messages travel, then x_i <- sum_j W_ij x_j - lr m_i",
          sgd_params(), "a trainable task"};
}

DecentralizedSgd::DecentralizedSgd(Mode mode, const Params& params, AlgorithmContext context)
    : mode_(mode),
      context_(std::move(context)),
      nodes_(static_cast<std::size_t>(context_.topology.nodes())),
      compression_(context_, context_.topology.nodes()),
      tracker_(context_.topology.nodes(), context_.max_rounds, context_.record_every,
               context_.observer),
      timeout_(read_neighbour_timeout(params)) {
  if (timeout_.timeout) {
    // Neighbours go on without a crashed node; rounds complete without it.
    tracker_.count_down_nodes(
        [this](NodeId node, SimTime now) { return !context_.network.faults().node_up(node, now); },
        [this](NodeId node) -> const std::vector<float>& {
          return nodes_[static_cast<std::size_t>(node)].model;
        });
  }
  if (mode_ != Mode::kAverageOnly) {
    learning_rate_ = params.real("lr");
    momentum_ = params.real("momentum");
  }
  minibatch_rng_ = RngStreams(context_.seed, "minibatch", nodes_.size());
}

void DecentralizedSgd::start() {
  context_.network.on_delivery([this](const Message& message) { on_message(message); });
  for (NodeId node = 0; node < static_cast<NodeId>(nodes_.size()); ++node) {
    Node& state = nodes_[static_cast<std::size_t>(node)];
    state.model = context_.task.initial_model(node);
    if (mode_ != Mode::kAverageOnly)
      state.momentum.assign(state.model.size(), 0.0f);
  }
  // Round 0 is the initial state; reporting it may already meet the stop rule.
  for (NodeId node = 0; node < static_cast<NodeId>(nodes_.size()); ++node) {
    if (!tracker_.node_finished(node, 0, nodes_[static_cast<std::size_t>(node)].model,
                                context_.simulator.now())) {
      return;
    }
  }
  for (NodeId node = 0; node < static_cast<NodeId>(nodes_.size()); ++node)
    begin_round(node);
}

void DecentralizedSgd::begin_round(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  if (state.round >= context_.max_rounds || tracker_.stopped())
    return;
  state.sent = false;
  state.gradient_ready = false;
  state.timed_out = false;
  switch (mode_) {
    case Mode::kAverageOnly:
      send_model(node);
      try_mix(node);
      return;
    case Mode::kAdaptThenCombine:
      // The local step comes first; only its result is gossiped.
      start_gradient(node);
      return;
    case Mode::kCombineThenAdapt:
      // Communication and the gradient at x overlap.
      send_model(node);
      start_gradient(node);
      try_mix(node);
      return;
  }
}

void DecentralizedSgd::send_model(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const auto receivers = context_.topology.round(state.round).receivers_of(node);
  if (!receivers.empty()) {
    Message message;
    message.from = node;
    message.round = state.round;
    if (compression_.active()) {
      Encoded q = compression_.compress(node, state.model);
      message.values = std::make_shared<const std::vector<float>>(std::move(q.decoded));
      message.payload_bits = q.payload_bits;
    } else {
      message.values = std::make_shared<const std::vector<float>>(state.model);
      message.payload_bits = context_.task.message_floats() * kBitsPerFloat;
    }
    context_.network.multicast(message, {receivers.begin(), receivers.end()});
  }
  state.sent = true;
  if (timeout_.timeout) {
    const std::int64_t round = state.round;
    context_.simulator.schedule_in(*timeout_.timeout,
                                   [this, node, round] { on_timeout(node, round); });
  }
}

void DecentralizedSgd::start_gradient(NodeId node) {
  // The model stays x_i until the step ends (mixing waits for the gradient),
  // and only this step draws from the node's minibatch stream.
  context_.compute.run(
      node, context_.task.stochastic_gradient_flops(node),
      [this, node] {
        Node& state = nodes_[static_cast<std::size_t>(node)];
        context_.task.stochastic_gradient(
            node, state.model, minibatch_rng_[static_cast<std::size_t>(node)], state.gradient);
        if (mode_ == Mode::kAdaptThenCombine) {
          // The local step too, into a copy: x_i itself changes only when the
          // step completes (a crash may abandon it).
          state.next = state.model;
          apply_local_step(state.next, state);
        }
      },
      [this, node] { on_gradient(node); });
}

void DecentralizedSgd::on_gradient(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  state.gradient_ready = true;
  if (mode_ == Mode::kAdaptThenCombine) {
    state.model.swap(state.next);
    send_model(node);
  }
  try_mix(node);
}

void DecentralizedSgd::apply_local_step(std::vector<float>& model, Node& state) {
  heavy_ball_step(model, state.momentum, learning_rate_, momentum_,
                  [&](std::size_t k) { return state.gradient[k]; });
}

void DecentralizedSgd::on_message(const Message& message) {
  Node& state = nodes_[static_cast<std::size_t>(message.to)];
  if (message.round < state.round || (message.round == state.round && state.mixing)) {
    ++counters_.messages_late;  // its round was closed by the timeout
    return;
  }
  if (timeout_.reuse_last)
    state.last[message.from] = message.values;
  state.inbox.push_back({message.round, message.from, message.values});
  if (message.round == state.round)
    try_mix(message.to);
}

void DecentralizedSgd::try_mix(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  if (state.mixing || !state.sent)
    return;
  if (mode_ == Mode::kCombineThenAdapt && !state.gradient_ready)
    return;
  const auto senders = context_.topology.round(state.round).senders_to(node);
  const auto arrived = std::count_if(state.inbox.begin(), state.inbox.end(),
                                     [&](const Received& r) { return r.round == state.round; });
  if (!state.timed_out && arrived < static_cast<std::ptrdiff_t>(senders.size()))
    return;
  state.mixing = true;
  // Two FLOPs (multiply, add) per entry of the row.
  const auto row = context_.topology.round(state.round).row(node);
  const double flops =
      2.0 * static_cast<double>(row.size()) * static_cast<double>(context_.task.message_floats());
  // The terms are fixed now; the sum runs off the event loop. The model and
  // the received vectors stay as they are until mix() (held by `terms`).
  state.terms.clear();
  for (const MixingEntry& entry : row)
    state.terms.push_back({entry.weight, source_for(state, node, entry.from)});
  context_.compute.run(
      node, flops, [this, node] { weighted_sum(nodes_[static_cast<std::size_t>(node)]); },
      [this, node] { mix(node); });
}

void DecentralizedSgd::weighted_sum(Node& state) {
  // The sum in double, rounded once; block by block, so the accumulator stays
  // in cache however many terms the row has (each entry's sum runs in row
  // order all the same).
  constexpr std::size_t kBlock = 2048;
  const std::size_t size = state.model.size();
  state.next.resize(size);
  std::array<double, kBlock> sum;
  for (std::size_t begin = 0; begin < size; begin += kBlock) {
    const std::size_t count = std::min(kBlock, size - begin);
    std::fill_n(sum.begin(), count, 0.0);
    for (const MixTerm& term : state.terms) {
      const float* source =
          (term.values == nullptr ? state.model.data() : term.values->data()) + begin;
      for (std::size_t k = 0; k < count; ++k)
        sum[k] += term.weight * source[k];
    }
    for (std::size_t k = 0; k < count; ++k)
      state.next[begin + k] = static_cast<float>(sum[k]);
  }
}

void DecentralizedSgd::mix(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  state.model.swap(state.next);
  state.terms.clear();
  if (mode_ == Mode::kCombineThenAdapt)
    apply_local_step(state.model, state);
  const std::int64_t finished = state.round;
  std::erase_if(state.inbox, [&](const Received& r) { return r.round == finished; });
  state.mixing = false;
  ++state.round;
  if (!tracker_.node_finished(node, state.round, state.model, context_.simulator.now()))
    return;
  begin_round(node);
}

std::shared_ptr<const std::vector<float>> DecentralizedSgd::source_for(const Node& state,
                                                                       NodeId node, NodeId from) {
  if (from == node)
    return nullptr;  // x_i itself
  const auto it = std::find_if(state.inbox.begin(), state.inbox.end(), [&](const Received& r) {
    return r.round == state.round && r.from == from;
  });
  if (it != state.inbox.end())
    return it->values;
  // Missing after the timeout: w_ij goes to the last value from j, or to x_i itself.
  const auto last = state.last.find(from);
  if (timeout_.reuse_last && last != state.last.end())
    return last->second;
  return nullptr;
}

void DecentralizedSgd::on_timeout(NodeId node, std::int64_t round) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  if (state.round != round || state.mixing || tracker_.stopped())
    return;  // mixed in time
  const SimTime now = context_.simulator.now();
  const FaultSchedule& faults = context_.network.faults();
  if (!faults.node_up(node, now)) {
    // A down node decides nothing; it closes the round when it is back.
    const SimTime back = faults.node_up_again(node, now);
    if (back != kSimTimeMax) {
      context_.simulator.schedule_at(back, [this, node, round] { on_timeout(node, round); });
    }
    return;
  }
  const auto senders = context_.topology.round(round).senders_to(node);
  const auto arrived = std::count_if(state.inbox.begin(), state.inbox.end(),
                                     [&](const Received& r) { return r.round == round; });
  const std::int64_t missing = static_cast<std::int64_t>(senders.size()) - arrived;
  ++counters_.rounds_timed_out;
  counters_.messages_missing += missing;
  report_timeout(context_, {node, round, missing});
  state.timed_out = true;
  try_mix(node);
}

}  // namespace commsim
