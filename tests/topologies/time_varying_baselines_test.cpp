// Time-varying baselines: 1-peer exponential and 1-peer hypercube.
#include <doctest/doctest.h>

#include "tests/topologies/topology_checks.hpp"
#include "topologies/consensus_rate.hpp"
#include "topologies/integer_math.hpp"

namespace commsim::testing {
namespace {

TEST_CASE("1-peer exponential is exact iff n is a power of 2") {
  for (NodeId n = 2; n <= 100; ++n) {
    CAPTURE(n);
    const Topology t = build("one_peer_exponential", n);
    CHECK(t.period() == ceil_log2(n));
    CHECK(t.max_degree() == (n == 2 ? 1 : 2));
    for (int r = 0; r < t.period(); ++r)
      CHECK(is_good_mixing(t.round(r), false));
    const bool exact = distance_to_average(period_product(t)) <= 1e-12;
    CHECK(exact == is_power_of_two(n));
    CHECK(summarize_consensus(t).exact == exact);
  }
  CHECK(consensus_rate(build("one_peer_exponential", 25)) == doctest::Approx(0.192).epsilon(2e-3));
  CHECK(build("one_peer_exponential", 1).period() == 1);
}

TEST_CASE("1-peer hypercube") {
  for (const NodeId n : {1, 2, 4, 8, 64, 1024}) {
    CAPTURE(n);
    const Topology t = build("one_peer_hypercube", n);
    CHECK(t.period() == std::max(1, ceil_log2(n)));
    CHECK(t.max_degree() == (n == 1 ? 0 : 1));
    CHECK(summarize_consensus(t).exact);
    for (int r = 0; r < t.period(); ++r)
      CHECK(is_good_mixing(t.round(r), true));
  }
  CHECK_THROWS_WITH_AS(build("one_peer_hypercube", 6),
                       "topology: one_peer_hypercube needs nodes to be a power of 2, got 6",
                       InputError);
}

}  // namespace
}  // namespace commsim::testing
