// Worked examples of the Base family, round by round in clique/star notation.
#include <doctest/doctest.h>

#include "tests/topologies/topology_checks.hpp"

namespace commsim::testing {
namespace {

Topology base(NodeId n, int k) {
  return build("base", n, {{"k", k}});
}
Topology simple_base(NodeId n, int k) {
  return build("simple_base", n, {{"k", k}});
}

TEST_CASE("n = 3: Base-2 has three rounds and only the aligned window averages") {
  const Topology t = base(3, 1);
  check_rounds(t, {"K{0,1}", "S(2|1; 2/3)", "K{0,1}"});
  CHECK(distance_to_average(period_product(t)) <= 1e-15);
  // The shifted window W1 W3 W2 (W2 applied first) is not J.
  const Topology shifted("shifted", {t.round(1), t.round(2), t.round(0)});
  CHECK(distance_to_average(period_product(shifted)) > 0.1);
  check_rounds(base(3, 2), {"K{0,1,2}"});
}

TEST_CASE("n = 5") {
  check_rounds(base(5, 1), {"K{0,1} K{2,3}", "K{0,2} K{1,3}", "K{0,1} S(4|3; 4/5)", "K{0,1} K{2,3}",
                            "K{0,2} K{1,3}"});
  const Topology t = base(5, 2);
  check_rounds(t, {"K{0,1,2} K{3,4}", "S(3|2; 3/5) S(4|1; 3/5)", "K{0,1,2} K{3,4}"});
  const Dense r2 = {{1, 0, 0, 0, 0},
                    {0, 0.4, 0, 0, 0.6},
                    {0, 0, 0.4, 0.6, 0},
                    {0, 0, 0.6, 0.4, 0},
                    {0, 0.6, 0, 0, 0.4}};
  CHECK(max_difference(dense(t.round(1)), r2) <= 1e-15);
}

TEST_CASE("n = 6") {
  check_rounds(simple_base(6, 1),
               {"K{0,1} K{2,3} K{4,5}", "K{0,2} K{1,3} K{4,5}", "K{0,1} S(4|3; 2/3) S(5|2; 2/3)",
                "K{0,1} K{2,3} K{4,5}", "K{0,2} K{1,3} K{4,5}"});
  // The README figure of the authors' repository: split q = 2, r = 3.
  check_rounds(base(6, 1), {"K{0,1} K{3,4}", "S(2|1; 2/3) S(5|4; 2/3)", "K{0,1} K{3,4}",
                            "K{0,3} K{1,4} K{2,5}"});
  check_rounds(base(6, 2), {"K{0,1} K{2,3} K{4,5}", "K{0,2,4} K{1,3,5}"});
}

TEST_CASE("n = 7") {
  check_rounds(base(7, 1), {"K{0,1} K{2,3} K{4,5}", "K{0,2} K{1,3} K{4,5}",
                            "S(4|2; 4/7) S(5|1; 4/7) S(6|3; 4/7)", "K{0,1} K{2,3} S(6|5; 2/3)",
                            "K{0,2} K{1,3} K{4,5}"});
  check_rounds(base(7, 2), {"K{0,1} K{2,3} K{4,5}", "K{0,2,4} K{1,3,5}", "K{0,1,3} S(6|2,5; 3/7)",
                            "K{0,1,2} K{3,4,5}"});
}

TEST_CASE("n = 10, k = 2: split q = 2, r = 5") {
  const std::string r1 = "K{0,1,2} K{3,4} K{5,6,7} K{8,9}";
  check_rounds(base(10, 2), {r1, "S(3|2;3/5) S(4|1;3/5) S(8|7;3/5) S(9|6;3/5)", r1,
                             "K{0,5} K{1,6} K{2,7} K{3,8} K{4,9}"});
}

TEST_CASE("n = 12, k = 1: split q = 4, r = 3") {
  check_rounds(base(12, 1),
               {"K{0,1} K{3,4} K{6,7} K{9,10}", "S(2|1; 2/3) S(5|4; 2/3) S(8|7; 2/3) S(11|10; 2/3)",
                "K{0,1} K{3,4} K{6,7} K{9,10}", "K{0,3} K{1,4} K{2,5} K{6,9} K{7,10} K{8,11}",
                "K{0,6} K{1,7} K{2,8} K{3,9} K{4,10} K{5,11}"});
}

TEST_CASE("n = 22, k = 4: plain Simple Base, because 4 < 5") {
  check_rounds(
      base(22, 4),
      {"K{0,1,2,3} K{4,5,6,7} K{8,9,10,11} K{12,13,14,15} K{16,17,18,19} K{20,21}",
       "K{0,4,8,12,16} K{1,5,9,13,17} K{2,6,10,14,18} K{3,7,11,15,19} K{20,21}",
       "K{0,1,2,5,6} K{7,10,11,12,15} K{16,17} S(20|4,9,14,19; 5/22) S(21|3,8,13,18; 5/22)",
       "K{0,1,2,3,4} K{5,6,7,8,9} K{10,11,12,13,14} K{15,16,17,18,19} K{20,21}"});
}

TEST_CASE("hyper-hypercube examples") {
  check_rounds(build("hyper_hypercube", 6, {{"k", 2}}),
               {"K{0,1} K{2,3} K{4,5}", "K{0,2,4} K{1,3,5}"});
  check_rounds(build("hyper_hypercube", 12, {{"k", 3}}),
               {"K{0,1,2} K{3,4,5} K{6,7,8} K{9,10,11}", "K{0,3,6,9} K{1,4,7,10} K{2,5,8,11}"});
  const Topology h8 = build("hyper_hypercube", 8, {{"k", 2}});
  const Topology cube = build("one_peer_hypercube", 8);
  REQUIRE(h8.period() == 3);
  for (int r = 0; r < 3; ++r)
    CHECK(max_difference(dense(h8.round(r)), dense(cube.round(r))) == 0.0);
  CHECK(build("hyper_hypercube", 25, {{"k", 4}}).period() == 2);
  check_rounds(build("hyper_hypercube", 1, {{"k", 3}}), {""});
}

}  // namespace
}  // namespace commsim::testing
