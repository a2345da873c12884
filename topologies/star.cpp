#include "topologies/builders.hpp"
#include "topologies/graph_weights.hpp"

namespace commsim {

// Node 0 is the centre. Metropolis-Hastings gives every edge 1/n: the centre
// keeps 1/n, each leaf keeps 1 - 1/n.
Topology build_star(NodeId nodes, const Params& /*params*/) {
  std::vector<Edge> edges;
  for (NodeId leaf = 1; leaf < nodes; ++leaf)
    edges.emplace_back(0, leaf);
  return Topology("star", {metropolis_hastings_weights(nodes, edges)});
}

}  // namespace commsim
