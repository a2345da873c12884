#pragma once
// The k-peer hyper-hypercube H_k (Takezawa et al.) as a schedule
// on any node list, so the Base family can run it on groups, blocks and columns.
#include <cstdint>
#include <optional>
#include <vector>

#include "topologies/round_links.hpp"

namespace commsim {

class HyperHypercube {
 public:
  // Round l makes cliques of factors[l] positions that differ only in digit l
  // of the mixed-radix position; factors ascending, their product the list size.
  explicit HyperHypercube(std::vector<std::int64_t> factors);
  // H_k on n nodes with the greedy factor list; nullopt when n is not (k+1)-smooth.
  static std::optional<HyperHypercube> for_nodes(std::int64_t n, std::int64_t k);

  // Number of rounds L; 0 for a single node (the caller decides how to idle).
  int length() const { return static_cast<int>(factors_.size()); }
  const std::vector<std::int64_t>& factors() const { return factors_; }
  // Adds round `round` (0-based, < length) on `nodes`.
  void add_round(RoundLinks& links, NodeSpan nodes, int round) const;

 private:
  std::vector<std::int64_t> factors_;
  std::int64_t size_ = 1;
};

}  // namespace commsim
