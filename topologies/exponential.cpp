#include "topologies/builders.hpp"
#include "topologies/integer_math.hpp"

namespace commsim {

// Ying et al. 2021: W[i][i] = W[i][i + 2^t mod n] =
// 1/(tau+1) for t < tau = ceil(log2 n). The offsets are distinct and below n,
// so no two terms collide. A circulant, not symmetric. n = 1 gives [1].
Topology build_exponential(NodeId nodes, const Params& /*params*/) {
  const int tau = ceil_log2(nodes);
  const double weight = 1.0 / (tau + 1.0);
  std::vector<MixingTriplet> entries;
  for (NodeId i = 0; i < nodes; ++i) {
    for (int t = 0; t < tau; ++t)
      entries.push_back({i, (i + (NodeId{1} << t)) % nodes, weight});
  }
  return Topology("exponential", {MixingMatrix::with_self_weights(nodes, std::move(entries))});
}

}  // namespace commsim
