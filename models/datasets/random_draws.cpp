#include "models/datasets/random_draws.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace commsim {

void shuffle(std::vector<std::uint32_t>& values, Rng& rng) {
  for (std::size_t k = values.size(); k > 1; --k) {
    std::swap(values[k - 1], values[rng.uniform_below(k)]);
  }
}

void sample_without_replacement(std::size_t population, std::size_t count, Rng& rng,
                                std::vector<std::uint32_t>& out) {
  out.clear();
  constexpr std::size_t kFloydLimit = 64;  // Floyd's O(count^2) membership test is cheap below this
  if (count <= kFloydLimit) {
    // Floyd's algorithm (Bentley & Floyd, CACM 1987): count draws, uniform subset.
    for (std::size_t j = population - count; j < population; ++j) {
      const auto candidate = static_cast<std::uint32_t>(rng.uniform_below(j + 1));
      const bool taken = std::find(out.begin(), out.end(), candidate) != out.end();
      out.push_back(taken ? static_cast<std::uint32_t>(j) : candidate);
    }
    return;
  }
  // Selection sampling (Knuth, TAOCP vol. 2, Algorithm S): one pass, sorted output.
  std::size_t needed = count;
  for (std::size_t k = 0; k < population && needed > 0; ++k) {
    if (rng.uniform01() * static_cast<double>(population - k) < static_cast<double>(needed)) {
      out.push_back(static_cast<std::uint32_t>(k));
      --needed;
    }
  }
}

void sample_with_replacement(std::size_t population, std::size_t count, Rng& rng,
                             std::vector<std::uint32_t>& out) {
  out.clear();
  for (std::size_t k = 0; k < count; ++k)
    out.push_back(static_cast<std::uint32_t>(rng.uniform_below(population)));
}

double log_gamma_variate(double shape, Rng& rng) {
  if (shape < 1.0) {
    // Gamma(a) = Gamma(a + 1) * U^(1/a) (Marsaglia & Tsang 2000, section 6).
    const double u = 1.0 - rng.uniform01();  // in (0, 1]
    return log_gamma_variate(shape + 1.0, rng) + std::log(u) / shape;
  }
  // Marsaglia & Tsang, "A simple method for generating gamma variables" (2000).
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = rng.normal();
    const double t = 1.0 + c * x;
    if (t <= 0.0)
      continue;
    const double v = t * t * t;
    const double u = 1.0 - rng.uniform01();
    if (u < 1.0 - 0.0331 * x * x * x * x)
      return std::log(d * v);
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
      return std::log(d * v);
  }
}

std::vector<double> dirichlet(std::size_t size, double alpha, Rng& rng) {
  // Normalised independent gammas, computed as a softmax of their logarithms.
  std::vector<double> values(size);
  double largest = -std::numeric_limits<double>::infinity();
  for (auto& value : values) {
    value = log_gamma_variate(alpha, rng);
    largest = std::max(largest, value);
  }
  double sum = 0.0;
  for (auto& value : values) {
    value = std::exp(value - largest);
    sum += value;
  }
  for (auto& value : values)
    value /= sum;
  return values;
}

}  // namespace commsim
