#include "models/algorithms/parameter_server_sgd.hpp"

#include <sstream>

#include "models/algorithms/heavy_ball.hpp"
#include "models/compressors/compressor_params.hpp"

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
  for (auto& spec : server_timeout_params())
    params.push_back(spec);
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
      timeout_(read_server_timeout(params)),
      context_(std::move(context)),
      workers_(context_.topology.nodes()),
      worker_models_(static_cast<std::size_t>(workers_)),
      worker_gradients_(static_cast<std::size_t>(workers_)),
      compression_(context_, workers_),
      tracker_(workers_, context_.max_rounds, context_.record_every, context_.observer) {
  minibatch_rng_ = RngStreams(context_.seed, "minibatch", static_cast<std::size_t>(workers_));
  if (synchronous_ && context_.downlink_compressor &&
      context_.downlink_compressor->name() != "none") {
    downlink_.emplace(context_.downlink_compressor, context_.seed, workers_, context_.task);
    replica_version_.assign(static_cast<std::size_t>(workers_), -1);
  }
  received_.assign(static_cast<std::size_t>(workers_), false);
  answered_.assign(static_cast<std::size_t>(workers_), false);
  sent_count_.assign(static_cast<std::size_t>(workers_), 0);
}

void ParameterServerSgd::start() {
  context_.network.on_delivery([this](const Message& message) { on_message(message); });
  model_ = context_.task.initial_model(0);
  velocity_.assign(model_.size(), 0.0f);
  round_sum_.assign(model_.size(), 0.0);
  report_round();
  if (tracker_.stopped())
    return;
  if (synchronous_) {
    send_round();
    return;
  }
  for (NodeId worker = 0; worker < workers_; ++worker)
    send_model(worker);
}

void ParameterServerSgd::send_round() {
  if (downlink_)
    downlink_->prepare(version_, model_);
  for (NodeId worker = 0; worker < workers_; ++worker)
    send_model(worker);
  if (!timeout_)
    return;
  const std::int64_t version = version_;
  const std::int64_t attempt = ++round_attempt_;
  context_.simulator.schedule_in(*timeout_,
                                 [this, version, attempt] { on_round_timeout(version, attempt); });
}

void ParameterServerSgd::on_round_timeout(std::int64_t version, std::int64_t attempt) {
  if (version != version_ || attempt != round_attempt_ || tracker_.stopped())
    return;  // the round closed in time
  ++counters_.rounds_timed_out;
  counters_.messages_missing += workers_ - round_count_;
  report_timeout(context_, {server(), version, workers_ - round_count_});
  if (round_count_ > 0) {
    close_round();
    return;
  }
  // Nothing came back: no step. Send the model again unless no worker can ever answer.
  bool any_can_answer = false;
  for (NodeId worker = 0; worker < workers_ && !any_can_answer; ++worker)
    any_can_answer = can_answer_again(worker);
  mark_silent_workers();
  if (!any_can_answer) {
    std::ostringstream cause;
    cause << "ps_sgd: every worker crashed or is cut off from the server for good; round "
          << version_ + 1 << " cannot complete";
    counters_.stall_cause = cause.str();
    return;
  }
  send_round();
}

void ParameterServerSgd::mark_silent_workers() {
  if (!downlink_)
    return;
  for (NodeId worker = 0; worker < workers_; ++worker) {
    if (!received_[static_cast<std::size_t>(worker)])
      downlink_->mark_stale(worker);
  }
}

void ParameterServerSgd::close_round() {
  mark_silent_workers();
  for (auto& value : round_sum_)
    value /= static_cast<double>(round_count_);
  if (compression_.common_level()) {
    // CAT's common_T: one T for every worker next round, chosen
    // from this round's aggregate, the averaged gradient the server holds.
    const std::vector<float> aggregate(round_sum_.begin(), round_sum_.end());
    common_level_ = compression_.best_level(aggregate);
    compression_.impose_level(*common_level_);
  }
  apply(round_sum_);
  round_sum_.assign(round_sum_.size(), 0.0);
  round_count_ = 0;
  received_.assign(received_.size(), false);
  report_round();
  if (version_ < context_.max_rounds && !tracker_.stopped())
    send_round();
}

void ParameterServerSgd::send_model(NodeId worker) {
  Message message;
  message.from = server();
  message.to = worker;
  message.round = version_;
  message.channel = kModel;
  if (!synchronous_ && timeout_) {
    answered_[static_cast<std::size_t>(worker)] = false;
    const std::int64_t sent = ++sent_count_[static_cast<std::size_t>(worker)];
    context_.simulator.schedule_in(*timeout_,
                                   [this, worker, sent] { on_worker_timeout(worker, sent); });
  }
  if (downlink_) {
    CompressedDownlink::Outgoing out = downlink_->message_for(worker);
    message.channel = out.full ? kModel : kModelUpdate;
    message.values = std::move(out.values);
    message.payload_bits = out.payload_bits;
    counters_.retransmissions += out.resend ? 1 : 0;
  } else {
    message.values = std::make_shared<const std::vector<float>>(model_);
    message.payload_bits = context_.task.message_floats() * kBitsPerFloat;
  }
  if (common_level_) {  // T travels with the model: a level in 1..d
    message.payload_bits +=
        ceil_log2(static_cast<std::uint64_t>(context_.task.message_floats()) + 1);
  }
  context_.network.send(std::move(message));
}

void ParameterServerSgd::on_message(const Message& message) {
  if (message.channel == kModel || message.channel == kModelUpdate) {
    on_worker_model(message);
  } else {
    on_server_gradient(message);
  }
}

void ParameterServerSgd::on_worker_model(const Message& message) {
  const NodeId worker = message.to;
  const auto w = static_cast<std::size_t>(worker);
  const std::int64_t version = message.round;
  if (message.channel == kModelUpdate) {
    // Delta applies to the previous version only; a stale one (a full
    // replica overtook it) or one after a gap is dropped, and the server
    // sends the replica in full after the silent round.
    if (replica_version_[w] != version - 1) {
      ++counters_.messages_late;
      return;
    }
    auto& replica = worker_models_[w];
    for (std::size_t k = 0; k < replica.size(); ++k)
      replica[k] += (*message.values)[k];
  } else {
    worker_models_[w] = *message.values;
  }
  if (downlink_)
    replica_version_[w] = version;
  const double flops = full_gradient_ ? context_.task.full_gradient_flops(worker)
                                      : context_.task.stochastic_gradient_flops(worker);
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
  if (synchronous_ && timeout_ && is_late(worker, computed_on)) {
    ++counters_.messages_late;  // its round was closed by the timeout
    return;
  }
  if (!synchronous_)
    answered_[static_cast<std::size_t>(worker)] = true;
  context_.compute.run(server(), flops, [this, worker, computed_on, values] {
    if (tracker_.stopped())
      return;
    if (synchronous_) {
      if (timeout_ && is_late(worker, computed_on)) {
        ++counters_.messages_late;
        return;
      }
      received_[static_cast<std::size_t>(worker)] = true;
      applied_.push_back({worker, computed_on});
      for (std::size_t k = 0; k < round_sum_.size(); ++k)
        round_sum_[k] += (*values)[k];
      if (++round_count_ < workers_)
        return;
      close_round();
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

void ParameterServerSgd::on_worker_timeout(NodeId worker, std::int64_t sent) {
  const auto w = static_cast<std::size_t>(worker);
  if (sent != sent_count_[w] || answered_[w] || tracker_.stopped())
    return;  // it answered, or a newer model is on its way
  if (version_ >= context_.max_rounds * workers_)
    return;
  // A worker that can never answer is not sent models forever (that would keep the run alive).
  if (!can_answer_again(worker))
    return;
  ++counters_.retransmissions;
  report_timeout(context_, {server(), version_, 1, worker});
  send_model(worker);
}

bool ParameterServerSgd::can_answer_again(NodeId worker) const {
  const FaultSchedule& faults = context_.network.faults();
  const SimTime now = context_.simulator.now();
  return faults.node_up_again(worker, now) != kSimTimeMax &&
         faults.node_up_again(server(), now) != kSimTimeMax &&
         faults.link_up_again(server(), worker, now) != kSimTimeMax &&
         faults.link_up_again(worker, server(), now) != kSimTimeMax;
}

bool ParameterServerSgd::is_late(NodeId worker, std::int64_t computed_on) const {
  // Of a closed round, or a second copy for this round (the model was sent again).
  return computed_on != version_ || received_[static_cast<std::size_t>(worker)];
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
