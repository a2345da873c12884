#include "topologies/builders.hpp"

namespace commsim {

// spec/topologies.md 2.1: each distinct neighbour and the node itself get 1/(deg+1).
Topology build_ring(NodeId nodes, const Params& /*params*/) {
  std::vector<MixingTriplet> entries;
  for (NodeId i = 0; i < nodes; ++i) {
    std::vector<NodeId> neighbours;
    for (const NodeId j : {(i + nodes - 1) % nodes, (i + 1) % nodes}) {
      if (j != i && (neighbours.empty() || neighbours.front() != j)) neighbours.push_back(j);
    }
    const double weight = 1.0 / static_cast<double>(neighbours.size() + 1);
    for (const NodeId j : neighbours) entries.push_back({i, j, weight});
  }
  return Topology("ring", {MixingMatrix::with_self_weights(nodes, std::move(entries))});
}

}  // namespace commsim
