#include "models/algorithms/collective_sgd.hpp"

#include "models/algorithms/heavy_ball.hpp"

namespace commsim {

CollectiveSgd::CollectiveSgd(const CollectiveMethod& method, Fabric fabric, const Params& params,
                             AlgorithmContext context)
    : fabric_(fabric),
      learning_rate_(params.real("lr")),
      momentum_(params.real("momentum")),
      context_(std::move(context)),
      workers_(context_.topology.nodes()),
      collective_(method.make(workers_, fabric, context_.seed)),
      collective_rng_(context_.seed, "collective"),
      nodes_(static_cast<std::size_t>(node_count())),
      tracker_(workers_, context_.max_rounds, context_.record_every, context_.observer),
      retransmitter_(context_.simulator, context_.network, read_retransmission(params),
                     method.name() + " collective", counters_) {
  minibatch_rng_ = RngStreams(context_.seed, "minibatch", static_cast<std::size_t>(workers_));
}

void CollectiveSgd::start() {
  context_.network.on_delivery([this](const Message& message) { on_message(message); });
  retransmitter_.attach();
  model_ = context_.task.initial_model(0);
  velocity_.assign(model_.size(), 0.0f);
  view_ = model_;
  for (NodeId worker = 0; worker < workers_; ++worker) {
    if (!tracker_.node_finished(worker, 0, model_, context_.simulator.now()))
      return;
  }
  for (NodeId node = 0; node < node_count(); ++node)
    begin_round(node);
}

CollectiveSgd::Plan& CollectiveSgd::plan_for(std::int64_t round) {
  if (const auto it = plans_.find(round); it != plans_.end())
    return it->second;
  // Rounds are planned in order: round r's gradients need the model after r-1.
  std::vector<std::vector<float>> gradients(static_cast<std::size_t>(workers_));
  for (NodeId w = 0; w < workers_; ++w) {
    context_.task.stochastic_gradient(w, view_, minibatch_rng_[static_cast<std::size_t>(w)],
                                      gradients[static_cast<std::size_t>(w)]);
  }
  CollectiveResult result = collective_->exchange(gradients, round, collective_rng_);
  heavy_ball_step(model_, velocity_, learning_rate_, momentum_,
                  [&](std::size_t k) { return result.update[k]; });
  view_ = model_;
  if (round + 1 < context_.max_rounds) {
    if (auto down = collective_->downlink(model_, collective_rng_)) {
      result.phases.push_back(CollectivePhase::server_broadcast(down->bits));
      view_ = std::move(down->model);
    }
  }

  Plan& plan = plans_[round];
  plan.model_after = model_;
  const auto steps = expand_phases(result.phases, fabric_, workers_);
  plan.steps = steps.size();
  const auto nodes = static_cast<std::size_t>(node_count());
  plan.outgoing.assign(nodes, std::vector<std::vector<Transfer>>(steps.size()));
  plan.incoming.assign(nodes, std::vector<int>(steps.size(), 0));
  for (std::size_t s = 0; s < steps.size(); ++s) {
    for (const Transfer& transfer : steps[s]) {
      plan.outgoing[static_cast<std::size_t>(transfer.from)][s].push_back(transfer);
      ++plan.incoming[static_cast<std::size_t>(transfer.to)][s];
    }
  }
  return plan;
}

void CollectiveSgd::begin_round(NodeId node) {
  NodeState& state = nodes_[static_cast<std::size_t>(node)];
  if (state.round >= context_.max_rounds || tracker_.stopped() || retransmitter_.stalled())
    return;
  plan_for(state.round);
  state.step = 0;
  state.sent = false;
  if (node == workers_) {  // the server computes nothing
    state.ready = true;
    advance(node);
    return;
  }
  state.ready = false;
  context_.compute.run(node, context_.task.stochastic_gradient_flops(node), [this, node] {
    nodes_[static_cast<std::size_t>(node)].ready = true;
    advance(node);
  });
}

void CollectiveSgd::advance(NodeId node) {
  NodeState& state = nodes_[static_cast<std::size_t>(node)];
  if (!state.ready || retransmitter_.stalled())
    return;  // not computed yet, or the run is over
  Plan& plan = plans_.at(state.round);
  const auto index = static_cast<std::size_t>(node);
  while (state.step < plan.steps) {
    if (!state.sent) {
      for (const Transfer& transfer : plan.outgoing[index][state.step]) {
        Message message;
        message.from = transfer.from;
        message.to = transfer.to;
        message.payload_bits = transfer.bits;
        message.round = state.round;
        message.channel = static_cast<std::int32_t>(state.step);
        context_.network.send(std::move(message));
      }
      state.sent = true;
    }
    const auto key = std::make_pair(state.round, state.step);
    const auto it = state.received.find(key);
    const int received = it == state.received.end() ? 0 : it->second;
    if (received < plan.incoming[index][state.step])
      return;
    if (it != state.received.end())
      state.received.erase(it);
    ++state.step;
    state.sent = false;
  }
  finish_round(node);
}

void CollectiveSgd::finish_round(NodeId node) {
  NodeState& state = nodes_[static_cast<std::size_t>(node)];
  const std::int64_t round = state.round;
  Plan& plan = plans_.at(round);
  state.ready = false;
  ++state.round;
  const bool worker = node < workers_;
  const bool go_on = !worker || tracker_.node_finished(node, round + 1, plan.model_after,
                                                       context_.simulator.now());
  if (++plan.finished == node_count())
    plans_.erase(round);
  if (go_on)
    begin_round(node);
}

void CollectiveSgd::on_message(const Message& message) {
  NodeState& state = nodes_[static_cast<std::size_t>(message.to)];
  ++state.received[{message.round, static_cast<std::size_t>(message.channel)}];
  if (message.round == state.round)
    advance(message.to);
}

}  // namespace commsim
