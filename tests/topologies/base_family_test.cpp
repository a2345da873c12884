// The Base family (hyper_hypercube, simple_base, base) and its exactness
// checks, for every n <= 100 and k <= 5, with the period lengths from closed
// forms computed here independently of the library.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "tests/topologies/topology_checks.hpp"
#include "topologies/consensus_rate.hpp"

namespace commsim::testing {
namespace {

// The greedy factor list of H_k; empty for n = 1, {0} if n is not smooth.
std::vector<std::int64_t> greedy_list(std::int64_t n, std::int64_t k) {
  std::vector<std::int64_t> factors;
  for (std::int64_t f = k + 1; f >= 2; --f) {
    for (; n % f == 0; n /= f)
      factors.push_back(f);
  }
  return n == 1 ? factors : std::vector<std::int64_t>{0};
}

int greedy_length(std::int64_t n, std::int64_t k) {
  const auto factors = greedy_list(n, k);
  return factors == std::vector<std::int64_t>{0} ? -1 : static_cast<int>(factors.size());
}

// len SB_k(n): 1 for n = 1, the greedy factor count for smooth n, else
// 2 p_0 + 1 + [a_0 > 1].
int simple_base_length(std::int64_t n, std::int64_t k) {
  if (n == 1)
    return 1;
  if (greedy_length(n, k) >= 0)
    return greedy_length(n, k);
  int p0 = 0;
  std::int64_t leading = n;
  while (leading > k) {
    leading /= k + 1;
    ++p0;
  }
  return 2 * p0 + 1 + (leading > 1 ? 1 : 0);
}

int base_length(std::int64_t n, std::int64_t k) {
  std::int64_t q = n;
  while (greedy_length(q, k) < 0 || n % q != 0)
    --q;
  const int split = simple_base_length(n / q, k) + std::max(1, greedy_length(q, k));
  return simple_base_length(n, k) < split ? simple_base_length(n, k) : split;
}

// The exactness checks on one topology: degree <= k, every round a good
// mixing matrix, the period's product J.
void check_exact_family(const Topology& t, std::int64_t k) {
  CHECK(t.max_degree() <= k);
  for (int r = 0; r < t.period(); ++r)
    CHECK(is_good_mixing(t.round(r), true));
  CHECK(distance_to_average(period_product(t)) <= 1e-12);
}

TEST_CASE("Base and Simple Base: every n <= 100, k <= 5") {
  for (int k = 1; k <= 5; ++k) {
    for (NodeId n = 1; n <= 100; ++n) {
      CAPTURE(n);
      CAPTURE(k);
      const Topology simple = build("simple_base", n, {{"k", k}});
      CHECK(simple.period() == simple_base_length(n, k));
      check_exact_family(simple, k);
      const Topology base = build("base", n, {{"k", k}});
      CHECK(base.period() == base_length(n, k));
      check_exact_family(base, k);
      CHECK(base.period() <= simple.period());
    }
  }
}

TEST_CASE("hyper-hypercube: every smooth n <= 100, k <= 5") {
  for (int k = 1; k <= 5; ++k) {
    for (NodeId n = 1; n <= 100; ++n) {
      if (greedy_length(n, k) < 0)
        continue;
      CAPTURE(n);
      CAPTURE(k);
      const Topology t = build("hyper_hypercube", n, {{"k", k}});
      CHECK(t.period() == std::max(1, greedy_length(n, k)));
      check_exact_family(t, k);
      // Degree = largest factor - 1.
      const auto factors = greedy_list(n, k);
      CHECK(t.max_degree() == (n == 1 ? 0 : *std::max_element(factors.begin(), factors.end()) - 1));
      // For smooth n, Base is the hyper-hypercube.
      CHECK(build("base", n, {{"k", k}}).period() == t.period());
    }
  }
}

TEST_CASE("period table of base") {
  const std::map<NodeId, std::vector<int>> table = {
      {8, {3, 3, 2, 2, 2}},  {16, {4, 4, 2, 2, 2}}, {25, {9, 6, 5, 2, 2}},
      {32, {5, 5, 3, 3, 3}}, {64, {6, 6, 3, 3, 3}}, {100, {11, 8, 6, 3, 3}},
  };
  for (const auto& [nodes, lengths] : table) {
    const auto n = nodes;  // clang 14 cannot capture a structured binding (CAPTURE is a lambda)
    for (int k = 1; k <= 5; ++k) {
      CAPTURE(n);
      CAPTURE(k);
      CHECK(build("base", n, {{"k", k}}).period() == lengths[k - 1]);
    }
  }
  CHECK(build("base", 25, {{"k", 5}}).max_degree() == 4);  // a 5 x 5 hyper-hypercube
  const std::vector<int> longest = {13, 9, 7, 6, 6};
  for (int k = 1; k <= 5; ++k) {
    int worst = 0;
    for (NodeId n = 1; n <= 100; ++n)
      worst = std::max(worst, build("base", n, {{"k", k}}).period());
    CHECK(worst == longest[k - 1]);
  }
}

TEST_CASE("n = 245, k = 2: integer digits give degree 2 and length 11") {
  const Topology t = build("base", 245, {{"k", 2}});
  CHECK(t.max_degree() == 2);
  CHECK(t.period() == 11);
  check_exact_family(t, 2);
}

TEST_CASE("spot checks up to n = 2000") {
  for (const NodeId n : {127, 243, 256, 486, 729, 997, 1000, 1023, 1024, 1025, 1536, 1999, 2000}) {
    for (int k = 1; k <= 5; ++k) {
      CAPTURE(n);
      CAPTURE(k);
      for (const char* kind : {"base", "simple_base"}) {
        const Topology t = build(kind, n, {{"k", k}});
        CHECK(t.max_degree() <= k);
        CHECK(summarize_consensus(t).exact);
      }
      CHECK(build("base", n, {{"k", k}}).period() == base_length(n, k));
      CHECK(build("simple_base", n, {{"k", k}}).period() == simple_base_length(n, k));
    }
  }
}

TEST_CASE("split \"best\" shortens (66, 4) and (88, 4) to 5 rounds and never lengthens") {
  for (const NodeId n : {66, 88}) {
    CHECK(build("base", n, {{"k", 4}}).period() == 6);
    const Topology best = build("base", n, {{"k", 4}, {"split", "best"}});
    CHECK(best.period() == 5);
    check_exact_family(best, 4);
  }
  int shorter = 0;
  for (int k = 1; k <= 5; ++k) {
    for (NodeId n = 1; n <= 100; ++n) {
      const Topology best = build("base", n, {{"k", k}, {"split", "best"}});
      const int paper = build("base", n, {{"k", k}}).period();
      CHECK(best.period() <= paper);
      shorter += best.period() < paper ? 1 : 0;
      check_exact_family(best, k);
    }
  }
  CHECK(shorter == 2);
}

TEST_CASE("requirement errors name the rule and the bad value") {
  CHECK_THROWS_WITH_AS(
      build("hyper_hypercube", 7, {{"k", 2}}),
      doctest::Contains("every prime factor of nodes to be <= k+1 = 3, got nodes = 7"), InputError);
  CHECK_THROWS_WITH_AS(build("one_peer_hypercube", 6),
                       "topology: one_peer_hypercube needs nodes to be a power of 2, got 6",
                       InputError);
  CHECK_THROWS_AS(build("base", 10, {{"k", 0}}), InputError);
  CHECK_THROWS_AS(build("base", 10, {{"split", "shortest"}}), InputError);
}

}  // namespace
}  // namespace commsim::testing
