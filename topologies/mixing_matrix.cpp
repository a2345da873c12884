#include "topologies/mixing_matrix.hpp"

#include <algorithm>
#include <stdexcept>

namespace commsim {

namespace {
// Compressed-row offsets from per-row counts.
std::vector<std::size_t> offsets_from_counts(const std::vector<std::size_t>& counts) {
  std::vector<std::size_t> start(counts.size() + 1, 0);
  for (std::size_t i = 0; i < counts.size(); ++i)
    start[i + 1] = start[i] + counts[i];
  return start;
}

// Sorts one row by sender (stable, so duplicates are summed in the order
// given), sums duplicates and drops zeros; returns the new row length.
std::size_t tidy_row(MixingEntry* first, MixingEntry* last) {
  const auto by_sender = [](const MixingEntry& a, const MixingEntry& b) { return a.from < b.from; };
  if (last - first > 32) {
    std::stable_sort(first, last, by_sender);
  } else {
    // Most rows are a handful of entries: an insertion sort allocates nothing.
    for (MixingEntry* e = first + (first != last ? 1 : 0); e < last; ++e) {
      for (MixingEntry* p = e; p != first && by_sender(*p, *(p - 1)); --p)
        std::swap(*p, *(p - 1));
    }
  }
  MixingEntry* out = first;
  for (MixingEntry* e = first; e != last;) {
    MixingEntry sum = *e;
    for (++e; e != last && e->from == sum.from; ++e)
      sum.weight += e->weight;
    if (sum.weight != 0.0)
      *out++ = sum;
  }
  return static_cast<std::size_t>(out - first);
}
}  // namespace

// A counting sort by row straight into the compressed rows, then a small sort
// inside each row: linear in the number of entries, no intermediate copies.
MixingMatrix::MixingMatrix(NodeId nodes, std::vector<MixingTriplet> entries) : nodes_(nodes) {
  const auto n = static_cast<std::size_t>(nodes);
  std::vector<std::size_t> row_counts(n, 0);
  for (const auto& e : entries) {
    if (e.row < 0 || e.row >= nodes || e.column < 0 || e.column >= nodes) {
      throw std::logic_error("MixingMatrix: entry outside the matrix");
    }
    ++row_counts[static_cast<std::size_t>(e.row)];
  }
  std::vector<std::size_t> fill = offsets_from_counts(row_counts);
  entries_.resize(entries.size());
  for (const auto& e : entries)
    entries_[fill[static_cast<std::size_t>(e.row)]++] = MixingEntry{e.column, e.weight};
  entries = {};
  // Tidy every row and compact the rows towards the front.
  std::size_t kept = 0, begin = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t length =
        tidy_row(entries_.data() + begin, entries_.data() + begin + row_counts[i]);
    std::copy_n(entries_.begin() + static_cast<std::ptrdiff_t>(begin), length,
                entries_.begin() + static_cast<std::ptrdiff_t>(kept));
    begin += row_counts[i];
    row_counts[i] = length;
    kept += length;
  }
  entries_.resize(kept);
  entries_.shrink_to_fit();
  row_start_ = offsets_from_counts(row_counts);
  build_sender_lists();
}

// Off-diagonal entries by row (senders) and by column (receivers); rows are
// sorted by sender and visited in order, so every list comes out sorted.
void MixingMatrix::build_sender_lists() {
  const auto n = static_cast<std::size_t>(nodes_);
  std::vector<std::size_t> sender_counts(n, 0), receiver_counts(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& e : row(static_cast<NodeId>(i))) {
      if (static_cast<std::size_t>(e.from) == i)
        continue;
      ++sender_counts[i];
      ++receiver_counts[static_cast<std::size_t>(e.from)];
    }
  }
  sender_start_ = offsets_from_counts(sender_counts);
  receiver_start_ = offsets_from_counts(receiver_counts);
  senders_.resize(sender_start_.back());
  receivers_.resize(receiver_start_.back());
  std::vector<std::size_t> receiver_fill(receiver_start_.begin(), receiver_start_.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t sender_fill = sender_start_[i];
    for (const auto& e : row(static_cast<NodeId>(i))) {
      if (static_cast<std::size_t>(e.from) == i)
        continue;
      senders_[sender_fill++] = e.from;
      receivers_[receiver_fill[static_cast<std::size_t>(e.from)]++] = static_cast<NodeId>(i);
    }
  }
}

MixingMatrix MixingMatrix::with_self_weights(NodeId nodes,
                                             std::vector<MixingTriplet> off_diagonal) {
  std::vector<double> row_sum(static_cast<std::size_t>(nodes), 0.0);
  off_diagonal.reserve(off_diagonal.size() + static_cast<std::size_t>(nodes));
  for (const auto& e : off_diagonal) {
    if (e.row == e.column)
      throw std::logic_error("with_self_weights: diagonal entry given");
    row_sum.at(static_cast<std::size_t>(e.row)) += e.weight;
  }
  for (NodeId i = 0; i < nodes; ++i)
    off_diagonal.push_back({i, i, 1.0 - row_sum[i]});
  return MixingMatrix(nodes, std::move(off_diagonal));
}

MixingMatrix MixingMatrix::identity(NodeId nodes) {
  return with_self_weights(nodes, {});
}

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
  const auto it =
      std::lower_bound(entries.begin(), entries.end(), j,
                       [](const MixingEntry& e, NodeId value) { return e.from < value; });
  return (it != entries.end() && it->from == j) ? it->weight : 0.0;
}

std::vector<MixingTriplet> MixingMatrix::triplets() const {
  std::vector<MixingTriplet> result;
  result.reserve(entries_.size());
  for (NodeId i = 0; i < nodes_; ++i) {
    for (const auto& e : row(i))
      result.push_back({i, e.from, e.weight});
  }
  return result;
}

}  // namespace commsim
