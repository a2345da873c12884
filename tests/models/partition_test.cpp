// Partitions (iid, dirichlet, shards) and the random draws behind them.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "models/datasets/partition.hpp"
#include "models/datasets/random_draws.hpp"

using namespace commsim;

namespace {

std::vector<std::uint32_t> all_rows(std::size_t count) {
  std::vector<std::uint32_t> rows(count);
  for (std::size_t k = 0; k < count; ++k)
    rows[k] = static_cast<std::uint32_t>(k);
  return rows;
}

// `per_class` samples of each of `classes` labels, interleaved.
std::vector<float> balanced_labels(std::size_t classes, std::size_t per_class) {
  std::vector<float> labels(classes * per_class);
  for (std::size_t k = 0; k < labels.size(); ++k)
    labels[k] = static_cast<float>(k % classes);
  return labels;
}

void check_covers_once(const NodeRows& shards, std::size_t rows) {
  std::vector<int> seen(rows, 0);
  for (const auto& shard : shards) {
    for (const std::uint32_t row : shard)
      ++seen[row];
  }
  CHECK(std::all_of(seen.begin(), seen.end(), [](int count) { return count == 1; }));
}

// Mean over nodes of the largest class's share of the node's samples.
double mean_top_class_share(const NodeRows& shards, const std::vector<float>& labels,
                            std::size_t classes) {
  double sum = 0.0;
  for (const auto& shard : shards) {
    std::vector<std::size_t> counts(classes, 0);
    for (const std::uint32_t row : shard)
      ++counts[static_cast<std::size_t>(labels[row])];
    sum += static_cast<double>(*std::max_element(counts.begin(), counts.end())) /
           static_cast<double>(std::max<std::size_t>(shard.size(), 1));
  }
  return sum / static_cast<double>(shards.size());
}

}  // namespace

TEST_CASE("iid shards differ in size by at most 1 and cover every sample once") {
  Rng rng(1, "partition");
  const NodeRows shards = partition_iid(all_rows(1003), 10, rng);
  REQUIRE(shards.size() == 10);
  std::size_t smallest = SIZE_MAX, largest = 0;
  for (const auto& shard : shards) {
    smallest = std::min(smallest, shard.size());
    largest = std::max(largest, shard.size());
  }
  CHECK(largest - smallest <= 1);
  CHECK(smallest == 100);
  check_covers_once(shards, 1003);
  CHECK(shards[0] != all_rows(100));  // shuffled
}

TEST_CASE("dirichlet: small alpha is skewed, huge alpha near-uniform, each sample once, seeded") {
  const std::vector<float> labels = balanced_labels(10, 500);
  Rng skewed_rng(2, "partition");
  const NodeRows skewed =
      partition_dirichlet(all_rows(labels.size()), labels, 10, 8, 0.05, 1, skewed_rng);
  check_covers_once(skewed, labels.size());
  CHECK(mean_top_class_share(skewed, labels, 10) > 0.5);

  Rng uniform_rng(2, "partition");
  const NodeRows uniform =
      partition_dirichlet(all_rows(labels.size()), labels, 10, 8, 1e5, 1, uniform_rng);
  check_covers_once(uniform, labels.size());
  CHECK(mean_top_class_share(uniform, labels, 10) < 0.13);
  for (const auto& shard : uniform)
    CHECK(std::fabs(static_cast<double>(shard.size()) - 625.0) < 30.0);

  Rng again_rng(2, "partition");
  CHECK(partition_dirichlet(all_rows(labels.size()), labels, 10, 8, 0.05, 1, again_rng) == skewed);
  Rng other_rng(3, "partition");
  CHECK(partition_dirichlet(all_rows(labels.size()), labels, 10, 8, 0.05, 1, other_rng) != skewed);
}

TEST_CASE("dirichlet redraws until every node has min_samples when it can") {
  const std::vector<float> labels = balanced_labels(10, 100);
  Rng rng(4, "partition");
  const NodeRows shards =
      partition_dirichlet(all_rows(labels.size()), labels, 10, 10, 0.5, 20, rng);
  for (const auto& shard : shards)
    CHECK(shard.size() >= 20);
  check_covers_once(shards, labels.size());
}

TEST_CASE("shards: each node gets shards_per_node label-sorted blocks") {
  const std::vector<float> labels = balanced_labels(10, 100);  // shards of 100 = one label each
  Rng rng(5, "partition");
  const NodeRows shards = partition_shards(all_rows(labels.size()), labels, 5, 2, rng);
  check_covers_once(shards, labels.size());
  for (const auto& shard : shards) {
    CHECK(shard.size() == 200);
    std::set<float> distinct;
    for (const std::uint32_t row : shard)
      distinct.insert(labels[row]);
    CHECK(distinct.size() == 2);
  }
  // Uneven sizes: every node still holds at most 2 * shards_per_node labels.
  const std::vector<float> uneven = balanced_labels(7, 97);
  Rng uneven_rng(6, "partition");
  const NodeRows uneven_shards =
      partition_shards(all_rows(uneven.size()), uneven, 6, 1, uneven_rng);
  check_covers_once(uneven_shards, uneven.size());
  for (const auto& shard : uneven_shards) {
    std::set<float> distinct;
    for (const std::uint32_t row : shard)
      distinct.insert(uneven[row]);
    CHECK(distinct.size() <= 2);
  }
}

TEST_CASE("gamma variates have mean and variance equal to the shape") {
  for (const double shape : {0.3, 1.0, 4.5}) {
    CAPTURE(shape);
    Rng rng(7, "gamma");
    const int draws = 40000;
    double sum = 0.0, squares = 0.0;
    for (int k = 0; k < draws; ++k) {
      const double x = std::exp(log_gamma_variate(shape, rng));
      sum += x;
      squares += x * x;
    }
    const double mean = sum / draws;
    const double variance = squares / draws - mean * mean;
    CHECK(mean == doctest::Approx(shape).epsilon(0.03));
    CHECK(variance == doctest::Approx(shape).epsilon(0.08));
  }
  Rng rng(8, "dirichlet");
  const std::vector<double> tiny =
      dirichlet(20, 0.001, rng);  // variates underflow without log space
  double total = 0.0;
  for (const double p : tiny)
    total += p;
  CHECK(total == doctest::Approx(1.0));
}

TEST_CASE("sampling without replacement gives distinct values, uniformly") {
  Rng rng(9, "sample");
  std::vector<std::uint32_t> out;
  std::vector<int> hits(50, 0);
  for (const std::size_t count : {std::size_t{5}, std::size_t{40}, std::size_t{50}}) {
    for (int trial = 0; trial < 2000; ++trial) {
      sample_without_replacement(50, count, rng, out);
      REQUIRE(out.size() == count);
      std::set<std::uint32_t> distinct(out.begin(), out.end());
      REQUIRE(distinct.size() == count);
      REQUIRE(*distinct.rbegin() < 50);
      if (count == 5) {
        for (const auto value : out)
          ++hits[value];
      }
    }
  }
  for (const int count : hits)
    CHECK(std::abs(count - 200) < 60);              // 2000 * 5 / 50 expected
  sample_without_replacement(1000, 100, rng, out);  // the one-pass branch
  CHECK(std::set<std::uint32_t>(out.begin(), out.end()).size() == 100);
}

TEST_CASE("dirichlet with min_samples 0 keeps the first draw, even where a redraw would redraw") {
  // alpha 0.05 over 25 nodes: most draws leave some node with fewer than 32 rows.
  const std::vector<float> labels = balanced_labels(10, 300);
  Rng plain_rng(7, "partition");
  const NodeRows plain =
      partition_dirichlet(all_rows(labels.size()), labels, 10, 25, 0.05, 0, plain_rng);
  check_covers_once(plain, labels.size());
  std::size_t smallest = SIZE_MAX;
  for (const auto& shard : plain)
    smallest = std::min(smallest, shard.size());
  REQUIRE(smallest < 32);  // this seed's first draw is one the redraw rejects

  Rng redraw_rng(7, "partition");
  const NodeRows redrawn =
      partition_dirichlet(all_rows(labels.size()), labels, 10, 25, 0.05, 32, redraw_rng);
  CHECK(redrawn != plain);
  // The plain draw is the redraw loop's first draw: a threshold that the first
  // draw already meets stops the loop there.
  Rng first_rng(7, "partition");
  CHECK(partition_dirichlet(all_rows(labels.size()), labels, 10, 25, 0.05, smallest, first_rng) ==
        plain);
}

TEST_CASE("sampling with replacement repeats values and covers a small population uniformly") {
  Rng rng(8, "batches");
  std::vector<std::uint32_t> draws;
  sample_with_replacement(3, 3000, rng, draws);
  REQUIRE(draws.size() == 3000);
  std::vector<int> counts(3, 0);
  for (const std::uint32_t value : draws) {
    REQUIRE(value < 3);
    ++counts[value];
  }
  for (const int count : counts)
    CHECK(std::abs(count - 1000) < 100);  // binomial sd ~26
}
