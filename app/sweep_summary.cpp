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

// A swept block such as "compressor": {"kind": "top_k", "ratio": 0.01} becomes
// the columns compressor.kind and compressor.ratio; lists stay one JSON cell.
void flatten(const std::string& path, const nlohmann::json& value,
             std::vector<std::pair<std::string, nlohmann::json>>& out) {
  if (!value.is_object() || value.empty()) {
    out.emplace_back(path, value);
    return;
  }
  for (const auto& [key, member] : value.items())
    flatten(path + "." + key, member, out);
}

std::vector<std::pair<std::string, nlohmann::json>> flat_swept(const SweepRun& run) {
  std::vector<std::pair<std::string, nlohmann::json>> cells;
  for (const auto& [path, value] : run.swept)
    flatten(path, value, cells);
  return cells;
}

// The swept columns of all runs in order of first appearance: a run of one of
// several grids, or with a smaller block, leaves the others' cells empty.
std::vector<std::string> swept_columns(const std::vector<std::string>& swept_paths,
                                       const std::vector<SweepRun>& runs) {
  std::vector<std::string> columns;
  for (const auto& path : swept_paths) {
    for (const auto& run : runs) {
      for (const auto& [column, value] : flat_swept(run)) {
        const bool under_path = column == path || column.rfind(path + ".", 0) == 0;
        if (under_path && std::find(columns.begin(), columns.end(), column) == columns.end())
          columns.push_back(column);
      }
    }
  }
  return columns;
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

nlohmann::json sweep_manifest(const std::string& name, const std::vector<SweepRun>& runs,
                              const std::vector<std::pair<std::string, std::string>>& invalid) {
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& run : runs) {
    nlohmann::json swept = nlohmann::json::object();
    for (const auto& [column, value] : flat_swept(run))
      swept[column] = value;
    listed.push_back({{"run", run.id},
                      {"index", run.index},
                      {"labels", run.labels},
                      {"swept", std::move(swept)}});
  }
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& [id, why] : invalid)
    skipped.push_back({{"run", id}, {"why", why}});
  return {{"sweep", name}, {"runs", std::move(listed)}, {"skipped_invalid", std::move(skipped)}};
}

std::vector<std::filesystem::path> stale_run_folders(const std::filesystem::path& sweep_folder,
                                                     const std::vector<SweepRun>& runs) {
  std::vector<std::filesystem::path> stale;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(sweep_folder, error)) {
    if (!entry.is_directory())
      continue;
    const auto& folder = entry.path();
    const bool run_folder = std::filesystem::exists(folder / "summary.json") ||
                            std::filesystem::exists(folder / "series.csv") ||
                            std::filesystem::exists(folder / "scenario.resolved.json");
    const std::string name = folder.filename().string();
    const bool listed =
        std::any_of(runs.begin(), runs.end(), [&](const SweepRun& run) { return run.id == name; });
    if (run_folder && !listed)
      stale.push_back(folder);
  }
  std::sort(stale.begin(), stale.end());
  return stale;
}

std::string sweep_summary_csv(const std::filesystem::path& sweep_folder,
                              const std::vector<std::string>& swept_paths,
                              const std::vector<SweepRun>& runs) {
  std::ostringstream out;
  // A label column when any swept value carries one: the labels, joined.
  const bool labelled = std::any_of(runs.begin(), runs.end(),
                                    [](const SweepRun& run) { return !run.labels.empty(); });
  const std::vector<std::string> swept = swept_columns(swept_paths, runs);
  out << "run";
  if (labelled)
    out << ",label";
  for (const auto& column : swept)
    out << ',' << csv_field(column);
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
    const auto cells = flat_swept(run);
    for (const auto& column : swept) {
      const auto it = std::find_if(cells.begin(), cells.end(),
                                   [&](const auto& entry) { return entry.first == column; });
      out << ',' << (it == cells.end() ? std::string() : cell(it->second));
    }
    for (const auto& figure : columns) {
      out << ',' << (summary && summary->contains(figure) ? cell(summary->at(figure)) : "");
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace commsim
