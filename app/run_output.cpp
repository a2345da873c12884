#include "app/run_output.hpp"

#include <filesystem>
#include <sstream>

#include "app/atomic_file.hpp"
#include "app/csv.hpp"
#include "app/medium_columns.hpp"
#include "app/number_format.hpp"
#include "app/sweep.hpp"
#include "app/version.hpp"

namespace commsim {

namespace {
const char* const kSeriesHeader =
    "run,round,sim_time_s,payload_bits,wire_bits,frames,messages,messages_lost,comm_energy_j,"
    "compute_energy_j,train_loss,test_accuracy,consensus_error,test_loss,compression_level";

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

void put_row(nlohmann::json& into, const SeriesRow& row) {
  into["round"] = row.round;
  into["sim_time_s"] = simtime_to_seconds(row.time);
  into["payload_bits"] = row.traffic.payload_bits;
  into["wire_bits"] = row.traffic.wire_bits;
  into["frames"] = row.traffic.frames;
  into["messages"] = row.traffic.messages;
  into["messages_lost"] = row.traffic.messages_lost;
  into["messages_lost_channel"] = row.traffic.lost_channel;
  into["messages_lost_link_down"] = row.traffic.lost_link_down;
  into["messages_lost_node_crashed"] = row.traffic.lost_node_crashed;
  into["comm_energy_j"] = row.traffic.energy_j();
  into["compute_energy_j"] = row.compute_energy_j;
  into["train_loss"] = optional_json(row.train_loss);
  into["test_accuracy"] = optional_json(row.test_accuracy);
  into["consensus_error"] = optional_json(row.consensus_error);
  into["test_loss"] = optional_json(row.test_loss);
  put_medium_fields(into, row.traffic);
  if (!row.bottleneck_link.empty()) {
    into["bottleneck_link"] = row.bottleneck_link;
    into["bottleneck_utilisation"] = optional_json(row.bottleneck_utilisation);
  }
  if (row.node_accuracy_mean) {
    into["node_accuracy_mean"] = *row.node_accuracy_mean;
    into["node_accuracy_worst"] = optional_json(row.node_accuracy_worst);
  }
  if (row.live_nodes)
    into["live_nodes"] = *row.live_nodes;
}

// Columns only some runs have, decided by the first row (every row of a run
// has the same fields): node accuracy on request, live nodes with crashes.
struct OptionalColumns {
  bool node_accuracy = false;
  bool live_nodes = false;
  explicit OptionalColumns(const RunResult& result) {
    if (result.rows.empty())
      return;
    node_accuracy = result.rows.front().node_accuracy_mean.has_value();
    live_nodes = result.rows.front().live_nodes.has_value();
  }
};
}  // namespace

std::string series_csv(const RunResult& result) {
  std::ostringstream out;
  const OptionalColumns optional(result);
  out << kSeriesHeader << medium_columns_header() << ",bottleneck_link,bottleneck_utilisation"
      << (optional.node_accuracy ? ",node_accuracy_mean,node_accuracy_worst" : "")
      << (optional.live_nodes ? ",live_nodes" : "") << '\n';
  const std::string run = csv_field(result.run_id);
  for (const SeriesRow& row : result.rows) {
    out << run << ',' << row.round << ',' << format_seconds(row.time) << ','
        << row.traffic.payload_bits << ',' << row.traffic.wire_bits << ',' << row.traffic.frames
        << ',' << row.traffic.messages << ',' << row.traffic.messages_lost << ','
        << format_double(row.traffic.energy_j()) << ',' << format_double(row.compute_energy_j)
        << ',' << format_optional(row.train_loss) << ',' << format_optional(row.test_accuracy)
        << ',' << format_optional(row.consensus_error) << ',' << format_optional(row.test_loss)
        << ',' << format_optional(row.compression_level);
    write_medium_cells(out, row.traffic);
    out << ',' << csv_field(row.bottleneck_link) << ','
        << format_optional(row.bottleneck_utilisation);
    if (optional.node_accuracy) {
      out << ',' << format_optional(row.node_accuracy_mean) << ','
          << format_optional(row.node_accuracy_worst);
    }
    if (optional.live_nodes)
      out << ',' << (row.live_nodes ? std::to_string(*row.live_nodes) : std::string());
    out << '\n';
  }
  return out.str();
}

std::string links_csv(const RunResult& result) {
  std::ostringstream out;
  out << "run,link,bandwidth_bps,bytes,utilisation\n";
  const std::string run = csv_field(result.run_id);
  const double seconds = simtime_to_seconds(result.end_time);
  for (const PhysicalLinkUsage& link : result.physical_links) {
    out << run << ',' << csv_field(link.name) << ',' << format_double(link.bandwidth_bps) << ','
        << format_double(link.carried_bits / 8.0) << ','
        << format_double(seconds > 0 ? link.carried_bits / (link.bandwidth_bps * seconds) : 0.0)
        << '\n';
  }
  return out.str();
}

std::string nodes_csv(const RunResult& result) {
  std::ostringstream out;
  out << "run,round,sim_time_s,node,payload_bits_sent,wire_bits_sent,frames_sent,messages_sent,"
         "messages_lost,sender_energy_j,receiver_energy_j,distance_to_mean"
      << medium_columns_header() << '\n';
  const std::string run = csv_field(result.run_id);
  for (const NodeRow& row : result.node_rows) {
    out << run << ',' << row.round << ',' << format_seconds(row.time) << ',' << row.node << ','
        << row.traffic.payload_bits << ',' << row.traffic.wire_bits << ',' << row.traffic.frames
        << ',' << row.traffic.messages << ',' << row.traffic.messages_lost << ','
        << format_double(row.traffic.sender_energy_j) << ','
        << format_double(row.traffic.receiver_energy_j) << ','
        << format_double(row.distance_to_mean);
    write_medium_cells(out, row.traffic);
    out << '\n';
  }
  return out.str();
}

nlohmann::json summary_json(const RunResult& result, const nlohmann::json& resolved_scenario) {
  nlohmann::json summary;
  summary["run"] = result.run_id;
  summary["complete"] = result.complete;
  summary["stop_reason"] = result.stop_reason;
  summary["stop_detail"] = result.stop_detail;
  summary["rounds_completed"] = result.rounds_completed;
  summary["end_time_s"] = simtime_to_seconds(result.end_time);
  summary["events"] = result.events;
  summary["scenario_hash"] = scenario_hash(resolved_scenario);
  summary["build"] = build_json();
  if (!result.rows.empty())
    put_row(summary, result.rows.back());
  // The row figures are those of the last recorded round; these are the
  // network's when the run ended (a stalled run loses messages after its last row).
  const TrafficCounters& end = result.end_traffic;
  summary["end_traffic"] = {{"messages", end.messages},
                            {"messages_lost", end.messages_lost},
                            {"messages_lost_channel", end.lost_channel},
                            {"messages_lost_link_down", end.lost_link_down},
                            {"messages_lost_node_crashed", end.lost_node_crashed},
                            {"payload_bits", end.payload_bits},
                            {"wire_bits", end.wire_bits},
                            {"frames", end.frames},
                            {"comm_energy_j", end.energy_j()}};
  put_medium_fields(summary["end_traffic"], end);
  const MissingMessageCounters& missing = result.missing_messages;
  summary["missing_messages"] = {{"rounds_timed_out", missing.rounds_timed_out},
                                 {"messages_missing", missing.messages_missing},
                                 {"messages_late", missing.messages_late},
                                 {"retransmissions", missing.retransmissions}};
  if (resolved_scenario["stop"].contains("target")) {
    summary["target_reached"] = result.target_row.has_value();
    if (result.target_row) {
      const SeriesRow& row = result.rows[*result.target_row];
      summary["rounds_to_target"] = row.round;
      summary["time_to_target_s"] = simtime_to_seconds(row.time);
      summary["bits_to_target"] = row.traffic.payload_bits;
      summary["energy_to_target_j"] = row.total_energy_j();
    } else {
      for (const char* key :
           {"rounds_to_target", "time_to_target_s", "bits_to_target", "energy_to_target_j"}) {
        summary[key] = nullptr;
      }
    }
  }
  return summary;
}

void write_run_outputs(const std::string& directory, const RunResult& result,
                       const nlohmann::json& resolved_scenario, const RunProvenance& provenance) {
  std::filesystem::create_directories(directory);
  const std::filesystem::path dir(directory);
  nlohmann::json resolved = resolved_scenario;
  resolved["commsim_version"] = kCommsimVersion;
  // summary.json goes last: a folder with a summary is a finished run.
  std::filesystem::remove(dir / "summary.json");
  write_file_atomically((dir / "scenario.resolved.json").string(), resolved.dump(2) + "\n");
  write_file_atomically((dir / "series.csv").string(), series_csv(result));
  if (!result.physical_links.empty()) {
    write_file_atomically((dir / "links.csv").string(), links_csv(result));
  }
  if (resolved_scenario["record"]["per_node"].get<bool>()) {
    write_file_atomically((dir / "nodes.csv").string(), nodes_csv(result));
  }
  if (!result.trace_json.empty())
    write_file_atomically((dir / "trace.json").string(), result.trace_json);
  nlohmann::json provenance_fields = provenance_json(provenance);
  if (!result.data_origin.empty())
    provenance_fields["data"] = result.data_origin;
  write_file_atomically((dir / "provenance.json").string(), provenance_fields.dump(2) + "\n");
  write_file_atomically((dir / "summary.json").string(),
                        summary_json(result, resolved_scenario).dump(2) + "\n");
}

}  // namespace commsim
