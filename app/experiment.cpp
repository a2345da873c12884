#include "app/experiment.hpp"

#include <cmath>

#include "app/bottleneck.hpp"
#include "app/divergence_watch.hpp"
#include "app/fault_block.hpp"
#include "app/interrupt.hpp"
#include "app/memory_budget.hpp"
#include "app/network_medium.hpp"
#include "app/number_format.hpp"
#include "app/round_metrics.hpp"
#include "app/stop_detail.hpp"
#include "app/trace_recorder.hpp"
#include "models/algorithms/algorithm_hooks.hpp"
#include "models/algorithms/registry.hpp"
#include "models/compressors/registry.hpp"
#include "models/compute/compute_model.hpp"
#include "models/tasks/registry.hpp"
#include "models/tasks/shared_data.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/kernel/work_pool.hpp"
#include "sim/net/network.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

namespace {

struct StopRule {
  std::int64_t max_rounds;
  bool epochs_set_rounds = false;  // stop.epochs, not stop.rounds, chose max_rounds
  std::optional<double> epochs;
  SimTime max_time = kSimTimeMax;
  std::optional<double> energy_budget_j;
  std::string target_metric;
  std::optional<double> target_value;
  double divergence_factor;

  explicit StopRule(const nlohmann::json& stop)
      : max_rounds(stop["rounds"].get<std::int64_t>()),
        divergence_factor(stop["divergence_factor"].get<double>()) {
    if (!stop["sim_time_s"].is_null())
      max_time = seconds_to_simtime(stop["sim_time_s"].get<double>());
    if (!stop["epochs"].is_null())
      epochs = stop["epochs"].get<double>();
    if (!stop["energy_budget_j"].is_null())
      energy_budget_j = stop["energy_budget_j"].get<double>();
    if (stop.contains("target")) {
      target_metric = stop["target"]["metric"].get<std::string>();
      target_value = stop["target"]["value"].get<double>();
    }
  }

  // stop.epochs as rounds: each round every node holding data takes one
  // minibatch step, so an epoch is train_samples / (those nodes x batch) rounds.
  void limit_epochs(const Task& task, std::int64_t nodes) {
    if (!epochs)
      return;
    std::int64_t holding = 0;
    for (NodeId node = 0; node < nodes; ++node)
      holding += task.shard_size(node) > 0 ? 1 : 0;
    if (task.train_samples() == 0 || task.batch_size() == 0 || holding == 0) {
      throw InputError("stop.epochs",
                       "this task has no training set to pass over; use stop.rounds");
    }
    const double rounds = std::ceil(*epochs * static_cast<double>(task.train_samples()) /
                                    static_cast<double>(holding * task.batch_size()));
    if (rounds > static_cast<double>(max_rounds)) {
      throw InputError("stop.epochs", "got " + format_rounded(*epochs) + ", which needs " +
                                          format_rounded(rounds) + " rounds of " +
                                          std::to_string(task.batch_size()) + " samples on " +
                                          std::to_string(holding) + " nodes (" +
                                          std::to_string(task.train_samples()) +
                                          " training samples), more than stop.rounds (" +
                                          std::to_string(max_rounds) + "); raise stop.rounds");
    }
    max_rounds = static_cast<std::int64_t>(rounds);
    epochs_set_rounds = true;
  }

  bool target_met(const SeriesRow& row) const {
    if (!target_value)
      return false;
    if (target_metric == "test_accuracy")
      return row.test_accuracy && *row.test_accuracy >= *target_value;
    const auto& value = target_metric == "train_loss" ? row.train_loss : row.consensus_error;
    return value && *value <= *target_value;
  }
};

// Data sets shared with other runs count once, with every data set the
// process holds; when the run would not fit, retained data sets that no run
// uses are let go first.
void check_run_memory(MemoryEstimate estimate, const Task& task, std::uint64_t limit_bytes) {
  estimate.data_bytes = task.data_bytes() - task.shared_data_bytes();
  const auto shared_bytes = [&] {
    return std::max<std::uint64_t>(loaded_data_bytes(), task.shared_data_bytes());
  };
  estimate.shared_data_bytes = shared_bytes();
  if (estimate.total_bytes() > limit_bytes && release_unused_data() > 0)
    estimate.shared_data_bytes = shared_bytes();
  check_memory(estimate, limit_bytes);
}

std::string stop_detail(const RunResult& result, std::int64_t max_rounds,
                        const StallContext& stall) {
  const std::string& reason = result.stop_reason;
  const std::string at_round = " at round " + std::to_string(result.rounds_completed);
  if (reason == "stalled")
    return stalled_detail(stall);
  if (reason == "rounds")
    return "all " + std::to_string(max_rounds) + " rounds done";
  if (reason == "epochs")
    return "stop.epochs reached: all " + std::to_string(max_rounds) + " rounds done";
  if (reason == "sim_time")
    return "stop.sim_time_s reached" + at_round;
  if (reason == "target")
    return "stop.target reached" + at_round;
  if (reason == "energy_budget")
    return "stop.energy_budget_j reached" + at_round;
  if (reason == "interrupted")
    return "interrupted by a signal" + at_round;
  return reason;  // diverged: the run sets its own detail
}

}  // namespace

RunResult run_experiment(const Scenario& scenario, const RowListener& on_row,
                         std::uint64_t memory_limit_bytes, int parallel_runs, unsigned threads) {
  const nlohmann::json& s = scenario.resolved;
  StopRule stop(s["stop"]);
  const auto& algorithm_entry = algorithm_registry().find(s["algorithm"]["kind"], "algorithm.kind");
  const NetworkLayout layout = algorithm_entry.make.layout(*scenario.topology);
  const auto& task_entry = task_registry().find(s["task"]["kind"], "task.kind");
  const auto task =
      task_entry.make(Params(s["task"], "task"), TaskContext{scenario.nodes, scenario.seed});
  check_run_memory({.nodes = layout.nodes,
                    .dimension = static_cast<std::int64_t>(task->dimension()),
                    .vectors_per_node = algorithm_entry.make.vectors_per_node(*scenario.topology),
                    .links = static_cast<std::int64_t>(layout.links.size()),
                    .link_streams = scenario.link->draws_randomness(),
                    .topology_bytes = scenario.topology->memory_bytes(),
                    .parallel_runs = parallel_runs},
                   *task,
                   memory_limit_bytes == 0 ? default_memory_limit_bytes() : memory_limit_bytes);
  stop.limit_epochs(*task, scenario.nodes);

  Simulator simulator;
  Network network(simulator, layout.nodes, network_options(s["network"]), scenario.seed);
  install_medium(network, simulator, s["network"], layout, scenario.nodes, scenario.link,
                 scenario.link_overrides, scenario.seed);
  for (const auto& [from, to] : layout.links)
    network.add_link(from, to, link_model_for(from, to, scenario.link, scenario.link_overrides));
  ComputeModel compute(simulator, layout.nodes, Params(s["compute"], "compute"), scenario.seed,
                       scenario.nodes);
  if (s.contains("faults")) {
    const auto faults =
        std::make_shared<const FaultSchedule>(make_fault_config(s["faults"]), scenario.seed);
    network.set_faults(faults);
    compute.set_faults(faults);
  }

  AlgorithmHooks algorithm_hooks;
  std::optional<TraceRecorder> trace;
  const std::int64_t trace_rounds = s["record"]["trace_rounds"].get<std::int64_t>();
  if (s["record"]["trace"].get<bool>())
    trace.emplace(simulator, network, compute, algorithm_hooks);

  RunResult result;
  result.run_id = scenario.name;
  result.data_origin = task->data_origin();
  const bool per_node = s["record"]["per_node"].get<bool>();
  const bool record_node_accuracy = s["record"]["node_accuracy"].get<bool>();
  const FaultConfig& fault_config = network.faults().config();
  const bool crashes =
      !fault_config.node_outages.empty() || fault_config.node_crash_rate_per_s > 0.0;
  const bool live_only = crashes && s["record"]["average"] == "live";
  CompressionLevels compression_levels;
  BottleneckTracker bottlenecks;
  DivergenceWatch divergence(stop.divergence_factor);
  std::string divergence_detail;
  auto observer = [&](const RoundSnapshot& snapshot) {
    std::vector<bool> up;  // empty: every node counts
    if (crashes) {
      up.resize(snapshot.node_models->size());
      for (std::size_t node = 0; node < up.size(); ++node)
        up[node] = network.faults().node_up(static_cast<NodeId>(node), snapshot.time);
    }
    const std::vector<bool> no_filter;
    const std::vector<bool>& included = live_only ? up : no_filter;
    const RoundMetrics metrics = compute_round_metrics(*snapshot.node_models, included);
    SeriesRow row;
    if (crashes)
      row.live_nodes = std::count(up.begin(), up.end(), true);
    if (record_node_accuracy) {
      if (const auto accuracy = node_accuracy(*task, *snapshot.node_models, included)) {
        row.node_accuracy_mean = accuracy->mean;
        row.node_accuracy_worst = accuracy->worst;
      }
    }
    row.round = snapshot.round;
    row.time = snapshot.time;
    row.traffic = network.totals();
    row.compute_energy_j = compute.energy_j();
    // Size-only tasks (synthetic_model) store no numbers to disagree on.
    if (task->dimension() > 0)
      row.consensus_error = metrics.consensus_error;
    const TaskMetrics task_metrics = task->evaluate(metrics.average_model);
    row.train_loss = task_metrics.train_loss;
    row.test_accuracy = task_metrics.test_accuracy;
    row.test_loss = task_metrics.test_loss;
    row.compression_level = compression_levels.take_mean();
    if (const auto busiest = bottlenecks.next(network.medium(), row.time)) {
      row.bottleneck_link = busiest->link;
      row.bottleneck_utilisation = busiest->utilisation;
    }
    result.rows.push_back(row);
    if (per_node) {
      for (NodeId node = 0; node < network.nodes(); ++node) {
        // The server of ps_sgd (the node past the workers) has no model of its own.
        const double distance = node < static_cast<NodeId>(metrics.distance_to_mean.size())
                                    ? metrics.distance_to_mean[node]
                                    : 0.0;
        result.node_rows.push_back(
            {row.round, row.time, node, network.node_counters(node), distance});
      }
    }
    if (on_row)
      on_row(row, stop.max_rounds);
    if (trace && snapshot.round >= trace_rounds)
      trace->stop();
    if (auto detail = divergence.check(row)) {
      divergence_detail = std::move(*detail);
      result.stop_reason = "diverged";
      simulator.stop();
      return false;
    }
    if (stop.target_met(row)) {
      result.target_row = result.rows.size() - 1;
      result.stop_reason = "target";
      simulator.stop();
      return false;
    }
    if (stop.energy_budget_j && row.total_energy_j() >= *stop.energy_budget_j) {
      result.stop_reason = "energy_budget";
      simulator.stop();
      return false;
    }
    return true;
  };

  AlgorithmContext context{
      simulator, network,       *scenario.topology, *task,
      compute,   scenario.seed, stop.max_rounds,    s["record"]["every"].get<std::int64_t>(),
      observer};
  // Built for the entries on the wire: equal to dimension() except on a
  // size-only task, whose compressors size messages of the declared model.
  const auto wire_floats = static_cast<std::size_t>(task->message_floats());
  context.compressor = make_compressor(s["compressor"], "compressor", wire_floats, scenario.link);
  context.error_feedback = read_error_feedback(s["compressor"]);
  context.compression_levels = &compression_levels;
  context.hooks = &algorithm_hooks;
  if (s.contains("downlink")) {
    context.downlink_compressor =
        make_compressor(s["downlink"], "downlink", wire_floats, scenario.link);
  }
  const auto algorithm = algorithm_entry.make.make(Params(s["algorithm"], "algorithm"), context);
  // Declared after the algorithm, so destroyed before it: no job outlives the
  // node state it writes.
  WorkPool workers(threads);
  compute.set_workers(&workers);
  simulator.set_interrupt_flag(&interrupt_flag());
  algorithm->start();
  simulator.run(stop.max_time);

  result.rounds_completed = algorithm->rounds_completed();
  result.events = simulator.events_processed();
  result.end_time = simulator.now();
  if (simulator.interrupted()) {
    result.stop_reason = "interrupted";  // the rows so far are kept; complete stays false
  } else if (result.stop_reason == "diverged") {
    // Not a result to average with the others; complete stays false.
  } else if (!result.stop_reason.empty()) {
    result.complete = true;  // target or energy budget
  } else if (result.rounds_completed >= stop.max_rounds) {
    result.stop_reason = stop.epochs_set_rounds ? "epochs" : "rounds";
    result.complete = true;
  } else if (simulator.events_pending() > 0) {
    result.stop_reason = "sim_time";
    result.end_time = stop.max_time;
    result.complete = true;
  } else {
    result.stop_reason = "stalled";  // nothing left to happen, yet the rounds are not done
  }
  result.end_traffic = network.totals();
  const nlohmann::json& medium_block = s["network"].value("medium", nlohmann::json::object());
  if (medium_block.value("links_csv", false)) {
    result.physical_links = network.medium().physical_links(result.end_time);
  }
  result.missing_messages = algorithm->missing_messages();
  if (trace)
    result.trace_json = trace->json(result.end_time);
  result.stop_detail = stop_detail(result, stop.max_rounds,
                                   StallContext{network, compute, layout.links, result.end_time,
                                                result.rounds_completed, stop.max_rounds});
  // The algorithm knows best why its step cannot complete; the network's view follows.
  if (result.stop_reason == "diverged")
    result.stop_detail = divergence_detail;
  if (result.stop_reason == "stalled" && !result.missing_messages.stall_cause.empty()) {
    result.stop_detail = result.missing_messages.stall_cause + "; " + result.stop_detail;
  }
  return result;
}

}  // namespace commsim
