#include "topologies/simple_base_graph.hpp"

#include <algorithm>

#include "topologies/builders.hpp"
#include "topologies/integer_math.hpp"

namespace commsim {

SimpleBaseSchedule::SimpleBaseSchedule(std::int64_t n, std::int64_t k) : k_(k) {
  smooth_ = HyperHypercube::for_nodes(n, k);  // (a) n = 1 has no factors and idles; (b) H_k(n)
  if (smooth_) {
    length_ = std::max(1, smooth_->length());
    return;
  }
  // (c) 1-2: consecutive groups, one per non-zero base-(k+1) digit.
  const auto digits = nonzero_digits(n, k + 1);
  std::int64_t start = 0;
  for (const auto& digit : digits) {
    const std::int64_t block_size = integer_power(k + 1, digit.position);
    const std::int64_t size = digit.value * block_size;
    auto whole = *HyperHypercube::for_nodes(size, k);  // a_l <= k, so V_l is smooth
    const bool on_blocks = digit.position > 0;
    auto per_block =
        on_blocks ? HyperHypercube(std::vector<std::int64_t>(digit.position, k + 1)) : whole;
    groups_.push_back({static_cast<NodeId>(start), static_cast<NodeId>(digit.value),
                       static_cast<NodeId>(block_size), static_cast<NodeId>(n - start),
                       std::move(whole), std::move(per_block), on_blocks});
    start += size;
  }
  // (c) 4: m = T1 + 1 + p_0 with T1 = f_0 = p_0 + [a_0 > 1].
  first_phase_ = groups_.front().whole.length();
  length_ = first_phase_ + 1 + digits.front().position;
}

void SimpleBaseSchedule::add_round(RoundLinks& links, NodeSpan nodes, int round) const {
  if (smooth_) {
    if (smooth_->length() > 0)
      smooth_->add_round(links, nodes, round);
    return;
  }
  if (round < first_phase_) {
    add_phase1_round(links, nodes, round);
    return;
  }
  const int t = round - first_phase_;
  if (t <= static_cast<int>(groups_.size()) - 2)
    add_inner_cliques(links, nodes, t, add_exchange(links, nodes, t));
  add_phase3_round(links, nodes, t);
}

// (c) 5, phase 1: every group runs F_l, shorter schedules wrapping around.
void SimpleBaseSchedule::add_phase1_round(RoundLinks& links, NodeSpan nodes, int round) const {
  for (const auto& group : groups_) {
    if (group.whole.length() == 0)
      continue;  // a group of one node idles
    group.whole.add_round(links, nodes.slice(group.start, group.size()),
                          round % group.whole.length());
  }
}

// (c) 5, exchange step with target group t. Every node of the groups above t
// (highest group first) takes the last node left in each block of V_t; the
// pools shrink in step, so one count tracks all of them. Returns that count.
NodeId SimpleBaseSchedule::add_exchange(RoundLinks& links, NodeSpan nodes, int target) const {
  const Group& to = groups_[target];
  const double weight = static_cast<double>(to.block_size) / static_cast<double>(to.suffix);
  NodeId taken = 0;
  for (auto l = static_cast<int>(groups_.size()) - 1; l > target; --l) {
    const Group& from = groups_[l];
    for (NodeId u = from.start; u < from.start + from.size(); ++u, ++taken) {
      for (NodeId j = 0; j < to.blocks; ++j) {
        const NodeId last_pooled = to.start + j * to.block_size + to.block_size - 1 - taken;
        links.add_link(nodes.at(u), nodes.at(last_pooled), weight);
      }
    }
  }
  return taken;
}

// (c) 5, inner edges of the target group: the nodes still pooled (block 0
// first, each in increasing order) in consecutive chunks of k+1; a lone
// leftover node idles.
void SimpleBaseSchedule::add_inner_cliques(RoundLinks& links, NodeSpan nodes, int target,
                                           NodeId taken) const {
  const Group& to = groups_[target];
  std::vector<NodeId> pooled;
  for (NodeId j = 0; j < to.blocks; ++j) {
    for (NodeId i = 0; i < to.block_size - taken; ++i)
      pooled.push_back(nodes.at(to.start + j * to.block_size + i));
  }
  const auto chunk = static_cast<std::size_t>(std::min<std::int64_t>(k_ + 1, to.size()));
  for (std::size_t first = 0; first + 1 < pooled.size(); first += chunk) {
    const auto last = std::min(first + chunk, pooled.size());
    if (last - first >= 2)
      links.add_clique(std::vector<NodeId>(pooled.begin() + first, pooled.begin() + last));
  }
}

// (c) 5, phase 3: groups below the target, and the last group once every
// exchange is done, run G_l with their own counters (started when they joined).
void SimpleBaseSchedule::add_phase3_round(RoundLinks& links, NodeSpan nodes, int t) const {
  const int last = static_cast<int>(groups_.size()) - 1;
  for (int l = 0; l <= last; ++l) {
    const bool running = l < t || (l == last && t >= last);
    const Group& group = groups_[l];
    if (!running || group.per_block.length() == 0)
      continue;
    const int joined = (l == last) ? last : l + 1;
    const int counter = (t - joined) % group.per_block.length();
    if (!group.phase3_on_blocks) {
      group.per_block.add_round(links, nodes.slice(group.start, group.size()), counter);
      continue;
    }
    for (NodeId j = 0; j < group.blocks; ++j) {
      group.per_block.add_round(
          links, nodes.slice(group.start + j * group.block_size, group.block_size), counter);
    }
  }
}

std::vector<MixingMatrix> simple_base_period(NodeId n, std::int64_t k) {
  const SimpleBaseSchedule schedule(n, k);
  std::vector<MixingMatrix> period;
  for (int round = 0; round < schedule.length(); ++round) {
    RoundLinks links(n);
    schedule.add_round(links, {0, 1, n}, round);
    period.push_back(std::move(links).matrix(n));
  }
  return period;
}

Topology build_simple_base(NodeId nodes, const Params& params) {
  return Topology("simple_base", simple_base_period(nodes, params.integer("k")));
}

}  // namespace commsim
