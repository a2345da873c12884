#include "topologies/base_graph.hpp"

#include <algorithm>

#include "topologies/builders.hpp"
#include "topologies/hyper_hypercube.hpp"
#include "topologies/integer_math.hpp"
#include "topologies/simple_base_graph.hpp"

namespace commsim {

namespace {
// Length of the split form: m_r + L_q, each counted as 1 when its side has one node.
int split_length(std::int64_t n, std::int64_t q, std::int64_t k) {
  const int hypercube_rounds = HyperHypercube::for_nodes(q, k)->length();
  return SimpleBaseSchedule(n / q, k).length() + std::max(1, hypercube_rounds);
}

std::vector<MixingMatrix> split_rounds(NodeId n, NodeId q, std::int64_t k) {
  const NodeId r = n / q;
  const SimpleBaseSchedule groups(r, k);
  const HyperHypercube columns = *HyperHypercube::for_nodes(q, k);
  std::vector<MixingMatrix> period;
  for (int round = 0; round < groups.length(); ++round) {
    RoundLinks links(n);
    for (NodeId g = 0; g < q; ++g)
      groups.add_round(links, {g * r, 1, r}, round);
    period.push_back(std::move(links).matrix(n));
  }
  for (int round = 0; round < columns.length(); ++round) {
    RoundLinks links(n);
    for (NodeId c = 0; c < r; ++c)
      columns.add_round(links, {c, r, q}, round);
    period.push_back(std::move(links).matrix(n));
  }
  return period;
}

}  // namespace

// SB_k(n) only when strictly shorter; ties go to the split form.
// The "best" rule then takes a strictly shorter split with a smaller smooth q
// when one exists (largest such q first), so it never differs without gain.
BaseSplit choose_base_split(std::int64_t n, std::int64_t k, BaseSplitRule rule) {
  const std::int64_t q = smooth_part(n, k + 1);
  BaseSplit plain{1, SimpleBaseSchedule(n, k).length()};
  BaseSplit chosen = plain;
  if (q > 1 && q < n) {
    const int split = split_length(n, q, k);
    if (plain.length >= split)
      chosen = {q, split};
  }
  if (rule == BaseSplitRule::kBest) {
    const auto candidates = divisors(q);
    for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
      if (*it == 1 || *it == n)
        continue;
      const int split = split_length(n, *it, k);
      if (split < chosen.length)
        chosen = {*it, split};
    }
  }
  return chosen;
}

Topology build_base(NodeId nodes, const Params& params) {
  const std::int64_t k = params.integer("k");
  const auto rule = params.text("split") == "best" ? BaseSplitRule::kBest : BaseSplitRule::kPaper;
  const BaseSplit split = choose_base_split(nodes, k, rule);
  if (split.groups == 1)
    return Topology("base", simple_base_period(nodes, k));
  return Topology("base", split_rounds(nodes, static_cast<NodeId>(split.groups), k));
}

}  // namespace commsim
