#pragma once
// summary.csv of a sweep: one row per run, the swept values as columns (a
// swept block flattened into dotted columns such as compressor.ratio), then
// the figures of each run's summary.json (so resumed runs are included); and
// manifest.json, the list of the sweep's runs that readers trust over the
// folders they find (an edited sweep leaves its old runs' folders behind).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/sweep.hpp"

namespace commsim {

// The parsed summary.json, or nothing when it is missing or not valid JSON.
std::optional<nlohmann::json> read_summary(const std::filesystem::path& file);

// {"sweep", "runs": [{"run", "index", "labels", "swept": {dotted path: value}}],
//  "skipped_invalid": [{"run", "why"}]}
nlohmann::json sweep_manifest(const std::string& name, const std::vector<SweepRun>& runs,
                              const std::vector<std::pair<std::string, std::string>>& invalid);

// The run folders (holding a summary.json, series.csv or scenario.resolved.json)
// in `sweep_folder` whose name is not one of `runs`, sorted.
std::vector<std::filesystem::path> stale_run_folders(const std::filesystem::path& sweep_folder,
                                                     const std::vector<SweepRun>& runs);

std::string sweep_summary_csv(const std::filesystem::path& sweep_folder,
                              const std::vector<std::string>& swept_paths,
                              const std::vector<SweepRun>& runs);

}  // namespace commsim
