#include "models/compressors/count_sketch_table.hpp"

#include <algorithm>

#include "sim/kernel/rng.hpp"

namespace commsim {

SketchHashes SketchHashes::random(std::size_t rows, std::size_t columns, std::size_t dimension,
                                  std::uint64_t seed) {
  SketchHashes hashes;
  hashes.columns = columns;
  for (std::size_t row = 0; row < rows; ++row) {
    Rng bucket_rng(seed, "count_sketch_bucket", row);
    Rng sign_rng(seed, "count_sketch_sign", row);
    auto& buckets = hashes.buckets.emplace_back(dimension);
    auto& signs = hashes.signs.emplace_back(dimension);
    for (std::size_t i = 0; i < dimension; ++i) {
      buckets[i] = static_cast<std::uint32_t>(bucket_rng.uniform_below(columns));
      signs[i] = sign_rng.bernoulli(0.5) ? 1.0f : -1.0f;
    }
  }
  return hashes;
}

CountSketchTable::CountSketchTable(const SketchHashes& hashes)
    : hashes_(&hashes), table_(hashes.buckets.size(), std::vector<double>(hashes.columns, 0.0)) {}

void CountSketchTable::add(const std::vector<float>& v) {
  for (std::size_t row = 0; row < table_.size(); ++row) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      table_[row][hashes_->buckets[row][i]] += static_cast<double>(hashes_->signs[row][i]) * v[i];
    }
  }
}

void CountSketchTable::add(const CountSketchTable& other) {
  for (std::size_t row = 0; row < table_.size(); ++row) {
    for (std::size_t c = 0; c < table_[row].size(); ++c)
      table_[row][c] += other.table_[row][c];
  }
}

float CountSketchTable::estimate(std::size_t coordinate) const {
  std::vector<double> votes;
  votes.reserve(table_.size());
  for (std::size_t row = 0; row < table_.size(); ++row) {
    votes.push_back(hashes_->signs[row][coordinate] *
                    table_[row][hashes_->buckets[row][coordinate]]);
  }
  const std::size_t middle = (votes.size() - 1) / 2;
  std::nth_element(votes.begin(), votes.begin() + static_cast<std::ptrdiff_t>(middle), votes.end());
  return static_cast<float>(votes[middle]);
}

}  // namespace commsim
