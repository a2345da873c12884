// topologies/registry.cpp: every topology is listed, builds, and rejects bad input.
#include <doctest/doctest.h>

#include <set>

#include "tests/topologies/topology_checks.hpp"

namespace commsim::testing {
namespace {

TEST_CASE("the registry lists every topology and each builds at n = 16") {
  const std::set<std::string> expected = {"ring",
                                          "torus",
                                          "grid",
                                          "complete",
                                          "star",
                                          "exponential",
                                          "erdos_renyi",
                                          "small_world",
                                          "random_regular",
                                          "edge_list",
                                          "one_peer_exponential",
                                          "one_peer_hypercube",
                                          "hyper_hypercube",
                                          "simple_base",
                                          "base"};
  const auto names = topology_registry().names();
  CHECK(std::set<std::string>(names.begin(), names.end()) == expected);
  for (const auto& entry : topology_registry().entries()) {
    CAPTURE(entry.info.name);
    CHECK_FALSE(entry.info.description.empty());
    if (entry.info.name == "edge_list")
      continue;  // needs a file
    const Topology t = build(entry.info.name, 16);
    CHECK(t.nodes() == 16);
    CHECK(t.kind() == entry.info.name);
    for (int r = 0; r < t.period(); ++r)
      CHECK(is_good_mixing(t.round(r), false));
  }
}

TEST_CASE("every topology that can handle one node gives one identity round") {
  for (const auto& entry : topology_registry().entries()) {
    CAPTURE(entry.info.name);
    if (entry.info.name == "edge_list" || entry.info.name == "small_world" ||
        entry.info.name == "random_regular") {
      continue;
    }
    const Topology t = build(entry.info.name, 1);
    CHECK(t.period() == 1);
    CHECK(t.round(0).weight(0, 0) == 1.0);
  }
}

TEST_CASE("requirements are stated where they exist and checked with clear errors") {
  for (const char* name : {"torus", "one_peer_hypercube", "hyper_hypercube", "random_regular"}) {
    CHECK_FALSE(topology_registry().find(name, "topology.kind").info.requirements.empty());
  }
  CHECK_THROWS_WITH_AS(build("torus", 10, {{"rows", 3}}),
                       "topology.rows: torus needs rows to divide nodes = 10, got rows = 3",
                       InputError);
  CHECK_THROWS_WITH_AS(build("grid", 10, {{"rows", 4}}),
                       "topology.rows: grid needs rows to divide nodes = 10, got rows = 4",
                       InputError);
  CHECK_THROWS_AS(build("ring", 0), InputError);
  CHECK_THROWS_WITH_AS(build("bse", 8), doctest::Contains("did you mean"), InputError);
  CHECK_THROWS_WITH_AS(build("base", 8, {{"kk", 2}}), doctest::Contains("topology.kk"), InputError);
}

}  // namespace
}  // namespace commsim::testing
