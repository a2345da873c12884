#include "models/datasets/partition.hpp"

#include <algorithm>
#include <cmath>

#include "models/datasets/random_draws.hpp"

namespace commsim {

namespace {
// Cuts `rows` into `parts` contiguous blocks, sizes differing by at most 1.
NodeRows cut_evenly(const std::vector<std::uint32_t>& rows, std::size_t parts) {
  NodeRows blocks(parts);
  const std::size_t base = rows.size() / parts, extra = rows.size() % parts;
  auto begin = rows.begin();
  for (std::size_t k = 0; k < parts; ++k) {
    const auto size = static_cast<std::ptrdiff_t>(base + (k < extra ? 1 : 0));
    blocks[k].assign(begin, begin + size);
    begin += size;
  }
  return blocks;
}

std::size_t smallest(const NodeRows& shards) {
  std::size_t minimum = SIZE_MAX;
  for (const auto& shard : shards)
    minimum = std::min(minimum, shard.size());
  return minimum;
}
}  // namespace

NodeRows partition_iid(std::vector<std::uint32_t> rows, std::size_t nodes, Rng& rng) {
  shuffle(rows, rng);
  return cut_evenly(rows, nodes);
}

NodeRows partition_dirichlet(const std::vector<std::uint32_t>& rows, std::span<const float> labels,
                             std::size_t classes, std::size_t nodes, double alpha,
                             std::size_t min_samples, Rng& rng) {
  std::vector<std::vector<std::uint32_t>> by_class(classes);
  for (const std::uint32_t row : rows)
    by_class[static_cast<std::size_t>(labels[row])].push_back(row);
  NodeRows best;
  for (int draw = 0; draw < kDirichletDraws; ++draw) {
    NodeRows shards(nodes);
    for (auto& members : by_class) {
      shuffle(members, rng);
      const std::vector<double> share = dirichlet(nodes, alpha, rng);
      double cumulative = 0.0;
      std::size_t begin = 0;
      for (std::size_t node = 0; node < nodes; ++node) {
        cumulative += share[node];
        const std::size_t end =
            node + 1 == nodes
                ? members.size()
                : std::min(members.size(), static_cast<std::size_t>(std::llround(
                                               cumulative * static_cast<double>(members.size()))));
        if (end > begin)
          shards[node].insert(shards[node].end(), members.begin() + begin, members.begin() + end);
        begin = std::max(begin, end);
      }
    }
    if (best.empty() || smallest(shards) > smallest(best))
      best = std::move(shards);
    if (smallest(best) >= min_samples)
      break;
  }
  return best;
}

NodeRows partition_shards(std::vector<std::uint32_t> rows, std::span<const float> labels,
                          std::size_t nodes, std::size_t shards_per_node, Rng& rng) {
  shuffle(rows, rng);  // random order among equal labels
  std::stable_sort(rows.begin(), rows.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return labels[a] < labels[b]; });
  const NodeRows shards = cut_evenly(rows, nodes * shards_per_node);
  std::vector<std::uint32_t> order(shards.size());
  for (std::size_t k = 0; k < order.size(); ++k)
    order[k] = static_cast<std::uint32_t>(k);
  shuffle(order, rng);
  NodeRows assigned(nodes);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& shard = shards[order[k]];
    auto& node_rows = assigned[k / shards_per_node];
    node_rows.insert(node_rows.end(), shard.begin(), shard.end());
  }
  return assigned;
}

}  // namespace commsim
