#pragma once
// A scenario: the user's JSON, validated against every registry and with
// every default filled in. Validation builds the topology and link model, so
// an impossible combination (a hypercube on 6 nodes) is caught before a run.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/link_overrides.hpp"
#include "sim/net/link_model.hpp"
#include "sim/params/param_spec.hpp"
#include "topologies/topology.hpp"

namespace commsim {

struct Scenario {
  nlohmann::json resolved;  // the full scenario, defaults filled in
  std::string name;
  std::uint64_t seed = 1;
  NodeId nodes = 0;
  std::shared_ptr<const Topology> topology;
  std::shared_ptr<const LinkModel> link;
  std::vector<LinkOverride> link_overrides;  // other models for chosen nodes' links or edges
};

// Makes the scenario's relative file paths (task.path, task.test_path,
// task.data_dir, topology.file, network.medium.edges_file and positions_file)
// relative to `directory`, the folder of the file that names them, as ns-3
// and OMNeT++ users expect; absolute paths stay.
void resolve_relative_paths(nlohmann::json& raw, const std::filesystem::path& directory);

// Parses scenario text (a JSON object); `file` names it in errors.
nlohmann::json parse_scenario_json(const std::string& text, const std::string& file);
// Reads and parses a scenario file; applies "PATH=VALUE" overrides.
nlohmann::json load_scenario_json(const std::string& file,
                                  const std::vector<std::string>& overrides);
// Validates `raw`; errors name the JSON path. `default_name` is used when the
// scenario has no "name".
Scenario resolve_scenario(const nlohmann::json& raw, const std::string& default_name);
// The top-level keys with their help, for `commsim list` and the docs.
const std::vector<std::pair<std::string, std::string>>& scenario_blocks();
// The blocks that are not plugins (top level, network, compute, stop, record).
std::vector<PluginInfo> settings_blocks();

}  // namespace commsim
