#include "models/algorithms/lazy_aggregation.hpp"

#include "models/algorithms/lazy_rules.hpp"

namespace commsim {

namespace {
constexpr std::int64_t kBitsPerFloat = 32;
constexpr std::int64_t kSkipNoticeBits = 1;
enum Channel : std::int32_t { kModel = 0, kUpload = 1, kSkip = 2 };

std::vector<ParamSpec> lazy_params(double xi_sum) {
  return {ParamSpec::real("lr", 0.1, "step size alpha of theta <- theta - alpha sum_m g_hat_m")
              .above(0),
          ParamSpec::integer("history", 10, "D: parameter changes the trigger looks back on")
              .at_least(1),
          ParamSpec::real("xi_sum", xi_sum, "sum of the trigger weights; xi_d = xi_sum / D")
              .at_least(0),
          server_timeout_params().front()};
}
}  // namespace

PluginInfo lag_info() {
  return {"lag",
          "LAG-WK (Chen et al. 2018): full gradients on a server; a worker uploads its gradient "
          "change only when its squared norm exceeds the trigger budget B^k",
          lazy_params(1.0),
          "a trainable task; nodes counts the workers, the server is one more node"};
}

PluginInfo laq_info() {
  auto params = lazy_params(0.8);
  params.push_back(
      ParamSpec::integer("bits", 4, "b: bits per quantized entry").at_least(1).at_most(16));
  params.push_back(
      ParamSpec::integer("max_skip", 100, "t_bar: upload at least every this many rounds")
          .at_least(1));
  return {
      "laq",
      "LAQ (Sun et al. 2019): LAG with b-bit quantized gradient innovations (b_f + b d bits per "
      "upload)",
      params, "a trainable task; nodes counts the workers, the server is one more node"};
}

LazyAggregation::LazyAggregation(Rule rule, const Params& params, AlgorithmContext context)
    : rule_(rule),
      learning_rate_(params.real("lr")),
      xi_(static_cast<std::size_t>(params.integer("history")),
          params.real("xi_sum") / static_cast<double>(params.integer("history"))),
      bits_(rule == Rule::kLaq ? static_cast<int>(params.integer("bits")) : 0),
      max_skip_(rule == Rule::kLaq ? params.integer("max_skip") : 0),
      context_(std::move(context)),
      workers_count_(context_.topology.nodes()),
      workers_(static_cast<std::size_t>(workers_count_)),
      timeout_(read_server_timeout(params)),
      tracker_(workers_count_, context_.max_rounds, context_.record_every, context_.observer) {}

void LazyAggregation::start() {
  context_.network.on_delivery([this](const Message& message) { on_message(message); });
  model_ = context_.task.initial_model(0);
  aggregate_.assign(model_.size(), 0.0);
  for (auto& worker : workers_)
    worker.last_uploaded.assign(model_.size(), 0.0);
  for (NodeId worker = 0; worker < workers_count_; ++worker) {
    if (!tracker_.node_finished(worker, 0, model_, context_.simulator.now()))
      return;
  }
  broadcast_model();
}

void LazyAggregation::broadcast_model() {
  budget_ = lazy_trigger_budget(recent_changes_, learning_rate_, workers_count_, xi_);
  for (NodeId worker = 0; worker < workers_count_; ++worker) {
    Message message;
    message.from = server();
    message.to = worker;
    message.round = round_;
    message.channel = kModel;
    message.values = std::make_shared<const std::vector<float>>(model_);
    // theta^k plus the scalar B^k.
    message.payload_bits = (context_.task.message_floats() + 1) * kBitsPerFloat;
    context_.network.send(std::move(message));
  }
  if (timeout_) {
    const std::int64_t round = round_;
    context_.simulator.schedule_in(*timeout_, [this, round] { on_timeout(round); });
  }
}

void LazyAggregation::on_timeout(std::int64_t round) {
  if (round != round_ || tracker_.stopped())
    return;  // the round closed in time
  // A worker that did not answer counts as one that skipped: its last upload
  // stays in the aggregate.
  ++counters_.rounds_timed_out;
  counters_.messages_missing += workers_count_ - responses_;
  report_timeout(context_, {server(), round, workers_count_ - responses_});
  close_round();
}

void LazyAggregation::on_message(const Message& message) {
  if (message.channel == kModel) {
    const NodeId worker = message.to;
    const std::int64_t round = message.round;
    const auto model = message.values;
    context_.compute.run(worker, context_.task.full_gradient_flops(worker),
                         [this, worker, round, model] {
                           context_.task.full_gradient(
                               worker, *model, workers_[static_cast<std::size_t>(worker)].gradient);
                           respond(worker, round);
                         });
    return;
  }
  on_response(message);
}

void LazyAggregation::respond(NodeId worker, std::int64_t round) {
  Worker& state = workers_[static_cast<std::size_t>(worker)];
  // f = sum_m f_m with f_m the shard's share of the global mean objective.
  const double share = static_cast<double>(context_.task.shard_size(worker)) /
                       static_cast<double>(context_.task.train_samples());
  std::vector<double> gradient(state.gradient.size());
  for (std::size_t k = 0; k < gradient.size(); ++k)
    gradient[k] = share * state.gradient[k];

  std::vector<double> upload;  // the change the server adds to its aggregate
  std::int64_t upload_bits = 0;
  bool send = false;
  if (rule_ == Rule::kLag) {
    upload.resize(gradient.size());
    for (std::size_t k = 0; k < gradient.size(); ++k)
      upload[k] = gradient[k] - state.last_uploaded[k];
    send = round == 0 || squared_norm(upload) > budget_;
    if (send) {
      state.last_uploaded = gradient;
      upload_bits = context_.task.message_floats() * kBitsPerFloat;
    }
  } else {
    const LaqQuantized quantized = laq_quantize(gradient, state.last_uploaded, bits_);
    const double error = squared_norm(quantized.error);
    send = round == 0 || state.skipped >= max_skip_ ||
           squared_norm(quantized.innovation) >= budget_ + 3 * (error + state.last_error);
    if (send) {
      for (std::size_t k = 0; k < gradient.size(); ++k)
        state.last_uploaded[k] += quantized.innovation[k];
      state.last_error = error;
      state.skipped = 0;
      upload = quantized.innovation;
      upload_bits = kBitsPerFloat + bits_ * context_.task.message_floats();  // radius + codes
    } else {
      ++state.skipped;
    }
  }
  Message message;
  message.from = worker;
  message.to = server();
  message.round = round;
  message.channel = send ? kUpload : kSkip;
  message.payload_bits = send ? upload_bits : kSkipNoticeBits;
  if (send)
    message.values = std::make_shared<const std::vector<float>>(upload.begin(), upload.end());
  context_.network.send(std::move(message));
}

void LazyAggregation::on_response(const Message& message) {
  if (message.round != round_) {
    ++counters_.messages_late;  // its round was closed by the timeout: dropped
    return;
  }
  if (message.channel == kUpload) {
    ++uploads_;
    for (std::size_t k = 0; k < aggregate_.size(); ++k)
      aggregate_[k] += (*message.values)[k];
  } else {
    ++skips_;
  }
  if (++responses_ < workers_count_)
    return;
  close_round();
}

void LazyAggregation::close_round() {
  responses_ = 0;
  double change = 0.0;
  for (std::size_t k = 0; k < model_.size(); ++k) {
    const auto step = static_cast<float>(learning_rate_ * aggregate_[k]);
    model_[k] -= step;
    change += static_cast<double>(step) * step;
  }
  recent_changes_.push_front(change);
  if (recent_changes_.size() > xi_.size())
    recent_changes_.pop_back();
  ++round_;
  for (NodeId worker = 0; worker < workers_count_; ++worker) {
    if (!tracker_.node_finished(worker, round_, model_, context_.simulator.now()))
      return;
  }
  if (round_ < context_.max_rounds)
    broadcast_model();
}

}  // namespace commsim
