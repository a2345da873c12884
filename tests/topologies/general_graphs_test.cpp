// Random and user graphs with Metropolis-Hastings weights.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "tests/topologies/topology_checks.hpp"
#include "topologies/consensus_rate.hpp"

namespace commsim::testing {
namespace {

// Connected iff beta < 1: MH weights keep every self weight positive.
bool connected(const Topology& t) {
  return consensus_rate(t) < 1.0 - 1e-9;
}

std::vector<std::pair<NodeId, NodeId>> links(const Topology& t) {
  return t.directed_links();
}

// Writes `text` to a scratch file in the system temporary folder.
std::string write_graph_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("commsim_" + name + ".txt");
  std::ofstream(path) << text;
  return path.string();
}

TEST_CASE("erdos_renyi: MH weights, connected, reproducible by seed") {
  const Topology a = build("erdos_renyi", 60, {{"p", 0.15}, {"seed", 7}});
  CHECK(is_good_mixing(a.round(0), true));
  CHECK(connected(a));
  CHECK(links(a) == links(build("erdos_renyi", 60, {{"p", 0.15}, {"seed", 7}})));
  CHECK(links(a) != links(build("erdos_renyi", 60, {{"p", 0.15}, {"seed", 8}})));
  // W_ij = 1 / (1 + max(deg_i, deg_j)).
  const MixingMatrix& w = a.round(0);
  for (NodeId i = 0; i < 60; ++i) {
    for (const NodeId j : w.senders_to(i)) {
      const auto degree = std::max(w.senders_to(i).size(), w.senders_to(j).size());
      CHECK(w.weight(i, j) == doctest::Approx(1.0 / (1.0 + static_cast<double>(degree))));
    }
  }
  CHECK_THROWS_WITH_AS(build("erdos_renyi", 60, {{"p", 0.01}}), doctest::Contains("disconnected"),
                       InputError);
  CHECK(build("erdos_renyi", 5, {{"p", 1.0}}).max_degree() == 4);
}

TEST_CASE("small_world: Watts-Strogatz lattice with rewiring") {
  const Topology lattice = build("small_world", 30, {{"neighbours", 4}, {"rewire", 0.0}});
  CHECK(lattice.max_degree() == 4);
  CHECK(lattice.round(0).weight(0, 2) == doctest::Approx(0.2));
  const Topology rewired =
      build("small_world", 100, {{"neighbours", 6}, {"rewire", 0.3}, {"seed", 3}});
  CHECK(is_good_mixing(rewired.round(0), true));
  CHECK(connected(rewired));
  CHECK(links(rewired) ==
        links(build("small_world", 100, {{"neighbours", 6}, {"rewire", 0.3}, {"seed", 3}})));
  CHECK(rewired.directed_links().size() == 600);  // rewiring keeps the edge count
  CHECK_THROWS_AS(build("small_world", 30, {{"neighbours", 3}}), InputError);
  CHECK_THROWS_AS(build("small_world", 4, {{"neighbours", 4}}), InputError);
}

TEST_CASE("random_regular: every node has the degree asked for") {
  for (const auto& [n_given, d_given] :
       std::vector<std::pair<NodeId, int>>{{10, 3}, {50, 4}, {101, 2}, {200, 7}, {2, 1}}) {
    const auto n = n_given;  // clang 14 cannot capture a structured binding (CAPTURE is a lambda)
    const auto d = d_given;
    CAPTURE(n);
    CAPTURE(d);
    const Topology t = build("random_regular", n, {{"degree", d}, {"seed", 5}});
    for (NodeId i = 0; i < n; ++i)
      CHECK(t.round(0).senders_to(i).size() == static_cast<std::size_t>(d));
    CHECK(is_good_mixing(t.round(0), true));
    CHECK(connected(t));
    CHECK(links(t) == links(build("random_regular", n, {{"degree", d}, {"seed", 5}})));
  }
  CHECK_THROWS_WITH_AS(build("random_regular", 9, {{"degree", 3}}),
                       doctest::Contains("degree * nodes even"), InputError);
  CHECK_THROWS_AS(build("random_regular", 4, {{"degree", 4}}), InputError);
  CHECK_THROWS_AS(build("random_regular", 6, {{"degree", 1}}), InputError);
}

// A fingerprint of the link set, to pin drawn graphs against silent changes
// (a different standard library, Boost version or platform must not move them).
std::uint64_t fingerprint(const Topology& t) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const auto& [from, to] : t.directed_links()) {
    hash = (hash ^ static_cast<std::uint64_t>(from)) * 1099511628211ULL;
    hash = (hash ^ static_cast<std::uint64_t>(to)) * 1099511628211ULL;
  }
  return hash;
}

TEST_CASE("random graphs are pinned: the same seed gives the same graph on every platform") {
  const auto regular = build("random_regular", 8, {{"degree", 3}, {"seed", 1}});
  const auto first = regular.round(0).senders_to(0);
  CHECK(std::vector<NodeId>(first.begin(), first.end()) == std::vector<NodeId>{2, 4, 7});
  CHECK(fingerprint(regular) == 1902127719035551047ULL);
  CHECK(fingerprint(build("erdos_renyi", 30, {{"p", 0.3}})) == 13688817084812399545ULL);
  CHECK(fingerprint(build("small_world", 30, {{"rewire", 0.2}})) == 5066478672913369681ULL);
}

TEST_CASE("edge_list reads \"u v\" lines and reports the file and line of a bad one") {
  const auto path = write_graph_file("path", "# a path\n0 1\n1 2\n\n2 3  # last edge\n3 2\n");
  const Topology t = build("edge_list", 4, {{"file", path}});
  CHECK(t.max_degree() == 2);
  CHECK(is_good_mixing(t.round(0), true));
  CHECK(t.round(0).weight(0, 1) == doctest::Approx(1.0 / 3));
  CHECK_THROWS_WITH_AS(build("edge_list", 3, {{"file", path}}),
                       doctest::Contains((path + ":5: node 3 is outside 0..2").c_str()),
                       InputError);
  const auto bad = write_graph_file("bad", "0 1\n1 x\n");
  CHECK_THROWS_WITH_AS(build("edge_list", 4, {{"file", bad}}),
                       doctest::Contains((bad + ":2: expected two node ids").c_str()), InputError);
  const auto loop = write_graph_file("loop", "0 1\n1 1\n");
  CHECK_THROWS_WITH_AS(build("edge_list", 2, {{"file", loop}}),
                       doctest::Contains((loop + ":2: self-loop").c_str()), InputError);
  CHECK_THROWS_WITH_AS(build("edge_list", 5, {{"file", path}}),
                       doctest::Contains("disconnected (2 components"), InputError);
  CHECK_THROWS_WITH_AS(build("edge_list", 5, {{"file", path + ".missing"}}),
                       doctest::Contains("cannot open"), InputError);
  CHECK_THROWS_WITH_AS(build("edge_list", 5), "topology.file: is required: a string", InputError);
  for (const auto& file : {path, bad, loop})
    std::filesystem::remove(file);
}

}  // namespace
}  // namespace commsim::testing
