#include <optional>

#include <boost/graph/adjacency_list.hpp>

#include "sim/kernel/rng.hpp"
#include "topologies/builders.hpp"
#include "topologies/graph_weights.hpp"

namespace commsim {

namespace {
using SimpleGraph = boost::adjacency_list<boost::setS, boost::vecS, boost::undirectedS>;

constexpr int kAttempts = 1000;  // whole pairings tried before giving up
constexpr int kPairTries = 100;  // random stub pairs tried before restarting

// Pairing (configuration) model, pair by pair: join two random free stubs
// unless that makes a loop or a repeated edge; when no good pair turns up,
// start over. Returns the edges, or nothing when this attempt got stuck.
std::optional<std::vector<Edge>> try_pairing(NodeId nodes, NodeId degree, Rng& rng) {
  std::vector<NodeId> stubs;
  for (NodeId v = 0; v < nodes; ++v)
    stubs.insert(stubs.end(), static_cast<std::size_t>(degree), v);
  SimpleGraph graph(static_cast<std::size_t>(nodes));
  std::vector<Edge> edges;
  while (!stubs.empty()) {
    bool paired = false;
    for (int attempt = 0; attempt < kPairTries && !paired; ++attempt) {
      const auto a = rng.uniform_below(stubs.size());
      const auto b = rng.uniform_below(stubs.size());
      const NodeId u = stubs[a], v = stubs[b];
      if (u == v || boost::edge(u, v, graph).second)
        continue;
      boost::add_edge(u, v, graph);
      edges.emplace_back(u, v);
      // Remove the larger index first so the smaller one stays valid.
      for (const auto index : {std::max(a, b), std::min(a, b)}) {
        stubs[index] = stubs.back();
        stubs.pop_back();
      }
      paired = true;
    }
    if (!paired)
      return std::nullopt;
  }
  return edges;
}
}  // namespace

Topology build_random_regular(NodeId nodes, const Params& params) {
  const auto degree = params.integer("degree");
  if (degree >= nodes || (degree * nodes) % 2 != 0) {
    throw params.error("degree",
                       "random_regular needs degree < nodes and degree * nodes even, got degree " +
                           std::to_string(degree) + " with nodes = " + std::to_string(nodes));
  }
  if (degree == 1 && nodes > 2) {
    throw params.error("degree",
                       "random_regular with degree 1 is disconnected for nodes > 2, got nodes = " +
                           std::to_string(nodes));
  }
  const auto seed = params.integer("seed");
  Rng rng(static_cast<std::uint64_t>(seed), "topology/random_regular");
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const auto edges = try_pairing(nodes, static_cast<NodeId>(degree), rng);
    if (edges && count_components(nodes, *edges) == 1) {
      return Topology("random_regular", {metropolis_hastings_weights(nodes, *edges)});
    }
  }
  throw params.error("", "random_regular found no connected simple " + std::to_string(degree) +
                             "-regular graph on " + std::to_string(nodes) + " nodes in " +
                             std::to_string(kAttempts) + " attempts with seed " +
                             std::to_string(seed));
}

}  // namespace commsim
