#pragma once
// The topology registry: every topology by name, with its parameters and the
// node counts it accepts. Builders throw InputError when n is not allowed.
#include <functional>

#include "sim/net/message.hpp"
#include "sim/params/params.hpp"
#include "sim/params/registry.hpp"
#include "topologies/topology.hpp"

namespace commsim {

using TopologyFactory = std::function<Topology(NodeId nodes, const Params& params)>;

const Registry<TopologyFactory>& topology_registry();

// Validates `block` ({"kind": ..., params...}) at `path` and builds the topology.
// Returns the resolved block through `resolved` when non-null.
Topology make_topology(const nlohmann::json& block, NodeId nodes, const std::string& path,
                       nlohmann::json* resolved = nullptr);

}  // namespace commsim
