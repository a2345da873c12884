#include "sim/kernel/coordinate_coins.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace commsim {
namespace {

std::vector<float> coins_of(std::uint64_t seed, std::size_t count) {
  Rng rng(seed, "coins test");
  std::vector<float> out(count);
  CoordinateCoins(rng).fill(0, out);
  return out;
}

TEST_CASE("a coordinate's coin depends only on the key and its index, not on how it was asked") {
  const std::size_t count = 1003;  // not a multiple of the block or chunk size
  const std::vector<float> whole = coins_of(7, count);

  Rng rng(7, "coins test");
  const CoordinateCoins coins(rng);
  std::vector<float> pieces(count);
  // Pieces starting at block boundaries, of uneven lengths, filled out of order.
  const std::size_t lengths[] = {8, 4, 260, 12};
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (std::size_t first = 0, k = 0; first < count; first += lengths[k++ % 4])
    spans.emplace_back(first, std::min(lengths[k % 4], count - first));
  for (auto it = spans.rbegin(); it != spans.rend(); ++it)
    coins.fill(it->first, std::span(pieces).subspan(it->first, it->second));
  CHECK(pieces == whole);

  std::vector<float> chunked(count, -1.0f);
  coins.for_each_chunk(count, [&](std::size_t first, std::span<const float> chunk) {
    CHECK(chunk.size() <= CoordinateCoins::kChunk);
    std::copy(chunk.begin(), chunk.end(), chunked.begin() + static_cast<std::ptrdiff_t>(first));
  });
  CHECK(chunked == whole);
}

TEST_CASE("coins are uniform 24-bit fractions, independent within a block, and follow the seed") {
  const std::size_t count = 400'000;
  const std::vector<float> u = coins_of(11, count);
  double sum = 0.0;
  for (float x : u) {
    REQUIRE(x >= 0.0f);
    REQUIRE(x < 1.0f);
    const float scaled = x * 0x1.0p24f;
    REQUIRE(scaled == std::floor(scaled));
    sum += x;
  }
  const double n = static_cast<double>(count);
  const double sigma_of_mean = std::sqrt(1.0 / 12.0 / n);
  CHECK(std::fabs(sum / n - 0.5) < 4.0 * sigma_of_mean);

  // The four coins of a block come from disjoint bits of one Philox output:
  // neighbours within a block (and across blocks) are uncorrelated.
  for (std::size_t lag = 1; lag <= 4; ++lag) {
    double product = 0.0;
    for (std::size_t i = 0; i + lag < count; ++i)
      product += (u[i] - 0.5) * (u[i + lag] - 0.5);
    const double correlation = product / (n - static_cast<double>(lag)) * 12.0;
    CHECK_MESSAGE(std::fabs(correlation) < 5.0 / std::sqrt(n), "lag ", lag);
  }

  CHECK(coins_of(11, 64) == std::vector<float>(u.begin(), u.begin() + 64));
  CHECK(coins_of(12, 64) != std::vector<float>(u.begin(), u.begin() + 64));
}

}  // namespace
}  // namespace commsim
