#pragma once
// summary.csv of a sweep: one row per run, the swept values as columns, then
// the figures of each run's summary.json (so resumed runs are included).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/sweep.hpp"

namespace commsim {

// The parsed summary.json, or nothing when it is missing or not valid JSON.
std::optional<nlohmann::json> read_summary(const std::filesystem::path& file);

std::string sweep_summary_csv(const std::filesystem::path& sweep_folder,
                              const std::vector<std::string>& swept_paths,
                              const std::vector<SweepRun>& runs);

}  // namespace commsim
