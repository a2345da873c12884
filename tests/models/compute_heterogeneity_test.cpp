// Heterogeneous nodes: a FLOP rate per node and stragglers chosen by id.
#include <doctest/doctest.h>

#include <vector>

#include "models/compute/compute_model.hpp"
#include "sim/params/input_error.hpp"

using namespace commsim;

namespace {

Params compute_params(nlohmann::json extra) {
  nlohmann::json block = {{"flops_per_s", 1e9},
                          {"energy_per_flop_j", 1e-9},
                          {"jitter", 0.0},
                          {"stragglers", 0},
                          {"straggler_slowdown", 10.0}};
  for (const auto& [key, value] : extra.items())
    block[key] = value;
  return Params(block, "compute");
}

}  // namespace

TEST_CASE("node_flops_per_s gives each node its rate and straggler_nodes slow the named ones") {
  const Params params = compute_params(
      {{"node_flops_per_s", {1e9, 2e9, 4e9, 8e9}}, {"straggler_nodes", {1}}, {"stragglers", 1}});
  const auto nodes = node_compute(params, 4);
  // Node 1 by name, node 3 as the highest-numbered of `stragglers`.
  CHECK(nodes[0].flops_per_s == 1e9);
  CHECK(nodes[1].flops_per_s == 2e8);
  CHECK(nodes[2].flops_per_s == 4e9);
  CHECK(nodes[3].flops_per_s == 8e8);
  CHECK_FALSE(nodes[0].straggler);
  CHECK(nodes[1].straggler);
  CHECK(nodes[3].straggler);

  // A step of 4e9 FLOPs takes F / rate on each node.
  Simulator simulator;
  ComputeModel compute(simulator, 4, params, 1);
  CHECK(compute.duration(0, 4e9) == seconds_to_simtime(4.0));
  CHECK(compute.duration(1, 4e9) == seconds_to_simtime(20.0));
  CHECK(compute.duration(2, 4e9) == seconds_to_simtime(1.0));
  CHECK(compute.duration(3, 4e9) == seconds_to_simtime(5.0));
}

TEST_CASE("a parameter server keeps flops_per_s unless node_flops_per_s names it") {
  // Four workers and a server (node 4): four rates leave the server at 1e9.
  const auto four =
      node_compute(compute_params({{"node_flops_per_s", {2e9, 2e9, 2e9, 2e9}}}), 5, 4);
  CHECK(four[3].flops_per_s == 2e9);
  CHECK(four[4].flops_per_s == 1e9);
  const auto five =
      node_compute(compute_params({{"node_flops_per_s", {2e9, 2e9, 2e9, 2e9, 5e10}}}), 5, 4);
  CHECK(five[4].flops_per_s == 5e10);
}

TEST_CASE("compute lists of the wrong length or naming absent nodes are refused at their path") {
  CHECK_THROWS_WITH_AS(node_compute(compute_params({{"node_flops_per_s", {1e9, 1e9}}}), 4),
                       doctest::Contains("compute.node_flops_per_s: holds 2 rates"), InputError);
  CHECK_THROWS_WITH_AS(node_compute(compute_params({{"straggler_nodes", {0, 7}}}), 4),
                       doctest::Contains("compute.straggler_nodes[1]: got 7"), InputError);
}
