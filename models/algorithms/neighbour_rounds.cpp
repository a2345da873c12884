#include "models/algorithms/neighbour_rounds.hpp"

#include <stdexcept>

namespace commsim {

NeighbourRounds::NeighbourRounds(AlgorithmContext context, NeighbourTimeout timeout)
    : context_(std::move(context)),
      progress_(static_cast<std::size_t>(context_.topology.nodes())),
      compression_(context_, context_.topology.nodes()),
      tracker_(context_.topology.nodes(), context_.max_rounds, context_.record_every,
               context_.observer),
      timeout_(timeout) {
  if (timeout_.timeout) {
    // Neighbours go on without a crashed node; rounds complete without it.
    tracker_.count_down_nodes(
        [this](NodeId node, SimTime now) { return !context_.network.faults().node_up(node, now); },
        [this](NodeId node) -> const std::vector<float>& { return current_model(node); });
  }
  minibatch_rng_ = RngStreams(context_.seed, "minibatch", progress_.size());
}

void NeighbourRounds::start() {
  context_.network.on_delivery([this](const Message& message) { on_message(message); });
  for (NodeId node = 0; node < static_cast<NodeId>(progress_.size()); ++node) {
    if (!tracker_.node_finished(node, 0, initialise(node), context_.simulator.now()))
      return;
  }
  for (NodeId node = 0; node < static_cast<NodeId>(progress_.size()); ++node)
    begin_round(node);
}

void NeighbourRounds::begin_round(NodeId node) {
  Progress& state = progress_[static_cast<std::size_t>(node)];
  if (state.round >= context_.max_rounds || tracker_.stopped())
    return;
  state.sent = false;
  state.received = 0;
  state.timed_out = false;
  if (!context_.task.trainable()) {
    on_gradient(node);  // averaging only (CHOCO-Gossip): no gradient to wait for
    return;
  }
  // Off the event loop: until the step ends the node's model stays as it is
  // (messages wait in `early`), and only this step draws from its stream.
  context_.compute.run(
      node, context_.task.stochastic_gradient_flops(node),
      [this, node] {
        context_.task.stochastic_gradient(node, current_model(node),
                                          minibatch_rng_[static_cast<std::size_t>(node)],
                                          progress_[static_cast<std::size_t>(node)].gradient);
      },
      [this, node] { on_gradient(node); });
}

void NeighbourRounds::on_gradient(NodeId node) {
  Progress& state = progress_[static_cast<std::size_t>(node)];
  step_and_send(node, state.round, context_.topology.round(state.round).receivers_of(node));
  state.sent = true;
  if (timeout_.timeout)
    start_timer(node, state.round, context_.simulator.now() + *timeout_.timeout);
  // Messages of this round that arrived while the gradient was computed.
  std::vector<Message> waiting;
  std::swap(waiting, state.early);
  for (const Message& message : waiting) {
    if (message.round == state.round) {
      take(node, message);
    } else if (message.round < state.round) {
      ++counters_.messages_late;
    } else {
      state.early.push_back(message);
    }
  }
  try_finish(node);
}

void NeighbourRounds::step_and_send(NodeId node, std::int64_t round,
                                    std::span<const NodeId> receivers) {
  Outgoing outgoing = local_step(node, round, progress_[static_cast<std::size_t>(node)].gradient);
  auto message_of = [&](Outgoing& part) {
    Message message;
    message.from = node;
    message.round = round;
    message.payload_bits = part.payload_bits;
    message.values = std::make_shared<const std::vector<float>>(std::move(part.values));
    return message;
  };
  if (!sends_per_receiver()) {
    if (!receivers.empty())
      context_.network.multicast(message_of(outgoing), {receivers.begin(), receivers.end()});
    return;
  }
  for (const NodeId receiver : receivers) {
    Outgoing part = message_to(node, round, receiver);
    Message message = message_of(part);
    message.to = receiver;
    context_.network.send(std::move(message));
  }
}

NeighbourRounds::Outgoing NeighbourRounds::message_to(NodeId, std::int64_t, NodeId) {
  throw std::logic_error("NeighbourRounds: sends_per_receiver() without message_to()");
}

void NeighbourRounds::on_message(const Message& message) {
  Progress& state = progress_[static_cast<std::size_t>(message.to)];
  if (message.round < state.round) {
    ++counters_.messages_late;  // its round was closed by the timeout
  } else if (message.round == state.round && state.sent) {
    take(message.to, message);
    try_finish(message.to);
  } else {
    state.early.push_back(message);
  }
}

void NeighbourRounds::take(NodeId node, const Message& message) {
  Progress& state = progress_[static_cast<std::size_t>(node)];
  absorb(node, state.round, message);
  ++state.received;
}

void NeighbourRounds::try_finish(NodeId node) {
  Progress& state = progress_[static_cast<std::size_t>(node)];
  const auto senders = context_.topology.round(state.round).senders_to(node);
  if (!state.sent ||
      (!state.timed_out && state.received < static_cast<std::int64_t>(senders.size())))
    return;
  const std::vector<float>& model = finish_round(node, state.round);
  ++state.round;
  if (!tracker_.node_finished(node, state.round, model, context_.simulator.now()))
    return;
  begin_round(node);
}

void NeighbourRounds::start_timer(NodeId node, std::int64_t round, SimTime at) {
  context_.simulator.schedule_at(at, [this, node, round] { on_timeout(node, round); });
}

void NeighbourRounds::on_timeout(NodeId node, std::int64_t round) {
  Progress& state = progress_[static_cast<std::size_t>(node)];
  if (state.round != round || tracker_.stopped())
    return;  // the round ended in time
  const SimTime now = context_.simulator.now();
  const FaultSchedule& faults = context_.network.faults();
  if (!faults.node_up(node, now)) {
    // A down node decides nothing; it closes the round when it is back.
    const SimTime back = faults.node_up_again(node, now);
    if (back != kSimTimeMax)
      start_timer(node, round, back);
    return;
  }
  const auto senders = context_.topology.round(round).senders_to(node);
  const std::int64_t missing = static_cast<std::int64_t>(senders.size()) - state.received;
  ++counters_.rounds_timed_out;
  counters_.messages_missing += missing;
  report_timeout(context_, {node, round, missing});
  state.timed_out = true;
  try_finish(node);
}

}  // namespace commsim
