// Deep Gradient Compression: two steps of momentum correction,
// top-1 and momentum factor masking.
#include <doctest/doctest.h>

#include "models/compressors/dgc.hpp"

using namespace commsim;

namespace {
void check_vector(const std::vector<float>& actual, const std::vector<float>& expected) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    CHECK(actual[i] == doctest::Approx(expected[i]).epsilon(1e-6));
}
}  // namespace

TEST_CASE("dgc: two worked steps") {
  DeepGradientCompression dgc(1, 4, Fabric::kRing, 1, 0.9, {.index_bits = 2, .value_bits = 32});
  Rng rng(1, "test");
  auto result = dgc.exchange({{1, 0.2f, -0.5f, 0.05f}}, 0, rng);
  check_vector(result.update, {1, 0, 0, 0});  // sends (0, 1.0)
  check_vector(dgc.momentum(0), {0, 0.2f, -0.5f, 0.05f});
  check_vector(dgc.accumulated(0), {0, 0.2f, -0.5f, 0.05f});
  result = dgc.exchange({{0.5f, 0.3f, -0.1f, 0}}, 1, rng);
  check_vector(result.update, {0, 0, -1.05f, 0});  // sends (2, -1.05)
  check_vector(dgc.momentum(0), {0.5f, 0.48f, 0, 0.045f});
  check_vector(dgc.accumulated(0), {0.5f, 0.68f, 0, 0.095f});
  REQUIRE(result.phases.size() == 1);
  CHECK(result.phases[0].bits == std::vector<std::int64_t>{2 + 32});
}

TEST_CASE("dgc: the server sums the messages and sends the union of the supports") {
  DeepGradientCompression dgc(3, 4, Fabric::kServer, 1, 0.0, {.index_bits = 2, .value_bits = 32});
  Rng rng(1, "test");
  const auto result = dgc.exchange({{3, 0, 0, 0}, {0, 0, -6, 0}, {1.5f, 0, 0, 0}}, 0, rng);
  check_vector(result.update, {1.5f, 0, -2, 0});
  REQUIRE(result.phases.size() == 2);
  CHECK(result.phases[0].bits == std::vector<std::int64_t>{34, 34, 34});
  CHECK(result.phases[1].bits[0] == 2 * 34);  // union {0, 2}
}
