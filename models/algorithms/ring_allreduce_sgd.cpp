#include "models/algorithms/ring_allreduce_sgd.hpp"

#include "models/algorithms/heavy_ball.hpp"

namespace commsim {

namespace {
constexpr std::int64_t kBitsPerFloat = 32;
}

PluginInfo allreduce_info() {
  return {"allreduce",
          "Data-parallel SGD with ring all-reduce of the gradients: 2(n-1) steps of d/n-float "
          "chunks between ring neighbours, then the same averaged (heavy-ball) step on every node; "
          "with a "
          "compressor, an all-gather of the n compressed gradients (n-1 steps) instead",
          [] {
            std::vector<ParamSpec> params = heavy_ball_params();
            for (auto& spec : retransmission_params())
              params.push_back(spec);
            return params;
          }(),
          "a trainable task; topology ring (node i sends to i+1)"};
}

RingAllreduceSgd::RingAllreduceSgd(const Params& params, AlgorithmContext context)
    : learning_rate_(params.real("lr")),
      momentum_(params.real("momentum")),
      context_(std::move(context)),
      nodes_count_(context_.topology.nodes()),
      nodes_(static_cast<std::size_t>(nodes_count_)),
      compression_(context_, nodes_count_),
      tracker_(context_.topology.nodes(), context_.max_rounds, context_.record_every,
               context_.observer),
      retransmitter_(context_.simulator, context_.network, read_retransmission(params), "allreduce",
                     counters_) {
  minibatch_rng_ = RngStreams(context_.seed, "minibatch", static_cast<std::size_t>(nodes_count_));
}

std::size_t RingAllreduceSgd::chunk_begin(int chunk) const {
  const std::size_t d = context_.task.dimension();
  return d * static_cast<std::size_t>(chunk) / static_cast<std::size_t>(nodes_count_);
}

int RingAllreduceSgd::chunk_sent(NodeId node, int step) const {
  // Reduce-scatter step s sends chunk (i - s) mod n; all-gather step s sends
  // chunk (i + 1 - s) mod n, the one node i finished or last received.
  const int n = nodes_count_;
  const int s = step < n - 1 ? step : step - (n - 1);
  const int offset = step < n - 1 ? 0 : 1;
  return ((node + offset - s) % n + n) % n;
}

void RingAllreduceSgd::start() {
  context_.network.on_delivery([this](const Message& message) { on_message(message); });
  retransmitter_.attach();
  for (int node = 0; node < nodes_count_; ++node) {
    Node& state = nodes_[static_cast<std::size_t>(node)];
    state.model = context_.task.initial_model(node);
    state.momentum.assign(state.model.size(), 0.0f);
    if (!tracker_.node_finished(node, 0, state.model, context_.simulator.now()))
      return;
  }
  for (int node = 0; node < nodes_count_; ++node)
    begin_round(node);
}

void RingAllreduceSgd::begin_round(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  if (state.round >= context_.max_rounds || tracker_.stopped() || retransmitter_.stalled())
    return;
  state.step = 0;
  state.gradient_ready = false;
  // Off the event loop: the model changes only when the all-reduce of this
  // round has finished, which needs this gradient.
  context_.compute.run(
      node, context_.task.stochastic_gradient_flops(node),
      [this, node] {
        Node& computing = nodes_[static_cast<std::size_t>(node)];
        context_.task.stochastic_gradient(node, computing.model,
                                          minibatch_rng_[static_cast<std::size_t>(node)],
                                          computing.gradient);
      },
      [this, node] { on_gradient(node); });
}

void RingAllreduceSgd::on_gradient(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  if (compression_.active()) {
    Encoded own = compression_.compress(node, state.gradient);
    state.gathered.assign(static_cast<std::size_t>(nodes_count_), nullptr);
    state.gathered_bits.assign(static_cast<std::size_t>(nodes_count_), 0);
    state.gathered[static_cast<std::size_t>(node)] =
        std::make_shared<const std::vector<float>>(std::move(own.decoded));
    state.gathered_bits[static_cast<std::size_t>(node)] = own.payload_bits;
  } else {
    state.sum.assign(state.gradient.begin(), state.gradient.end());
  }
  state.gradient_ready = true;
  if (nodes_count_ == 1) {
    if (compression_.active())
      sum_gathered(state);
    finish_round(node);
    return;
  }
  if (compression_.active()) {
    send_gathered(node);
  } else {
    send_step(node);
  }
  absorb_ready_steps(node);
}

int RingAllreduceSgd::steps() const {
  return compression_.active() ? nodes_count_ - 1 : 2 * (nodes_count_ - 1);
}

void RingAllreduceSgd::send_gathered(NodeId node) {
  // At step s node i forwards origin (i - s) mod n: its own gradient first,
  // then each one it received the step before.
  if (retransmitter_.stalled())
    return;  // the run is over
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const auto origin =
      static_cast<std::size_t>(((node - state.step) % nodes_count_ + nodes_count_) % nodes_count_);
  Message message;
  message.from = node;
  message.to = (node + 1) % nodes_count_;
  message.round = state.round;
  message.channel = state.step;
  message.values = state.gathered[origin];
  message.payload_bits = state.gathered_bits[origin];
  context_.network.send(std::move(message));
}

void RingAllreduceSgd::sum_gathered(Node& state) const {
  // Node order, so that every node adds the same numbers in the same order.
  state.sum.assign(state.gradient.size(), 0.0);
  for (const auto& values : state.gathered) {
    for (std::size_t k = 0; k < state.sum.size(); ++k)
      state.sum[k] += (*values)[k];
  }
}

void RingAllreduceSgd::send_step(NodeId node) {
  if (retransmitter_.stalled())
    return;  // the run is over
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const int chunk = chunk_sent(node, state.step);
  const auto first = state.sum.begin() + static_cast<std::ptrdiff_t>(chunk_begin(chunk));
  const auto last = state.sum.begin() + static_cast<std::ptrdiff_t>(chunk_begin(chunk + 1));
  Message message;
  message.from = node;
  message.to = (node + 1) % nodes_count_;
  message.round = state.round;
  message.channel = state.step;
  message.values = std::make_shared<const std::vector<float>>(first, last);
  // On the wire the chunk is the same share of message_floats() (which differs
  // from the stored dimension only for size-only tasks).
  const std::int64_t wire_floats = context_.task.message_floats();
  const std::int64_t wire_chunk =
      wire_floats * (chunk + 1) / nodes_count_ - wire_floats * chunk / nodes_count_;
  message.payload_bits = wire_chunk * kBitsPerFloat;
  context_.network.send(std::move(message));
}

void RingAllreduceSgd::on_message(const Message& message) {
  Node& state = nodes_[static_cast<std::size_t>(message.to)];
  state.early[{message.round, message.channel}] = message;
  absorb_ready_steps(message.to);
}

void RingAllreduceSgd::absorb_ready_steps(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  while (state.gradient_ready && state.step < steps()) {
    const auto it = state.early.find({state.round, state.step});
    if (it == state.early.end())
      return;
    take_step(node, it->second);
    state.early.erase(it);
    ++state.step;
    // Forward along the ring, except after the last step.
    if (state.step < steps()) {
      if (compression_.active()) {
        send_gathered(node);
      } else {
        send_step(node);
      }
    }
  }
  if (state.gradient_ready && state.step == steps()) {
    if (compression_.active())
      sum_gathered(state);
    finish_round(node);
  }
}

void RingAllreduceSgd::take_step(NodeId node, const Message& message) {
  const auto& values = message.values;
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const int predecessor = (node + nodes_count_ - 1) % nodes_count_;
  if (compression_.active()) {
    // The predecessor forwarded origin (predecessor - step) mod n.
    const int origin = ((predecessor - state.step) % nodes_count_ + nodes_count_) % nodes_count_;
    state.gathered[static_cast<std::size_t>(origin)] = values;
    state.gathered_bits[static_cast<std::size_t>(origin)] = message.payload_bits;
    return;
  }
  // The predecessor sent the chunk it handles at this step.
  const std::size_t begin = chunk_begin(chunk_sent(predecessor, state.step));
  const bool reducing = state.step < nodes_count_ - 1;
  for (std::size_t k = 0; k < values->size(); ++k) {
    state.sum[begin + k] = reducing ? state.sum[begin + k] + (*values)[k] : (*values)[k];
  }
}

void RingAllreduceSgd::finish_round(NodeId node) {
  Node& state = nodes_[static_cast<std::size_t>(node)];
  const double inverse_n = 1.0 / nodes_count_;
  heavy_ball_step(state.model, state.momentum, learning_rate_, momentum_,
                  [&](std::size_t k) { return state.sum[k] * inverse_n; });
  state.gradient_ready = false;
  ++state.round;
  if (!tracker_.node_finished(node, state.round, state.model, context_.simulator.now()))
    return;
  begin_round(node);
}

}  // namespace commsim
