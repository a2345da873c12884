#include "topologies/builders.hpp"

namespace commsim {

// W = J.
Topology build_complete(NodeId nodes, const Params& /*params*/) {
  std::vector<MixingTriplet> entries;
  const double weight = 1.0 / static_cast<double>(nodes);
  for (NodeId i = 0; i < nodes; ++i) {
    for (NodeId j = 0; j < nodes; ++j)
      entries.push_back({i, j, weight});
  }
  return Topology("complete", {MixingMatrix(nodes, std::move(entries))});
}

}  // namespace commsim
