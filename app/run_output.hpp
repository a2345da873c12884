#pragma once
// The files of one run: series.csv, summary.json, scenario.resolved.json
// (and nodes.csv with record.per_node, links.csv with a fabric's links_csv),
// provenance.json,
// each written atomically, summary.json last (its presence marks a finished run).
#include <string>

#include <nlohmann/json.hpp>

#include "app/provenance.hpp"
#include "app/run_result.hpp"

namespace commsim {

std::string series_csv(const RunResult& result);
std::string nodes_csv(const RunResult& result);  // record.per_node
std::string links_csv(const RunResult& result);  // network.medium.links_csv
nlohmann::json summary_json(const RunResult& result, const nlohmann::json& resolved_scenario);
// Also writes provenance.json, the one file that differs between reruns.
void write_run_outputs(const std::string& directory, const RunResult& result,
                       const nlohmann::json& resolved_scenario, const RunProvenance& provenance);

}  // namespace commsim
