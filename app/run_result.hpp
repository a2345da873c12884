#pragma once
// What one run produces: the recorded rows and how the run ended.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/algorithms/missing_message_policy.hpp"
#include "sim/kernel/sim_time.hpp"
#include "sim/net/medium.hpp"
#include "sim/net/traffic_counters.hpp"

namespace commsim {

struct SeriesRow {
  std::int64_t round = 0;
  SimTime time = 0;
  TrafficCounters traffic;  // cumulative over the whole network
  double compute_energy_j = 0.0;
  std::optional<double> train_loss;
  std::optional<double> test_accuracy;
  std::optional<double> consensus_error;
  std::optional<double> test_loss;
  // Mean level adaptive compressors chose since the previous row (none: no level reported).
  std::optional<double> compression_level;
  // Media with physical links: the busiest since the previous row and its utilisation.
  std::string bottleneck_link;
  std::optional<double> bottleneck_utilisation;
  // record.node_accuracy: the nodes' own models' mean and worst test accuracy.
  std::optional<double> node_accuracy_mean, node_accuracy_worst;
  // Scenarios whose faults crash nodes: how many were up at the round.
  std::optional<std::int64_t> live_nodes;

  double total_energy_j() const { return traffic.energy_j() + compute_energy_j; }
};

// One node at one recorded round (record.per_node).
struct NodeRow {
  std::int64_t round = 0;
  SimTime time = 0;
  std::int32_t node = 0;
  TrafficCounters traffic;        // cumulative; sent by the node, receiver joules as a receiver
  double distance_to_mean = 0.0;  // ||x_i - mean||^2
};

struct RunResult {
  std::string run_id;
  std::vector<SeriesRow> rows;
  bool complete = false;
  std::string stop_reason;      // rounds, sim_time, target, energy_budget, stalled, interrupted,
                                // diverged
  std::string stop_detail;      // one sentence; for a stalled run, what was lost and who waits
  TrafficCounters end_traffic;  // the network's totals when the run ended
  std::int64_t rounds_completed = 0;
  SimTime end_time = 0;
  std::uint64_t events = 0;
  std::optional<std::size_t> target_row;    // index of the first row meeting stop.target
  std::vector<NodeRow> node_rows;           // only with record.per_node
  MissingMessageCounters missing_messages;  // what the algorithm's missing-message policy did
  // Media with physical links, when asked for (links_csv): each link's bits at the end.
  std::vector<PhysicalLinkUsage> physical_links;
  std::string trace_json;  // record.trace: trace.json's text; empty otherwise
  // How the task got its data (Task::data_origin): "decoded", "from cache",
  // "shared" or "generated"; empty for a task without data. Goes to
  // provenance.json, as it may differ between reruns.
  std::string data_origin;
};

}  // namespace commsim
