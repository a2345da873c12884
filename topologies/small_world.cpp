#include <boost/graph/adjacency_list.hpp>

#include "sim/kernel/rng.hpp"
#include "topologies/builders.hpp"
#include "topologies/graph_weights.hpp"

namespace commsim {

namespace {
using SimpleGraph = boost::adjacency_list<boost::setS, boost::vecS, boost::undirectedS>;

// Watts-Strogatz: the ring lattice where each node links to its `half`
// nearest nodes on either side, then each lattice edge (u, u+j) is moved, with
// probability `rewire`, to (u, w) for a uniform w that is neither u nor
// already a neighbour. Draws come from Rng in a fixed order (no <random>
// distributions, unlike boost::small_world_iterator), so seeds are portable.
std::vector<Edge> watts_strogatz(NodeId nodes, NodeId half, double rewire, Rng& rng) {
  const auto n = static_cast<std::size_t>(nodes);
  SimpleGraph graph(n);
  for (std::size_t u = 0; u < n; ++u) {
    for (NodeId j = 1; j <= half; ++j)
      boost::add_edge(u, (u + j) % n, graph);
  }
  for (NodeId j = 1; j <= half; ++j) {
    for (std::size_t u = 0; u < n; ++u) {
      if (!rng.bernoulli(rewire) || boost::out_degree(u, graph) + 1 >= n)
        continue;
      std::size_t w = rng.uniform_below(n);
      while (w == u || boost::edge(u, w, graph).second)
        w = rng.uniform_below(n);
      boost::remove_edge(u, (u + j) % n, graph);
      boost::add_edge(u, w, graph);
    }
  }
  std::vector<Edge> edges;
  for (const auto e : boost::make_iterator_range(boost::edges(graph))) {
    edges.emplace_back(static_cast<NodeId>(boost::source(e, graph)),
                       static_cast<NodeId>(boost::target(e, graph)));
  }
  return edges;
}
}  // namespace

Topology build_small_world(NodeId nodes, const Params& params) {
  const auto neighbours = params.integer("neighbours");
  if (neighbours % 2 != 0) {
    throw params.error("neighbours",
                       "small_world needs an even number of lattice neighbours, got " +
                           std::to_string(neighbours));
  }
  if (neighbours >= nodes) {
    throw params.error(
        "neighbours", "small_world needs neighbours < nodes = " + std::to_string(nodes) + ", got " +
                          std::to_string(neighbours));
  }
  const auto seed = params.integer("seed");
  Rng rng(static_cast<std::uint64_t>(seed), "topology/small_world");
  const auto edges =
      watts_strogatz(nodes, static_cast<NodeId>(neighbours / 2), params.real("rewire"), rng);
  if (const int parts = count_components(nodes, edges); parts > 1) {
    throw params.error("", "small_world with seed " + std::to_string(seed) +
                               " drew a disconnected graph (" + std::to_string(parts) +
                               " components); lower rewire, raise neighbours or change the seed");
  }
  return Topology("small_world", {metropolis_hastings_weights(nodes, edges)});
}

}  // namespace commsim
