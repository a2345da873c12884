#include "topologies/builders.hpp"

namespace commsim {

namespace {
// ceil(log2 n) as the bit length of n - 1: integer arithmetic only.
int ceil_log2(NodeId n) {
  int bits = 0;
  for (auto value = static_cast<std::uint32_t>(n - 1); value != 0; value >>= 1) ++bits;
  return bits;
}
}  // namespace

// spec/topologies.md 3.1: in round t, x_i <- (x_i + x_{i + 2^t mod n}) / 2.
Topology build_one_peer_exponential(NodeId nodes, const Params& params) {
  if (nodes < 2) throw params.error("", "one_peer_exponential needs nodes >= 2, got " + std::to_string(nodes));
  std::vector<MixingMatrix> period;
  for (int t = 0; t < ceil_log2(nodes); ++t) {
    const NodeId offset = NodeId{1} << t;
    std::vector<MixingTriplet> entries;
    for (NodeId i = 0; i < nodes; ++i) entries.push_back({i, (i + offset) % nodes, 0.5});
    period.push_back(MixingMatrix::with_self_weights(nodes, std::move(entries)));
  }
  return Topology("one_peer_exponential", std::move(period));
}

}  // namespace commsim
