#pragma once
// Splitting a training set's rows among the nodes, seeded:
//  - iid: a random permutation cut into nodes blocks whose sizes differ by at
//    most 1;
//  - dirichlet: label skew of Hsu, Qi & Brown (2019, arXiv 1909.06335): for
//    every class c, proportions q_c ~ Dir(alpha, ..., alpha) over the nodes
//    and the class's (shuffled) samples are cut at the cumulative proportions;
//    small alpha gives nodes few classes, huge alpha approaches iid. A draw in
//    which some node gets fewer than `min_samples` is redrawn (as FedML does),
//    up to kDirichletDraws times; then the draw with the largest minimum is
//    returned and the caller reports the too-small shard. With min_samples 0
//    the first draw is returned as is (the papers' plain draw), which may
//    leave nodes with few or no rows;
//  - shards: McMahan et al. (2017, arXiv 1602.05629) pathological non-iid:
//    sort by label (ties in random order), cut into nodes * shards_per_node
//    equal contiguous shards and give each node shards_per_node random ones.
// Every row goes to exactly one node; the order of rows inside a shard is
// unspecified.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/kernel/rng.hpp"

namespace commsim {

using NodeRows = std::vector<std::vector<std::uint32_t>>;  // per node: row indices

inline constexpr int kDirichletDraws = 1000;

NodeRows partition_iid(std::vector<std::uint32_t> rows, std::size_t nodes, Rng& rng);

// `labels[row]` is the class index (0..classes-1) of a row.
NodeRows partition_dirichlet(const std::vector<std::uint32_t>& rows, std::span<const float> labels,
                             std::size_t classes, std::size_t nodes, double alpha,
                             std::size_t min_samples, Rng& rng);

// `labels[row]` is the value rows are sorted by (class index or real target).
NodeRows partition_shards(std::vector<std::uint32_t> rows, std::span<const float> labels,
                          std::size_t nodes, std::size_t shards_per_node, Rng& rng);

}  // namespace commsim
