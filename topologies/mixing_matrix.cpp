#include "topologies/mixing_matrix.hpp"

#include <algorithm>
#include <stdexcept>

namespace commsim {

namespace {
// Compressed-row offsets from per-row counts.
std::vector<std::size_t> offsets_from_counts(const std::vector<std::size_t>& counts) {
  std::vector<std::size_t> start(counts.size() + 1, 0);
  for (std::size_t i = 0; i < counts.size(); ++i) start[i + 1] = start[i] + counts[i];
  return start;
}
}  // namespace

MixingMatrix::MixingMatrix(NodeId nodes, std::vector<MixingTriplet> entries) : nodes_(nodes) {
  for (const auto& e : entries) {
    if (e.row < 0 || e.row >= nodes || e.column < 0 || e.column >= nodes) {
      throw std::logic_error("MixingMatrix: entry outside the matrix");
    }
  }
  std::sort(entries.begin(), entries.end(), [](const MixingTriplet& a, const MixingTriplet& b) {
    return a.row != b.row ? a.row < b.row : a.column < b.column;
  });
  const auto n = static_cast<std::size_t>(nodes);
  std::vector<std::size_t> row_counts(n, 0), sender_counts(n, 0), receiver_counts(n, 0);
  std::vector<MixingTriplet> merged;
  for (const auto& e : entries) {
    if (!merged.empty() && merged.back().row == e.row && merged.back().column == e.column) {
      merged.back().weight += e.weight;
    } else {
      merged.push_back(e);
    }
  }
  std::erase_if(merged, [](const MixingTriplet& e) { return e.weight == 0.0; });
  for (const auto& e : merged) {
    ++row_counts[e.row];
    if (e.row != e.column) {
      ++sender_counts[e.row];
      ++receiver_counts[e.column];
    }
  }
  row_start_ = offsets_from_counts(row_counts);
  sender_start_ = offsets_from_counts(sender_counts);
  receiver_start_ = offsets_from_counts(receiver_counts);
  entries_.reserve(merged.size());
  senders_.resize(sender_start_.back());
  receivers_.resize(receiver_start_.back());
  std::vector<std::size_t> sender_fill(sender_start_.begin(), sender_start_.end() - 1);
  std::vector<std::size_t> receiver_fill(receiver_start_.begin(), receiver_start_.end() - 1);
  // `merged` is sorted by (row, column), so every list comes out sorted.
  for (const auto& e : merged) {
    entries_.push_back(MixingEntry{e.column, e.weight});
    if (e.row != e.column) {
      senders_[sender_fill[e.row]++] = e.column;
      receivers_[receiver_fill[e.column]++] = e.row;
    }
  }
}

MixingMatrix MixingMatrix::with_self_weights(NodeId nodes, std::vector<MixingTriplet> off_diagonal) {
  std::vector<double> row_sum(static_cast<std::size_t>(nodes), 0.0);
  for (const auto& e : off_diagonal) {
    if (e.row == e.column) throw std::logic_error("with_self_weights: diagonal entry given");
    row_sum.at(static_cast<std::size_t>(e.row)) += e.weight;
  }
  for (NodeId i = 0; i < nodes; ++i) off_diagonal.push_back({i, i, 1.0 - row_sum[i]});
  return MixingMatrix(nodes, std::move(off_diagonal));
}

MixingMatrix MixingMatrix::identity(NodeId nodes) { return with_self_weights(nodes, {}); }

std::span<const MixingEntry> MixingMatrix::row(NodeId i) const {
  return {entries_.data() + row_start_[i], row_start_[i + 1] - row_start_[i]};
}
std::span<const NodeId> MixingMatrix::senders_to(NodeId i) const {
  return {senders_.data() + sender_start_[i], sender_start_[i + 1] - sender_start_[i]};
}
std::span<const NodeId> MixingMatrix::receivers_of(NodeId j) const {
  return {receivers_.data() + receiver_start_[j], receiver_start_[j + 1] - receiver_start_[j]};
}

double MixingMatrix::weight(NodeId i, NodeId j) const {
  const auto entries = row(i);
  const auto it = std::lower_bound(entries.begin(), entries.end(), j,
                                   [](const MixingEntry& e, NodeId value) { return e.from < value; });
  return (it != entries.end() && it->from == j) ? it->weight : 0.0;
}

std::vector<MixingTriplet> MixingMatrix::triplets() const {
  std::vector<MixingTriplet> result;
  result.reserve(entries_.size());
  for (NodeId i = 0; i < nodes_; ++i) {
    for (const auto& e : row(i)) result.push_back({i, e.from, e.weight});
  }
  return result;
}

}  // namespace commsim
