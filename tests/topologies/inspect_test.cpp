// topologies/inspect.hpp: the `commsim topology` JSON and Graphviz output.
#include <doctest/doctest.h>

#include <numbers>
#include <numeric>
#include <sstream>

#include "tests/topologies/topology_checks.hpp"
#include "topologies/consensus_rate.hpp"
#include "topologies/inspect.hpp"
#include "topologies/integer_math.hpp"

namespace commsim::testing {
namespace {

TEST_CASE("describe_topology lists every non-zero entry of every round") {
  const nlohmann::json d = describe_topology(build("base", 3, {{"k", 1}}));
  CHECK(d.at("kind") == "base");
  CHECK(d.at("nodes") == 3);
  CHECK(d.at("period") == 3);
  CHECK(d.at("max_degree") == 1);
  CHECK(d.at("exact") == true);
  CHECK(d.at("beta") == 0.0);
  REQUIRE(d.at("rounds").size() == 3);
  // R2 = S(2|1; 2/3): entries (0,0), (1,1), (1,2), (2,1), (2,2).
  const auto& r2 = d.at("rounds").at(1).at("weights");
  REQUIRE(r2.size() == 5);
  CHECK(r2.at(2).at(0) == 1);
  CHECK(r2.at(2).at(1) == 2);
  CHECK(r2.at(2).at(2).get<double>() == doctest::Approx(2.0 / 3));

  const nlohmann::json ring = describe_topology(build("ring", 25));
  CHECK(ring.at("exact") == false);
  CHECK(ring.at("beta").get<double>() == doctest::Approx(0.979055).epsilon(1e-6));
  CHECK(ring.at("rounds").at(0).at("weights").size() == 75);
}

TEST_CASE("sparse beta (Lanczos) agrees with the closed forms") {
  // kDenseNodes + 1 is the first size on the sparse path.
  for (const NodeId n : {kDenseNodes + 1, 1000, 3000}) {
    CAPTURE(n);
    const double expected = (1 + 2 * std::cos(2 * std::numbers::pi / n)) / 3;
    CHECK(std::abs(summarize_consensus(build("ring", n)).beta - expected) <= 1e-12);
  }
  // The ring is the hardest case (eigenvalues crowd just below beta).
  const double ring = (1 + 2 * std::cos(2 * std::numbers::pi / 10000)) / 3;
  CHECK(std::abs(summarize_consensus(build("ring", 10000)).beta - ring) <= 1e-7);
  // 2-D torus 250 x 400 (the largest divisor <= sqrt(n) gives a = 250).
  const double torus = (3 + 2 * std::cos(2 * std::numbers::pi / 400)) / 5;
  CHECK(std::abs(summarize_consensus(build("torus", 100000)).beta - torus) <= 1e-5);
  for (const NodeId n : {512, 1024}) {  // exponential, n = 2^t: 1 - 2/(t+1)
    CHECK(consensus_rate(build("exponential", n)) ==
          doctest::Approx(1.0 - 2.0 / (ceil_log2(n) + 1)).epsilon(1e-12));
  }
  // A time-varying, non-symmetric product on the sparse path, against a dense
  // power iteration on (P - J)^T (P - J) here.
  // (n = 300 has a clear gap below the top singular value, so it converges.)
  const Topology one_peer = build("one_peer_exponential", 300);
  Dense m = period_product(one_peer);
  for (auto& row : m) {
    for (auto& v : row)
      v -= 1.0 / static_cast<double>(m.size());
  }
  std::vector<double> x(m.size(), 1.0), y(m.size());
  x[0] = 2.0;
  double norm = 0.0;
  for (int iteration = 0; iteration < 200; ++iteration) {
    for (std::size_t i = 0; i < m.size(); ++i)
      y[i] = std::inner_product(m[i].begin(), m[i].end(), x.begin(), 0.0);
    std::fill(x.begin(), x.end(), 0.0);
    for (std::size_t i = 0; i < m.size(); ++i) {
      for (std::size_t j = 0; j < m.size(); ++j)
        x[j] += m[i][j] * y[i];
    }
    norm = std::sqrt(std::inner_product(x.begin(), x.end(), x.begin(), 0.0));
    for (auto& v : x)
      v /= norm;
  }
  CHECK(summarize_consensus(one_peer).beta == doctest::Approx(std::sqrt(norm)).epsilon(1e-9));
}

// Speed is measured in docs/performance.md, not asserted here; these check
// that the large cases work at all.
TEST_CASE("describe_topology handles n = 10000") {
  for (const auto& [kind_given, params] : std::vector<std::pair<std::string, nlohmann::json>>{
           {"ring", nlohmann::json::object()},
           {"base", {{"k", 1}}},
           {"torus", nlohmann::json::object()},
           {"one_peer_exponential", nlohmann::json::object()},
           {"exponential", nlohmann::json::object()}}) {
    const auto kind = kind_given;  // clang 14 cannot capture a structured binding (CAPTURE)
    CAPTURE(kind);
    const Topology t = build(kind, 10000, params);
    const nlohmann::json d = describe_topology(t);
    CHECK(d.at("rounds").size() == static_cast<std::size_t>(t.period()));
    CHECK(d.at("beta").get<double>() >= 0.0);
  }
}

TEST_CASE("base at n = 100000 is exact with degree 1") {
  const Topology t = build("base", 100000, {{"k", 1}});
  CHECK(t.period() == 28);  // q = 2^5, r = 3125: SB_1(3125) has 23 rounds, H_1(32) 5
  CHECK(t.max_degree() == 1);
  CHECK(summarize_consensus(t).exact);
}

TEST_CASE("Graphviz output has one cluster per round") {
  std::ostringstream out;
  write_topology_dot(out, build("base", 6, {{"k", 1}}));
  const std::string dot = out.str();
  CHECK(dot.rfind("digraph base {", 0) == 0);
  for (int r = 1; r <= 4; ++r)
    CHECK(dot.find("subgraph cluster_round_" + std::to_string(r) + " {") != std::string::npos);
  CHECK(dot.find("label=\"round 2\"") != std::string::npos);
  // Round 2 is S(2|1; 2/3) S(5|4; 2/3): vertices 6..11, one undirected edge each.
  CHECK(dot.find("7 -> 8[dir=none, label=0.666667];") != std::string::npos);
  CHECK(dot.find("6[label=\"0 (1)\"];") != std::string::npos);
  // A non-symmetric round draws arrows j -> i for W[i][j] (j sends to i).
  std::ostringstream arrows;
  write_topology_dot(arrows, build("exponential", 4));
  CHECK(arrows.str().find("1 -> 0[label=0.333333];") != std::string::npos);
}

}  // namespace
}  // namespace commsim::testing
