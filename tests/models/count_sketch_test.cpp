// Sketched-SGD: the injected hash rows give a worked table,
// estimates and candidates; the second round removes the collision.
#include <doctest/doctest.h>

#include "models/compressors/count_sketch.hpp"

using namespace commsim;

namespace {
SketchHashes spec_hashes() {
  SketchHashes hashes;
  hashes.columns = 4;
  hashes.buckets = {{0, 1, 2, 3, 0, 1}, {1, 0, 3, 2, 2, 3}, {2, 3, 0, 1, 1, 0}};
  hashes.signs = {{1, -1, 1, 1, -1, 1}, {1, 1, -1, 1, 1, -1}, {-1, 1, 1, -1, 1, 1}};
  return hashes;
}
const std::vector<float> kSpecVector = {8, -1, 0.5f, 2, -0.25f, 6};
}  // namespace

TEST_CASE("count_sketch: worked table and estimates") {
  const SketchHashes hashes = spec_hashes();
  CountSketchTable sketch(hashes);
  sketch.add(kSpecVector);
  const std::vector<std::vector<double>> table = {
      {8.25, 7.0, 0.5, 2.0}, {-1.0, 8.0, 1.75, -6.5}, {6.5, -2.25, -8.0, -1.0}};
  CHECK(sketch.table() == table);
  const std::vector<float> estimates = {8.0f, -1.0f, 6.5f, 2.0f, -2.25f, 6.5f};
  for (std::size_t i = 0; i < 6; ++i)
    CHECK(sketch.estimate(i) == estimates[i]);
}

TEST_CASE("count_sketch: summing two workers' sketches is the sketch of the sum") {
  const SketchHashes hashes = SketchHashes::random(3, 4, 6, 11);
  CountSketchTable a(hashes), b(hashes), both(hashes);
  a.add({1, 2, 3, 4, 5, 6});
  b.add({-1, 0.5f, 0, 2, 0, 1});
  both.add({0, 2.5f, 3, 6, 5, 7});
  a.add(b);
  CHECK(a.table() == both.table());
}

TEST_CASE("count_sketch: the worked second round keeps {0, 5}, and the state is reset there") {
  // One worker, rho = 0: v = g after one round.
  SketchedSgd sketched(1, 6, Fabric::kServer,
                       {.k = 2, .candidates = 4, .rho = 0.0, .widths = {3, 32}}, spec_hashes());
  Rng rng(1, "test");
  const auto result = sketched.exchange({kSpecVector}, 0, rng);
  CHECK(sketched.candidates() == std::vector<std::size_t>{0, 2, 4, 5});
  CHECK(result.update == std::vector<float>{8, 0, 0, 0, 0, 6});
  CHECK(sketched.accumulated(0) == std::vector<float>{0, -1, 0.5f, 2, -0.25f, 0});
  CHECK(sketched.momentum(0) == std::vector<float>{0, -1, 0.5f, 2, -0.25f, 0});
  // Server bits: up r*c*b_f, down P2k*b_idx, up P2k*b_f, down k*(b_idx + b_f).
  REQUIRE(result.phases.size() == 4);
  CHECK(result.phases[0].bits == std::vector<std::int64_t>{3 * 4 * 32});
  CHECK(result.phases[1].bits[0] == 4 * 3);
  CHECK(result.phases[2].bits == std::vector<std::int64_t>{4 * 32});
  CHECK(result.phases[3].bits[0] == 2 * (3 + 32));
}

TEST_CASE(
    "count_sketch: on a ring the two rounds are all-reduces of the sketch and the candidates") {
  SketchedSgd sketched(2, 6, Fabric::kRing,
                       {.k = 2, .candidates = 4, .rho = 0.5, .widths = {3, 32}}, spec_hashes());
  Rng rng(1, "test");
  // Two workers whose sum is the worked vector.
  const auto result = sketched.exchange({{4, -1, 0.5f, 1, 0, 3}, {4, 0, 0, 1, -0.25f, 3}}, 0, rng);
  CHECK(result.update == std::vector<float>{4, 0, 0, 0, 0, 3});  // the sum's {0, 5}, divided by n
  REQUIRE(result.phases.size() == 2);
  CHECK(result.phases[0].values == 12);
  CHECK(result.phases[1].values == 4);
  // Momentum 0.5 keeps u outside the update: worker 0's u and v are g there.
  CHECK(sketched.momentum(0) == std::vector<float>{0, -1, 0.5f, 1, 0, 0});
  CHECK(sketched.accumulated(1) == std::vector<float>{0, 0, 0, 1, -0.25f, 0});
}
