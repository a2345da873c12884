#pragma once
// A data set held in memory once per run and shared (read-only) by every node:
// one row per sample, either dense (row-major floats) or sparse (CSR), and one
// target per sample (a class index 0..classes-1, or a real value when
// classes == 0).
#include <cstdint>
#include <span>
#include <vector>

namespace commsim {

// Compressed sparse rows: row r holds entries row_start[r] .. row_start[r+1]-1,
// with strictly increasing 0-based columns.
struct SparseRows {
  std::vector<std::uint64_t> row_start{0};
  std::vector<std::uint32_t> column;
  std::vector<float> value;
};

struct Dataset {
  std::size_t samples = 0;
  std::size_t features = 0;
  bool sparse = false;
  std::vector<float> dense;  // samples x features, row-major; empty when sparse
  SparseRows rows;           // used when sparse
  std::vector<float> targets;
  std::size_t classes = 0;  // 0: real-valued targets

  std::size_t nonzeros() const { return sparse ? rows.column.size() : samples * features; }
  double nonzeros_per_sample() const {
    return samples == 0 ? 0.0 : static_cast<double>(nonzeros()) / static_cast<double>(samples);
  }
  const float* dense_row(std::size_t row) const { return dense.data() + row * features; }
  std::size_t memory_bytes() const {
    return (dense.size() + rows.value.size() + targets.size()) * sizeof(float) +
           rows.column.size() * sizeof(std::uint32_t) +
           rows.row_start.size() * sizeof(std::uint64_t);
  }
};

// The rows `selection` of `data`, in that order (targets and classes kept).
Dataset select_rows(const Dataset& data, std::span<const std::uint32_t> selection);

// A training set and its held-out test set (test may have no samples).
struct DataSplit {
  Dataset train;
  Dataset test;
};

}  // namespace commsim
