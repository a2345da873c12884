// Synthetic generators: shapes, density, conditioning, labels.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "models/datasets/synthetic.hpp"

using namespace commsim;

TEST_CASE("dense synthetic data: shape, feature variances spanning the condition number") {
  SyntheticSpec spec;
  spec.samples = 20000;
  spec.features = 5;
  spec.condition_number = 100.0;
  Rng rng(1, "synthetic");
  const Dataset data = generate_synthetic(spec, rng);
  CHECK_FALSE(data.sparse);
  CHECK(data.samples == 20000);
  CHECK(data.features == 5);
  CHECK(data.dense.size() == 100000);
  CHECK(data.targets.size() == 20000);
  CHECK(data.classes == 0);
  std::vector<double> variance(5, 0.0);
  for (std::size_t row = 0; row < data.samples; ++row) {
    for (std::size_t j = 0; j < 5; ++j)
      variance[j] += double{data.dense_row(row)[j]} * data.dense_row(row)[j];
  }
  CHECK(variance[0] / variance[4] == doctest::Approx(100.0).epsilon(0.05));
  CHECK(variance[2] / variance[4] == doctest::Approx(10.0).epsilon(0.05));
}

TEST_CASE("sparse synthetic data: density, unit rows, power-law feature frequencies") {
  SyntheticSpec spec;
  spec.samples = 4000;
  spec.features = 2000;
  spec.density = 0.01;
  Rng rng(2, "synthetic");
  const Dataset data = generate_synthetic(spec, rng);
  REQUIRE(data.sparse);
  CHECK(data.rows.row_start.size() == 4001);
  const double density = static_cast<double>(data.nonzeros()) / (4000.0 * 2000.0);
  CHECK(density == doctest::Approx(0.01).epsilon(0.05));
  std::vector<std::size_t> frequency(2000, 0);
  for (std::size_t row = 0; row < data.samples; ++row) {
    double squares = 0.0;
    for (auto k = data.rows.row_start[row]; k < data.rows.row_start[row + 1]; ++k) {
      squares += double{data.rows.value[k]} * data.rows.value[k];
      ++frequency[data.rows.column[k]];
      if (k > data.rows.row_start[row])
        REQUIRE(data.rows.column[k] > data.rows.column[k - 1]);
    }
    if (data.rows.row_start[row + 1] > data.rows.row_start[row])
      CHECK(squares == doctest::Approx(1.0));
  }
  // Zipf-like: p_j ~ 1/(j+1), so the first features are far more frequent than the last.
  std::size_t head = 0, tail = 0;
  for (std::size_t j = 0; j < 10; ++j)
    head += frequency[j];
  for (std::size_t j = 1990; j < 2000; ++j)
    tail += frequency[j];
  CHECK(head > 20 * tail);
}

TEST_CASE("synthetic class labels cover every class, the generator is seeded") {
  SyntheticSpec spec;
  spec.samples = 3000;
  spec.features = 20;
  spec.classes = 5;
  Rng rng(3, "synthetic");
  const Dataset data = generate_synthetic(spec, rng);
  CHECK(data.classes == 5);
  std::vector<std::size_t> counts(5, 0);
  for (const float label : data.targets) {
    REQUIRE(label == std::floor(label));
    ++counts[static_cast<std::size_t>(label)];
  }
  for (const std::size_t count : counts)
    CHECK(count > 200);
  Rng same(3, "synthetic");
  const Dataset again = generate_synthetic(spec, same);
  CHECK(again.dense == data.dense);
  CHECK(again.targets == data.targets);
}
