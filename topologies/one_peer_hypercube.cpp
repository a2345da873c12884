#include "topologies/builders.hpp"
#include "topologies/integer_math.hpp"

namespace commsim {

// In round t < log2 n, node i averages with i XOR 2^t.
// n = 1: one idle round.
Topology build_one_peer_hypercube(NodeId nodes, const Params& params) {
  if (!is_power_of_two(nodes)) {
    throw params.error(
        "", "one_peer_hypercube needs nodes to be a power of 2, got " + std::to_string(nodes));
  }
  std::vector<MixingMatrix> period;
  for (int t = 0; t < ceil_log2(nodes); ++t) {
    std::vector<MixingTriplet> entries;
    for (NodeId i = 0; i < nodes; ++i)
      entries.push_back({i, i ^ (NodeId{1} << t), 0.5});
    period.push_back(MixingMatrix::with_self_weights(nodes, std::move(entries)));
  }
  if (period.empty())
    period.push_back(MixingMatrix::identity(nodes));
  return Topology("one_peer_hypercube", std::move(period));
}

}  // namespace commsim
