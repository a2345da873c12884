#pragma once
// The files of one run: series.csv, summary.json, scenario.resolved.json
// (and nodes.csv with record.per_node),
// each written atomically, summary.json last (its presence marks a finished run).
#include <string>

#include <nlohmann/json.hpp>

#include "app/run_result.hpp"

namespace commsim {

std::string series_csv(const RunResult& result);
std::string nodes_csv(const RunResult& result);  // record.per_node
nlohmann::json summary_json(const RunResult& result, const nlohmann::json& resolved_scenario);
void write_run_outputs(const std::string& directory, const RunResult& result,
                       const nlohmann::json& resolved_scenario);

}  // namespace commsim
