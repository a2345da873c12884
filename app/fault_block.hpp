#pragma once
// The scenario's "faults" block: scheduled link outages and node crashes,
// random link failures and node crashes with seeded exponential times, all
// checked against the network the algorithm builds (its node count and links).
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/net/fault_schedule.hpp"
#include "sim/params/param_spec.hpp"

namespace commsim {

PluginInfo faults_info();       // the block's scalar keys
PluginInfo link_outage_info();  // one entry of faults.links_down
PluginInfo node_crash_info();   // one entry of faults.crashes

// Validates `block` (errors name the JSON path, e.g. faults.crashes[1].node)
// and returns it with every default filled in. `links` are the network's
// directed links; an outage of a link that does not exist is an error.
nlohmann::json resolve_faults(const nlohmann::json& block, NodeId nodes,
                              const std::vector<std::pair<NodeId, NodeId>>& links);
// The resolved block as the engine's configuration.
FaultConfig make_fault_config(const nlohmann::json& resolved);

}  // namespace commsim
