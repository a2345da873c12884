#include "topologies/hyper_hypercube.hpp"

#include "topologies/builders.hpp"
#include "topologies/integer_math.hpp"

namespace commsim {

HyperHypercube::HyperHypercube(std::vector<std::int64_t> factors) : factors_(std::move(factors)) {
  for (const auto f : factors_)
    size_ *= f;
}

std::optional<HyperHypercube> HyperHypercube::for_nodes(std::int64_t n, std::int64_t k) {
  auto factors = greedy_factors(n, k);
  if (!factors)
    return std::nullopt;
  return HyperHypercube(std::move(*factors));
}

// With stride s = n_1...n_{l-1}, the cliques are {b + j*s : j < n_l}
// for every b whose digit l is 0, i.e. b = outer * s * n_l + inner, inner < s.
void HyperHypercube::add_round(RoundLinks& links, NodeSpan nodes, int round) const {
  std::int64_t stride = 1;
  for (int l = 0; l < round; ++l)
    stride *= factors_[l];
  const std::int64_t clique = factors_[round];
  for (std::int64_t outer = 0; outer < size_; outer += stride * clique) {
    for (std::int64_t inner = 0; inner < stride; ++inner) {
      links.add_clique(nodes.every(static_cast<NodeId>(outer + inner), static_cast<NodeId>(stride),
                                   static_cast<NodeId>(clique)));
    }
  }
}

// Non-smooth n is rejected, not approximated (the authors' code
// only warns and returns matrices that do not average).
Topology build_hyper_hypercube(NodeId nodes, const Params& params) {
  const std::int64_t k = params.integer("k");
  const auto schedule = HyperHypercube::for_nodes(nodes, k);
  if (!schedule) {
    throw params.error("", "hyper_hypercube needs every prime factor of nodes to be <= k+1 = " +
                               std::to_string(k + 1) + ", got nodes = " + std::to_string(nodes) +
                               " (prime factor " + std::to_string(largest_prime_factor(nodes)) +
                               ")");
  }
  std::vector<MixingMatrix> period;
  for (int l = 0; l < schedule->length(); ++l) {
    RoundLinks links(nodes);
    schedule->add_round(links, {0, 1, nodes}, l);
    period.push_back(std::move(links).matrix(nodes));
  }
  if (period.empty())
    period.push_back(MixingMatrix::identity(nodes));  // n = 1: one idle round
  return Topology("hyper_hypercube", std::move(period));
}

}  // namespace commsim
