#pragma once
// The Simple Base-(k+1) graph SB_k (Takezawa et al.) as a
// schedule on any node list; the Base graph runs it on each group of its split.
#include <cstdint>
#include <optional>
#include <vector>

#include "topologies/hyper_hypercube.hpp"
#include "topologies/round_links.hpp"

namespace commsim {

class SimpleBaseSchedule {
 public:
  SimpleBaseSchedule(std::int64_t n, std::int64_t k);

  // Period length: 1 for n = 1, L for smooth n, 2 p_0 + 1 + [a_0 > 1] otherwise.
  int length() const { return length_; }
  // Adds round `round` (0-based, < length) on `nodes` (n of them).
  void add_round(RoundLinks& links, NodeSpan nodes, int round) const;

 private:
  // V_l: a_l blocks of b^{p_l} consecutive positions, from position `start`.
  struct Group {
    NodeId start;
    NodeId blocks;             // a_l
    NodeId block_size;         // b^{p_l}
    NodeId suffix;             // s_l = |V_l| + ... + |V_{L-1}|
    HyperHypercube whole;      // F_l on all of V_l
    HyperHypercube per_block;  // G_l inside every block ([b] * p_l), or F_l when p_l = 0
    bool phase3_on_blocks;
    NodeId size() const { return blocks * block_size; }
  };

  void add_phase1_round(RoundLinks& links, NodeSpan nodes, int round) const;
  NodeId add_exchange(RoundLinks& links, NodeSpan nodes, int target) const;
  void add_inner_cliques(RoundLinks& links, NodeSpan nodes, int target, NodeId taken) const;
  void add_phase3_round(RoundLinks& links, NodeSpan nodes, int t) const;

  std::int64_t k_;
  std::optional<HyperHypercube> smooth_;  // cases (a) and (b)
  std::vector<Group> groups_;             // case (c)
  int first_phase_ = 0;                   // T1 = f_0
  int length_ = 1;
};

// One period of SB_k on the nodes 0..n-1.
std::vector<MixingMatrix> simple_base_period(NodeId n, std::int64_t k);

}  // namespace commsim
