// ScaleCom's CLT-k: the leader's support, the average and the
// low-pass error memories, and the bits of each phase.
#include <doctest/doctest.h>

#include "models/compressors/clt_k.hpp"

using namespace commsim;

namespace {
void check_vector(const std::vector<float>& actual, const std::vector<float>& expected) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    CHECK(actual[i] == doctest::Approx(expected[i]).epsilon(1e-6));
}
const std::vector<std::vector<float>> kInputs = {{3, -1, 0.5f, 2}, {-0.2f, 4, 1, 1.5f}};
}  // namespace

TEST_CASE("clt_k: worked vector, beta 1") {
  CyclicLocalTopK clt(2, 4, 2, 1.0, {.index_bits = 2, .value_bits = 32});
  Rng rng(1, "test");
  const auto result = clt.exchange(kInputs, 0, rng);  // round 0: worker 0 leads, I = {0, 3}
  check_vector(result.update, {1.4f, 0, 0, 1.75f});
  check_vector(clt.error(0), {0, -1, 0.5f, 0});
  check_vector(clt.error(1), {0, 4, 1, 0});
  REQUIRE(result.phases.size() == 2);
  CHECK(result.phases[0].pattern == CollectivePhase::Pattern::kWorkerBroadcast);
  CHECK(result.phases[0].root == 0);
  CHECK(result.phases[0].bits[0] == 2 * 2);  // k * b_idx
  CHECK(result.phases[1].pattern == CollectivePhase::Pattern::kAllReduce);
  CHECK(result.phases[1].values * result.phases[1].value_bits == 2 * 32);
}

TEST_CASE("clt_k: beta 0.1 scales the error memories, and the leader rotates") {
  CyclicLocalTopK clt(2, 4, 2, 0.1, {.index_bits = 2, .value_bits = 32});
  Rng rng(1, "test");
  clt.exchange(kInputs, 0, rng);
  check_vector(clt.error(0), {0, -0.1f, 0.05f, 0});
  check_vector(clt.error(1), {0, 0.4f, 0.1f, 0});
  // Round 1: worker 1 leads; m_2 = e + g = (-0.2, 4.4, 1.1, 1.5) gives I = {1, 3}.
  const auto result = clt.exchange(kInputs, 1, rng);
  CHECK(result.phases[0].root == 1);
  // m_1 = (3, -1.1, 0.55, 2): average on {1, 3} = ((-1.1 + 4.4)/2, (2 + 1.5)/2).
  check_vector(result.update, {0, 1.65f, 0, 1.75f});
}
