// The radix sort behind CAT's alpha table agrees with a comparison sort.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include "models/compressors/magnitude_sort.hpp"
#include "sim/kernel/rng.hpp"

using namespace commsim;

namespace {

std::vector<float> reference(const std::vector<float>& g) {
  std::vector<float> sorted;
  for (float x : g)
    sorted.push_back(std::fabs(x));
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  return sorted;
}

}  // namespace

TEST_CASE("magnitude sort: descending |g|, signs, zeros, ties, subnormals and infinity") {
  const std::vector<float> special = {0.5f,
                                      -2.0f,
                                      -0.0f,
                                      0.0f,
                                      2.0f,
                                      std::numeric_limits<float>::denorm_min(),
                                      -std::numeric_limits<float>::infinity(),
                                      1e-30f,
                                      -1e30f};
  CHECK(descending_magnitudes(special) == reference(special));
  CHECK(descending_magnitudes(special).front() == std::numeric_limits<float>::infinity());
  CHECK(descending_magnitudes(std::vector<float>{}).empty());
}

TEST_CASE("magnitude sort: 50 000 Gaussian values with repeated magnitudes") {
  Rng rng(5, "magnitude sort test");
  std::vector<float> g(50'000);
  for (std::size_t i = 0; i < g.size(); ++i)
    g[i] = i % 5 == 0 ? static_cast<float>(static_cast<int>(i % 37) - 18)
                      : static_cast<float>(rng.normal() * 1e3);
  CHECK(descending_magnitudes(g) == reference(g));
}
