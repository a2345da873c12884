#pragma once
// One gossip round as a sparse matrix W: node i replaces its vector by
// sum_j W[i][j] x_j. Row i lists what node i receives (self weight included);
// the column view lists to whom node j must send.
#include <cstdint>
#include <span>
#include <vector>

#include "sim/net/message.hpp"

namespace commsim {

struct MixingEntry {
  NodeId from;  // j in W[i][j]
  double weight;
};

struct MixingTriplet {
  NodeId row;     // i: the receiver
  NodeId column;  // j: the sender
  double weight;
};

class MixingMatrix {
 public:
  MixingMatrix() = default;
  // Builds from any list of entries (duplicates are summed, zeros dropped).
  // Self weights are taken as given; use `with_self_weights` to fill them in.
  MixingMatrix(NodeId nodes, std::vector<MixingTriplet> entries);
  // Entries off the diagonal only; each self weight becomes 1 - sum of the row.
  static MixingMatrix with_self_weights(NodeId nodes, std::vector<MixingTriplet> off_diagonal);
  static MixingMatrix identity(NodeId nodes);

  NodeId nodes() const { return nodes_; }
  std::span<const MixingEntry> row(NodeId i) const;      // sorted by sender, self included
  std::span<const NodeId> senders_to(NodeId i) const;    // j != i with W[i][j] != 0
  std::span<const NodeId> receivers_of(NodeId j) const;  // i != j with W[i][j] != 0
  double weight(NodeId i, NodeId j) const;               // 0 when absent
  std::size_t nonzeros() const { return entries_.size(); }
  std::vector<MixingTriplet> triplets() const;
  std::size_t memory_bytes() const {
    return (row_start_.size() + sender_start_.size() + receiver_start_.size()) *
               sizeof(std::size_t) +
           entries_.size() * sizeof(MixingEntry) +
           (senders_.size() + receivers_.size()) * sizeof(NodeId);
  }

 private:
  void build_sender_lists();

  NodeId nodes_ = 0;
  std::vector<std::size_t> row_start_;
  std::vector<MixingEntry> entries_;
  std::vector<std::size_t> sender_start_;
  std::vector<NodeId> senders_;
  std::vector<std::size_t> receiver_start_;
  std::vector<NodeId> receivers_;
};

}  // namespace commsim
