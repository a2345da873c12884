#pragma once
// Building blocks of the time-varying schedules (H_k, SB_k, B_k):
// a schedule runs on an ordered list of nodes, and every list the Base family
// needs (groups, blocks, columns of the split form) is an arithmetic
// progression, so a sub-schedule is placed by composing two progressions.
#include <vector>

#include "topologies/mixing_matrix.hpp"

namespace commsim {

// The nodes first, first + stride, ..., first + (size-1) * stride.
struct NodeSpan {
  NodeId first = 0;
  NodeId stride = 1;
  NodeId size = 0;

  NodeId at(NodeId position) const { return first + stride * position; }
  // Positions [start, start + count) of this list, as a list of its own.
  NodeSpan slice(NodeId start, NodeId count) const { return {at(start), stride, count}; }
  // Every `step`-th position from `start`, `count` of them.
  NodeSpan every(NodeId start, NodeId step, NodeId count) const {
    return {at(start), stride * step, count};
  }
};

// The symmetric links of one round; self weights are filled in at the end
// (a node outside every link keeps self weight 1).
class RoundLinks {
 public:
  // Room for one link per node plus the self weights added at the end,
  // which covers a typical Base round without reallocating.
  explicit RoundLinks(NodeId nodes) { links_.reserve(2 * static_cast<std::size_t>(nodes)); }

  // K{...}: each member gets 1/size from every other member.
  void add_clique(NodeSpan members);
  void add_clique(const std::vector<NodeId>& members);
  // One exchange edge u-v with weight w both ways.
  void add_link(NodeId u, NodeId v, double weight);

  MixingMatrix matrix(NodeId nodes) &&;

 private:
  std::vector<MixingTriplet> links_;
};

}  // namespace commsim
