#include "topologies/builders.hpp"
#include "topologies/graph_weights.hpp"

namespace commsim {

// Node i links to i-1 and i+1 (mod n); each distinct
// neighbour and the node itself get 1/(deg+1), so n = 2 is one edge of 1/2
// and n = 1 is [1].
Topology build_ring(NodeId nodes, const Params& /*params*/) {
  std::vector<Edge> edges;
  for (NodeId i = 0; i < nodes; ++i)
    edges.emplace_back(i, (i + 1) % nodes);
  return Topology("ring", {equal_neighbour_weights(nodes, edges)});
}

}  // namespace commsim
