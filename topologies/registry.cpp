#include "topologies/registry.hpp"

#include "topologies/builders.hpp"

namespace commsim {

const Registry<TopologyFactory>& topology_registry() {
  static const Registry<TopologyFactory> registry(
      "topology",
      {
          {{"ring", "Static ring; each node mixes with its two neighbours, weights 1/3", {}, "nodes >= 1"},
           build_ring},
          {{"complete", "Static complete graph, W = J: exact averaging in one round", {}, "nodes >= 1"},
           build_complete},
          {{"one_peer_exponential",
            "Time-varying 1-peer exponential graph: round t averages with node i + 2^t",
            {},
            "nodes >= 2; exact averaging iff nodes is a power of 2"},
           build_one_peer_exponential},
      });
  return registry;
}

Topology make_topology(const nlohmann::json& block, NodeId nodes, const std::string& path,
                       nlohmann::json* resolved) {
  if (!block.is_object() || !block.contains("kind") || !block.at("kind").is_string()) {
    throw InputError(path + ".kind", "missing or not a string; available: " +
                                         join_alternatives(topology_registry().names()));
  }
  const auto& entry = topology_registry().find(block.at("kind").get<std::string>(), path + ".kind");
  nlohmann::json values = resolve_params(block, path, entry.info, "kind");
  Topology topology = entry.make(nodes, Params(values, path));
  if (resolved != nullptr) *resolved = std::move(values);
  return topology;
}

}  // namespace commsim
