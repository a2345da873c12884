// Statistical properties over many seeded draws: unbiasedness, QSGD variance
// bound and test vectors, TernGrad, water-filling.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "models/compressors/registry.hpp"
#include "models/compressors/water_filling.hpp"

using namespace commsim;

namespace {

const std::vector<float> kSpecVector = {0.5f, -2.0f, 1.0f, 0.1f, -3.0f};  // worked example

struct Moments {
  std::vector<double> mean;
  std::vector<double> variance;  // per coordinate
  double squared_error = 0.0;    // E||Q(v) - v||^2
};

Moments sample(const nlohmann::json& block, const std::vector<float>& v, int draws) {
  const auto compressor = make_compressor(block, "compressor", v.size());
  Rng rng(2024, "compressor statistics");
  Moments m;
  m.mean.assign(v.size(), 0.0);
  std::vector<double> second(v.size(), 0.0);
  for (int t = 0; t < draws; ++t) {
    const Encoded out = compressor->encode(v, rng);
    for (std::size_t i = 0; i < v.size(); ++i) {
      const double x = out.decoded[i];
      m.mean[i] += x;
      second[i] += x * x;
      m.squared_error += (x - v[i]) * (x - v[i]);
    }
  }
  m.variance.resize(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    m.mean[i] /= draws;
    m.variance[i] = second[i] / draws - m.mean[i] * m.mean[i];
  }
  m.squared_error /= draws;
  return m;
}

// Mean within 5 standard errors of v (the standard error from the sample variance).
void check_unbiased(const nlohmann::json& block, const std::vector<float>& v, int draws) {
  const Moments m = sample(block, v, draws);
  for (std::size_t i = 0; i < v.size(); ++i) {
    CAPTURE(i);
    CHECK(std::fabs(m.mean[i] - v[i]) <= 5.0 * std::sqrt(m.variance[i] / draws) + 1e-6);
  }
}

std::vector<float> test_vector(std::size_t d) {
  std::vector<float> v(d);
  for (std::size_t i = 0; i < d; ++i)
    v[i] = std::sin(0.7f * static_cast<float>(i) + 0.3f) * static_cast<float>(1 + i % 5);
  return v;
}

}  // namespace

TEST_CASE("compressor unbiasedness: rand_k(unbiased), qsgd, terngrad, wangni") {
  const auto v = test_vector(37);
  check_unbiased({{"kind", "rand_k"}, {"k", 5}, {"unbiased", true}}, v, 40000);
  check_unbiased({{"kind", "qsgd"}, {"levels", 1}}, v, 40000);
  check_unbiased({{"kind", "qsgd"}, {"levels", 4}, {"coding", "elias"}}, v, 40000);
  check_unbiased({{"kind", "terngrad"}}, v, 40000);
  check_unbiased({{"kind", "wangni"}, {"k", 6}}, v, 40000);
  check_unbiased({{"kind", "wangni"}, {"k", 3}}, kSpecVector, 40000);
}

TEST_CASE("compressor rand_k (unbiased) variance is (d/k - 1)||v||^2") {
  const auto v = test_vector(20);
  double norm2 = 0.0;
  for (float x : v)
    norm2 += static_cast<double>(x) * x;
  const Moments m = sample({{"kind", "rand_k"}, {"k", 4}, {"unbiased", true}}, v, 40000);
  CHECK(m.squared_error == doctest::Approx(4.0 * norm2).epsilon(0.05));
  const Moments biased = sample({{"kind", "rand_k"}, {"k", 4}}, v, 40000);
  CHECK(biased.squared_error == doctest::Approx(0.8 * norm2).epsilon(0.05));
}

TEST_CASE("compressor qsgd test vector v = (3, -4)") {
  const std::vector<float> v = {3.0f, -4.0f};
  const int draws = 200000;
  const Moments s1 = sample({{"kind", "qsgd"}, {"levels", 1}}, v, draws);
  // s = 1: Q_1 in {0, 5} with P(5) = 0.6; Q_2 in {0, -5} with P(-5) = 0.8; variance 6 + 4.
  CHECK(s1.mean[0] == doctest::Approx(3.0).epsilon(0.01));
  CHECK(s1.mean[1] == doctest::Approx(-4.0).epsilon(0.01));
  CHECK(s1.squared_error == doctest::Approx(10.0).epsilon(0.02));
  const Moments s2 = sample({{"kind", "qsgd"}, {"levels", 2}}, v, draws);
  CHECK(s2.squared_error == doctest::Approx(2.5).epsilon(0.02));
}

TEST_CASE("compressor qsgd variance <= min(d/s^2, sqrt(d)/s) ||v||^2") {
  for (std::size_t d : {10u, 100u, 1000u}) {
    const auto v = test_vector(d);
    double norm2 = 0.0;
    for (float x : v)
      norm2 += static_cast<double>(x) * x;
    for (std::int64_t s : {1, 2, 4, 16}) {
      CAPTURE(d);
      CAPTURE(s);
      const double ds = static_cast<double>(d);
      const double bound =
          std::min(ds / static_cast<double>(s * s), std::sqrt(ds) / static_cast<double>(s)) * norm2;
      CHECK(sample({{"kind", "qsgd"}, {"levels", s}}, v, 2000).squared_error <= bound);
    }
  }
}

TEST_CASE("compressor terngrad: values +-3, keep probabilities |g_i|/3") {
  const int draws = 100000;
  const Moments m = sample({{"kind", "terngrad"}}, kSpecVector, draws);
  Rng rng(3, "terngrad");
  const Encoded one = make_compressor({{"kind", "terngrad"}}, "c", 5)->encode(kSpecVector, rng);
  for (float x : one.decoded)
    CHECK((x == 0.0f || x == 3.0f || x == -3.0f));
  CHECK(one.decoded[4] == -3.0f);  // |g_4| = s: always kept
  CHECK(one.payload_bits == 42);
  for (std::size_t i = 0; i < kSpecVector.size(); ++i) {
    CHECK(m.mean[i] == doctest::Approx(kSpecVector[i]).epsilon(0.03));
  }
}

TEST_CASE("compressor water-filling matches the worked table") {
  const auto check_p = [](double budget, const std::vector<double>& expected) {
    const WaterFilling w = water_filling(kSpecVector, budget);
    double sum = 0.0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CHECK(w.probabilities[i] == doctest::Approx(expected[i]).epsilon(1e-3));
      sum += w.probabilities[i];
    }
    CHECK(sum == doctest::Approx(budget));
    return w;
  };
  check_p(1, {0.0758, 0.3030, 0.1515, 0.0152, 0.4545});
  check_p(2, {0.1515, 0.6061, 0.3030, 0.0303, 0.9091});
  const WaterFilling three = check_p(3, {0.3125, 1, 0.6250, 0.0625, 1});
  CHECK(three.saturated == 2);
  // T = 3 gives s = 2 and sum g_i^2 / p_i = 13 + 1.6^2 = 15.56
  double weighted = 0.0;
  for (std::size_t i = 0; i < kSpecVector.size(); ++i) {
    weighted += static_cast<double>(kSpecVector[i]) * kSpecVector[i] / three.probabilities[i];
  }
  CHECK(weighted == doctest::Approx(15.56).epsilon(1e-6));
  check_p(4, {0.8333, 1, 1, 0.1667, 1});
  check_p(5, {1, 1, 1, 1, 1});
  // Zeros are never kept; a budget above the non-zeros keeps every non-zero.
  const std::vector<float> sparse = {0.0f, 2.0f, 0.0f, -1.0f};
  const WaterFilling w = water_filling(sparse, 3);
  CHECK(w.probabilities == std::vector<double>{0.0, 1.0, 0.0, 1.0});
}
