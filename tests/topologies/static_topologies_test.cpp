// Static baselines and their consensus rates.
#include <doctest/doctest.h>

#include <numbers>

#include "tests/topologies/topology_checks.hpp"
#include "topologies/consensus_rate.hpp"

namespace commsim::testing {
namespace {

double beta(const Topology& t) {
  return summarize_consensus(t).beta;
}

TEST_CASE("ring: weights 1/3 and beta = (1 + 2 cos(2 pi / n)) / 3") {
  const Topology ring = build("ring", 25);
  CHECK(ring.period() == 1);
  CHECK(ring.max_degree() == 2);
  CHECK(is_good_mixing(ring.round(0), true));
  CHECK(ring.round(0).weight(0, 24) == doctest::Approx(1.0 / 3));
  CHECK(beta(ring) == doctest::Approx(0.979055).epsilon(1e-6));
  for (const NodeId n : {4, 7, 50, 200}) {
    CHECK(beta(build("ring", n)) ==
          doctest::Approx((1 + 2 * std::cos(2 * std::numbers::pi / n)) / 3).epsilon(1e-9));
  }
  CHECK(summarize_consensus(build("ring", 3)).exact);
  // Degenerate sizes: one edge of 1/2, and [1].
  CHECK(build("ring", 2).round(0).weight(0, 1) == 0.5);
  CHECK(build("ring", 1).round(0).weight(0, 0) == 1.0);
}

TEST_CASE("torus: 5 x 5 gives 1/5 weights and beta = 0.723607") {
  const Topology torus = build("torus", 25);
  CHECK(torus.max_degree() == 4);
  CHECK(is_good_mixing(torus.round(0), true));
  CHECK(torus.round(0).weight(0, 20) == doctest::Approx(0.2));
  CHECK(beta(torus) == doctest::Approx(0.723607).epsilon(1e-6));
  // (3 + 2 cos(2 pi / max(a, b))) / 5 for a, b >= 3.
  CHECK(beta(build("torus", 24, {{"rows", 4}})) ==
        doctest::Approx((3 + 2 * std::cos(2 * std::numbers::pi / 6)) / 5).epsilon(1e-9));
  // Degenerate shapes: prime n is a ring; rows = 2 has 3 distinct neighbours.
  CHECK(beta(build("torus", 7)) == doctest::Approx(beta(build("ring", 7))).epsilon(1e-12));
  const Topology thin = build("torus", 8, {{"rows", 2}});
  CHECK(thin.max_degree() == 3);
  CHECK(is_good_mixing(thin.round(0), true));
  CHECK_THROWS_WITH_AS(build("torus", 25, {{"rows", 4}}),
                       "topology.rows: torus needs rows to divide nodes = 25, got rows = 4",
                       InputError);
}

TEST_CASE("grid and star: Metropolis-Hastings weights") {
  const Topology grid = build("grid", 12);
  CHECK(is_good_mixing(grid.round(0), true));
  CHECK(grid.max_degree() == 4);
  CHECK(grid.round(0).weight(0, 1) == doctest::Approx(1.0 / 4));  // corner (2) to edge node (3)
  CHECK_THROWS_AS(build("grid", 12, {{"rows", 5}}), InputError);
  const Topology star = build("star", 10);
  CHECK(is_good_mixing(star.round(0), true));
  CHECK(star.max_degree() == 9);
  CHECK(star.round(0).weight(0, 0) == doctest::Approx(0.1));
  CHECK(star.round(0).weight(3, 3) == doctest::Approx(0.9));
}

TEST_CASE("complete graph is J") {
  const Topology complete = build("complete", 9);
  CHECK(complete.max_degree() == 8);
  CHECK(distance_to_average(dense(complete.round(0))) <= 1e-15);
  CHECK(summarize_consensus(complete).exact);
}

TEST_CASE("static exponential graph") {
  const Topology e25 = build("exponential", 25);
  CHECK(e25.round(0).weight(0, 16) == doctest::Approx(1.0 / 6));
  CHECK(e25.round(0).weight(16, 0) == 0.0);  // a circulant, not symmetric
  CHECK(is_good_mixing(e25.round(0), false));
  CHECK(e25.max_degree() == 10);  // undirected: 2 tau
  CHECK(beta(e25) == doctest::Approx(0.510861).epsilon(1e-6));
  for (int t = 1; t <= 7; ++t) {
    CAPTURE(t);
    CHECK(beta(build("exponential", NodeId{1} << t)) ==
          doctest::Approx(1.0 - 2.0 / (t + 1)).epsilon(1e-9));
  }
  CHECK(summarize_consensus(build("exponential", 3)).exact);
}

}  // namespace
}  // namespace commsim::testing
