#include "topologies/builders.hpp"
#include "topologies/integer_math.hpp"

namespace commsim {

// In round t < ceil(log2 n), x_i <- (x_i + x_{i + 2^t mod n}) / 2.
// Exact iff n is a power of 2. n = 1: one idle round.
Topology build_one_peer_exponential(NodeId nodes, const Params& /*params*/) {
  std::vector<MixingMatrix> period;
  for (int t = 0; t < ceil_log2(nodes); ++t) {
    const NodeId offset = NodeId{1} << t;
    std::vector<MixingTriplet> entries;
    for (NodeId i = 0; i < nodes; ++i)
      entries.push_back({i, (i + offset) % nodes, 0.5});
    period.push_back(MixingMatrix::with_self_weights(nodes, std::move(entries)));
  }
  if (period.empty())
    period.push_back(MixingMatrix::identity(nodes));
  return Topology("one_peer_exponential", std::move(period));
}

}  // namespace commsim
