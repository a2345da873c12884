#include "models/algorithms/parameter_server_sgd.hpp"

#include "models/algorithms/heavy_ball.hpp"

namespace commsim {

namespace {
constexpr std::int64_t kBitsPerFloat = 32;
}

PluginInfo ps_sgd_info() {
  std::vector<ParamSpec> params = {
      ParamSpec::choice("mode", {"sync", "async"}, "sync",
                        "synchronous rounds or asynchronous updates"),
      ParamSpec::choice(
          "gradient", {"stochastic", "full"}, "stochastic",
          "stochastic: a minibatch of task.batch samples; full: the exact gradient of "
          "the worker's whole shard (gradient descent, as CAT's analysis assumes)")};
  for (auto& spec : heavy_ball_params())
    params.push_back(spec);
  params.push_back(ParamSpec::optional_integer(
      "max_staleness", "async: drop gradients computed more than this many updates ago"));
  return {
      "ps_sgd",
      "Parameter-server SGD: workers 0..n-1 send minibatch gradients to a server (node n), which "
      "applies them synchronously (mean of all n per round) or asynchronously (each on arrival, "
      "stale gradients included) and sends the model back",
      params, "a trainable task; nodes counts the workers, the server is one more node"};
}

ParameterServerSgd::ParameterServerSgd(const Params& params, AlgorithmContext context)
    : synchronous_(params.text("mode") == "sync"),
      full_gradient_(params.text("gradient") == "full"),
      learning_rate_(params.real("lr")),
      momentum_(params.real("momentum")),
      max_staleness_(params.has("max_staleness") ? params.integer("max_staleness") : -1),
      context_(std::move(context)),
      workers_(context_.topology.nodes()),
      worker_models_(static_cast<std::size_t>(workers_)),
      worker_gradients_(static_cast<std::size_t>(workers_)),
      compression_(context_, workers_),
      tracker_(workers_, context_.max_rounds, context_.record_every, context_.observer) {
  minibatch_rng_ = RngStreams(context_.seed, "minibatch", static_cast<std::size_t>(workers_));
}

void ParameterServerSgd::start() {
  context_.network.on_delivery([this](const Message& message) { on_message(message); });
  model_ = context_.task.initial_model(0);
  velocity_.assign(model_.size(), 0.0f);
  round_sum_.assign(model_.size(), 0.0);
  report_round();
  if (tracker_.stopped())
    return;
  for (NodeId worker = 0; worker < workers_; ++worker)
    send_model(worker);
}

void ParameterServerSgd::send_model(NodeId worker) {
  Message message;
  message.from = server();
  message.to = worker;
  message.round = version_;
  message.channel = kModel;
  message.values = std::make_shared<const std::vector<float>>(model_);
  message.payload_bits = context_.task.message_floats() * kBitsPerFloat;
  context_.network.send(std::move(message));
}

void ParameterServerSgd::on_message(const Message& message) {
  if (message.channel == kModel) {
    on_worker_model(message);
  } else {
    on_server_gradient(message);
  }
}

void ParameterServerSgd::on_worker_model(const Message& message) {
  const NodeId worker = message.to;
  worker_models_[static_cast<std::size_t>(worker)] = *message.values;
  const std::int64_t version = message.round;
  const double flops =
      full_gradient_ ? context_.task.full_gradient_flops(worker) : context_.task.gradient_flops();
  context_.compute.run(worker, flops, [this, worker, version] {
    auto& gradient = worker_gradients_[static_cast<std::size_t>(worker)];
    const auto& model = worker_models_[static_cast<std::size_t>(worker)];
    if (full_gradient_) {
      context_.task.full_gradient(worker, model, gradient);
    } else {
      context_.task.stochastic_gradient(worker, model,
                                        minibatch_rng_[static_cast<std::size_t>(worker)], gradient);
    }
    Message reply;
    reply.from = worker;
    reply.to = server();
    reply.round = version;  // the model version the gradient was computed on
    reply.channel = kGradient;
    if (compression_.active()) {
      Encoded compressed = compression_.compress(worker, gradient);
      reply.values = std::make_shared<const std::vector<float>>(std::move(compressed.decoded));
      reply.payload_bits = compressed.payload_bits;
    } else {
      reply.values = std::make_shared<const std::vector<float>>(gradient);
      reply.payload_bits = context_.task.message_floats() * kBitsPerFloat;
    }
    context_.network.send(std::move(reply));
  });
}

void ParameterServerSgd::on_server_gradient(const Message& message) {
  // The server's processor handles gradients one at a time, in arrival order.
  // Accumulate and take the heavy-ball step.
  const double flops = 3.0 * static_cast<double>(context_.task.message_floats());
  const NodeId worker = message.from;
  const std::int64_t computed_on = message.round;
  const auto values = message.values;
  context_.compute.run(server(), flops, [this, worker, computed_on, values] {
    if (tracker_.stopped())
      return;
    if (synchronous_) {
      applied_.push_back({worker, computed_on});
      for (std::size_t k = 0; k < round_sum_.size(); ++k)
        round_sum_[k] += (*values)[k];
      if (++round_count_ < workers_)
        return;
      for (auto& value : round_sum_)
        value /= workers_;
      apply(round_sum_);
      round_sum_.assign(round_sum_.size(), 0.0);
      round_count_ = 0;
      report_round();
      if (version_ < context_.max_rounds && !tracker_.stopped()) {
        for (NodeId w = 0; w < workers_; ++w)
          send_model(w);
      }
      return;
    }
    // Gradients still in flight when the last round is done are not applied.
    if (version_ >= context_.max_rounds * workers_)
      return;
    const std::int64_t staleness = version_ - computed_on;
    if (max_staleness_ < 0 || staleness <= max_staleness_) {
      applied_.push_back({worker, computed_on});
      apply(std::vector<double>(values->begin(), values->end()));
      if (version_ % workers_ == 0)
        report_round();
    } else {
      ++dropped_;
    }
    if (version_ < context_.max_rounds * workers_ && !tracker_.stopped())
      send_model(worker);
  });
}

void ParameterServerSgd::apply(const std::vector<double>& gradient) {
  heavy_ball_step(model_, velocity_, learning_rate_, momentum_,
                  [&](std::size_t k) { return gradient[k]; });
  ++version_;
}

void ParameterServerSgd::report_round() {
  // Every worker "holds" the server's model at a round boundary.
  const std::int64_t round = synchronous_ ? version_ : version_ / workers_;
  for (NodeId worker = 0; worker < workers_; ++worker) {
    if (!tracker_.node_finished(worker, round, model_, context_.simulator.now()))
      return;
  }
}

}  // namespace commsim
