#include "app/sweep_summary.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "app/csv.hpp"
#include "app/medium_columns.hpp"

namespace commsim {

namespace {
const std::vector<std::string> kFigures = {"complete",
                                           "stop_reason",
                                           "rounds_completed",
                                           "sim_time_s",
                                           "payload_bits",
                                           "wire_bits",
                                           "frames",
                                           "messages",
                                           "messages_lost",
                                           "comm_energy_j",
                                           "compute_energy_j",
                                           "train_loss",
                                           "test_accuracy",
                                           "consensus_error",
                                           "test_loss",
                                           "target_reached",
                                           "rounds_to_target",
                                           "time_to_target_s",
                                           "bits_to_target",
                                           "energy_to_target_j",
                                           "messages_lost_channel",
                                           "messages_lost_link_down",
                                           "messages_lost_node_crashed"};

// The summary's figures, then the shared medium's counters, then the
// sentence that says how the run ended.
std::vector<std::string> figures() {
  std::vector<std::string> all = kFigures;
  for (const auto& name : medium_column_names())
    all.push_back(name);
  all.push_back("stop_detail");
  return all;
}

std::string cell(const nlohmann::json& value) {
  if (value.is_null())
    return "";
  if (value.is_string())
    return csv_field(value.get<std::string>());
  return csv_field(value.dump());
}
}  // namespace

std::optional<nlohmann::json> read_summary(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json summary = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (summary.is_discarded() || !summary.is_object())
    return std::nullopt;
  return summary;
}

std::string sweep_summary_csv(const std::filesystem::path& sweep_folder,
                              const std::vector<std::string>& swept_paths,
                              const std::vector<SweepRun>& runs) {
  std::ostringstream out;
  // A label column when any swept value carries one: the labels, joined.
  const bool labelled = std::any_of(runs.begin(), runs.end(),
                                    [](const SweepRun& run) { return !run.labels.empty(); });
  out << "run";
  if (labelled)
    out << ",label";
  for (const auto& path : swept_paths)
    out << ',' << csv_field(path);
  const std::vector<std::string> columns = figures();
  for (const auto& figure : columns)
    out << ',' << figure;
  out << '\n';
  for (const auto& run : runs) {
    const auto summary = read_summary(sweep_folder / run.id / "summary.json");
    out << csv_field(run.id);
    if (labelled) {
      std::string label;
      for (const auto& part : run.labels)
        label += (label.empty() ? "" : ", ") + part;
      out << ',' << csv_field(label);
    }
    // A run of one of several grids has no value for the others' paths.
    for (const auto& path : swept_paths) {
      const auto it = std::find_if(run.swept.begin(), run.swept.end(),
                                   [&](const auto& entry) { return entry.first == path; });
      out << ',' << (it == run.swept.end() ? std::string() : cell(it->second));
    }
    for (const auto& figure : columns) {
      out << ',' << (summary && summary->contains(figure) ? cell(summary->at(figure)) : "");
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace commsim
