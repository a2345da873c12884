// Double quantization: the b-bit grid, unbiasedness, and the bits.
#include <doctest/doctest.h>

#include <cmath>

#include "models/compressors/double_quant.hpp"

using namespace commsim;

TEST_CASE("double_quant: values land on the grid of step ||a||_inf / (2^(b-1) - 1)") {
  Rng rng(5, "test");
  const std::vector<float> a = {0.7f, -0.35f, 0.1f, 0.0f};
  const auto q = low_precision_quantize(a, 3, rng);  // delta = 0.7 / 3
  const double delta = 0.7 / 3.0;
  CHECK(q[0] == doctest::Approx(0.7));  // the largest entry is exact
  CHECK(q[3] == 0.0f);
  for (float value : q) {
    const double level = value / delta;
    CHECK(std::fabs(level - std::round(level)) < 1e-5);
    CHECK(std::fabs(level) <= 3.0 + 1e-6);
  }
  // -0.35 / delta = -1.5: between levels -1 and -2.
  CHECK((q[1] == doctest::Approx(-delta) || q[1] == doctest::Approx(-2 * delta)));
}

TEST_CASE("double_quant: stochastic rounding is unbiased (mean of 20000 draws within 3 sigma)") {
  const std::vector<float> a = {1.0f, 0.3f, -0.55f, 0.01f};
  const int draws = 20000;
  const double delta = 1.0 / 3.0;  // b = 3
  std::vector<double> sum(a.size(), 0.0);
  Rng rng(9, "unbiased");
  for (int t = 0; t < draws; ++t) {
    const auto q = low_precision_quantize(a, 3, rng);
    for (std::size_t i = 0; i < a.size(); ++i)
      sum[i] += q[i];
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    // Rounding between two levels delta apart: variance p(1-p) delta^2 <= delta^2 / 4.
    const double fraction = std::fabs(a[i]) / delta - std::floor(std::fabs(a[i]) / delta);
    const double sigma = delta * std::sqrt(fraction * (1 - fraction) / draws);
    CHECK(std::fabs(sum[i] / draws - a[i]) <= 3 * sigma + 1e-7);
  }
}

TEST_CASE("double_quant: gradients up with d*b + b_f bits, the model down with d*b_x + b_f") {
  DoubleQuantization quantization(8, 4, 32);
  Rng rng(1, "test");
  const auto result = quantization.exchange({{1, 2, 3}, {0, 0, 0}}, 0, rng);
  REQUIRE(result.phases.size() == 1);
  CHECK(result.phases[0].pattern == CollectivePhase::Pattern::kGather);
  CHECK(result.phases[0].bits == std::vector<std::int64_t>{3 * 8 + 32, 3 * 8 + 32});
  // The largest entry of each gradient is exact; the zero gradient stays zero.
  CHECK(result.update[2] == doctest::Approx(1.5));
  const auto down = quantization.downlink({0.5f, -1.0f, 0.25f}, rng);
  REQUIRE(down.has_value());
  CHECK(down->bits == 3 * 4 + 32);
  CHECK(down->model[1] == -1.0f);
}
