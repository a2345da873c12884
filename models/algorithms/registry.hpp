#pragma once
// The algorithm registry.
#include <functional>
#include <memory>

#include "models/algorithms/algorithm.hpp"
#include "sim/params/params.hpp"
#include "sim/params/registry.hpp"

namespace commsim {

using AlgorithmFactory =
    std::function<std::unique_ptr<Algorithm>(const Params& params, AlgorithmContext context)>;

// Throws InputError (naming the JSON path) when the algorithm cannot run the
// rest of the resolved scenario: its task, its topology, its node count.
using AlgorithmCheck = std::function<void(const Params& params, const nlohmann::json& scenario,
                                          const Topology& topology)>;

// The nodes and directed links an algorithm's network needs. Most use the
// topology's; a parameter server adds itself as node n with links to each worker.
struct NetworkLayout {
  NodeId nodes = 0;
  std::vector<std::pair<NodeId, NodeId>> links;
};
using LayoutFunction = std::function<NetworkLayout(const Topology& topology)>;
NetworkLayout topology_layout(const Topology& topology);

struct AlgorithmFactoryWithCheck {
  AlgorithmFactory make;
  AlgorithmCheck check;
  LayoutFunction layout = topology_layout;
  // Dimension-sized float vectors each node keeps (model, momentum, gradient,
  // estimates, error memory; a double vector counts 2), for the memory
  // estimate made before a run allocates.
  std::function<double(const Topology& topology)> vectors_per_node = [](const Topology&) {
    return 4.0;
  };
};

const Registry<AlgorithmFactoryWithCheck>& algorithm_registry();

// The scenario's compressor as the checks see it (unbiased? collective?):
// built with the scenario's link, for a small dimension, since neither
// property depends on d.
std::shared_ptr<const Compressor> scenario_compressor(const nlohmann::json& scenario);

}  // namespace commsim
