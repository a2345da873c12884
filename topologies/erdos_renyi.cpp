#include "sim/kernel/rng.hpp"
#include "topologies/builders.hpp"
#include "topologies/graph_weights.hpp"

namespace commsim {

// G(n, p): every pair is an edge with probability p, one uniform draw per
// pair in a fixed order, so a seed gives the same graph on every platform.
// (boost::erdos_renyi_iterator samples a fixed edge count instead, and its
// sorted variant draws geometric skips through the platform's log.)
Topology build_erdos_renyi(NodeId nodes, const Params& params) {
  const double p = params.real("p");
  const auto seed = params.integer("seed");
  Rng rng(static_cast<std::uint64_t>(seed), "topology/erdos_renyi");
  std::vector<Edge> edges;
  for (NodeId u = 0; u < nodes; ++u) {
    for (NodeId v = u + 1; v < nodes; ++v) {
      if (rng.bernoulli(p))
        edges.emplace_back(u, v);
    }
  }
  if (const int parts = count_components(nodes, edges); parts > 1) {
    throw params.error("", "erdos_renyi with p = " + std::to_string(p) + " and seed " +
                               std::to_string(seed) + " drew a disconnected graph (" +
                               std::to_string(parts) + " components); raise p or change the seed");
  }
  return Topology("erdos_renyi", {metropolis_hastings_weights(nodes, edges)});
}

}  // namespace commsim
