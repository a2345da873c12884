// link_overrides: a node's or an edge's own link model, and what
// `commsim validate --explain` says each node ends up with.
#include <doctest/doctest.h>

#include <fstream>

#include "app/link_overrides.hpp"
#include "app/scenario.hpp"
#include "cli_runner.hpp"
#include "models/algorithms/registry.hpp"

using namespace commsim;
using namespace commsim::testing;

namespace {

Scenario ring_of_six(const nlohmann::json& overrides) {
  return resolve_scenario({{"nodes", 6},
                           {"topology", {{"kind", "ring"}}},
                           {"link", {{"model", "ethernet"}, {"bandwidth_bps", 1e10}}},
                           {"link_overrides", overrides}},
                          "ring");
}

}  // namespace

TEST_CASE("a per-node override changes only that node's links, both directions") {
  const Scenario scenario = ring_of_six({{{"nodes", {2}}, {"bandwidth_bps", 1e8}}});
  const auto& algorithm =
      algorithm_registry().find(scenario.resolved["algorithm"]["kind"], "algorithm.kind");
  const NetworkLayout layout = algorithm.make.layout(*scenario.topology);
  int touched = 0;
  for (const auto& [from, to] : layout.links) {
    const auto model = link_model_for(from, to, scenario.link, scenario.link_overrides);
    if (from == 2 || to == 2) {
      ++touched;
      CHECK(model->line_rate_bps() == 1e8);
      CHECK(model->name() == "ethernet");  // same model, other parameters
    } else {
      CHECK(model == scenario.link);
    }
  }
  CHECK(touched == 4);  // 1 -> 2, 2 -> 1, 2 -> 3, 3 -> 2
  // The resolved file keeps the other link parameters and the node list.
  const auto& resolved = scenario.resolved["link_overrides"][0];
  CHECK(resolved["nodes"] == nlohmann::json{2});
  CHECK(resolved["mtu_bytes"] == scenario.resolved["link"]["mtu_bytes"]);
}

TEST_CASE("later overrides win, and an edge override takes another model from its defaults") {
  const Scenario scenario = ring_of_six({{{"nodes", {0, 1}}, {"bandwidth_bps", 1e9}},
                                         {{"edges", {{1, 0}}}, {"model", "affine_bit"}}});
  CHECK(link_model_for(0, 1, scenario.link, scenario.link_overrides)->name() == "affine_bit");
  CHECK(link_model_for(1, 0, scenario.link, scenario.link_overrides)->name() == "affine_bit");
  CHECK(link_model_for(1, 2, scenario.link, scenario.link_overrides)->line_rate_bps() == 1e9);
  CHECK(link_model_for(3, 4, scenario.link, scenario.link_overrides) == scenario.link);
  CHECK(node_link_model(1, scenario.link, scenario.link_overrides)->line_rate_bps() == 1e9);
}

TEST_CASE("validate --explain prints each node's rate, link and fabric NIC") {
  const auto folder = fresh_directory("explain");
  const auto file = folder / "mixed.json";
  std::ofstream(file) << R"({
    "nodes": 4, "topology": {"kind": "ring"},
    "link": {"model": "ethernet", "bandwidth_bps": 1e10},
    "link_overrides": [{"nodes": [2], "bandwidth_bps": 1e9}],
    "compute": {"node_flops_per_s": [1e9, 2e9, 3e9, 4e9], "straggler_nodes": [1]},
    "network": {"medium": {"kind": "fabric"}},
    "task": {"kind": "consensus", "dim": 10}, "algorithm": {"kind": "gossip"}})";
  const CliResult result = run_cli("validate '" + file.string() + "' --explain");
  REQUIRE(result.exit_code == 0);
  const auto has = [&](const std::string& text) {
    CHECK_MESSAGE(result.out.find(text) != std::string::npos, (text + "\n" + result.out));
  };
  has("node 1 (worker): 2e+08 FLOP/s (straggler); link: ethernet");
  has("node 2 (worker): 3e+09 FLOP/s; link_overrides[0]: ethernet (bandwidth_bps 1000000000.0");
  has("host h2: cable to switch at 1e+09 bit/s each way");
  has("host h3: cable to switch at 1e+10 bit/s each way");
  has("  to 2: link_overrides[0] (ethernet)");
}

TEST_CASE("a fabric run gives an overridden node's cable its own rate") {
  const auto folder = fresh_directory("override-run");
  const auto file = folder / "slow_host.json";
  std::ofstream(file) << R"({
    "nodes": 4, "topology": {"kind": "ring"},
    "link": {"model": "ethernet", "bandwidth_bps": 1e10},
    "link_overrides": [{"nodes": [2], "bandwidth_bps": 1e9}],
    "network": {"medium": {"kind": "fabric", "links_csv": true}},
    "task": {"kind": "consensus", "dim": 1000}, "algorithm": {"kind": "gossip"},
    "stop": {"rounds": 1}})";
  const auto out = folder / "out";
  REQUIRE(run_cli("run '" + file.string() + "' --quiet --out '" + out.string() + "'").exit_code ==
          0);
  const auto links = read_csv(out / "links.csv");
  REQUIRE(links.size() == 1 + 8);
  for (std::size_t row = 1; row < links.size(); ++row) {
    const std::string& name = links[row][1];
    const bool host2 = name == "h2->switch" || name == "switch->h2";
    CHECK_MESSAGE(std::stod(links[row][2]) == (host2 ? 1e9 : 1e10), name);
  }
}
