// A run on the fabric from the command line: the series names each
// interval's busiest physical link, and links.csv lists every link.
#include <doctest/doctest.h>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

TEST_CASE("a fabric run writes the bottleneck of every interval and, on request, links.csv") {
  const auto folder = fresh_directory("fabric-run");
  const auto scenario = folder / "racks.json";
  // Eight nodes in two racks of four behind a 4:1 uplink; gossip on a ring
  // sends 3 and 7 across the racks, so the uplinks are the busiest links.
  std::ofstream(scenario) << R"({
    "nodes": 8, "topology": {"kind": "ring"},
    "link": {"model": "ethernet", "bandwidth_bps": 1e10},
    "network": {"medium": {"kind": "fabric", "fabric": "racks", "hosts_per_rack": 4,
                           "oversubscription": 4, "links_csv": true}},
    "task": {"kind": "consensus", "dim": 250000}, "algorithm": {"kind": "gossip"},
    "stop": {"rounds": 3}})";
  const auto out = folder / "out";
  const CliResult result =
      run_cli("run '" + scenario.string() + "' --quiet --out '" + out.string() + "'");
  REQUIRE(result.exit_code == 0);
  const auto series = read_csv(out / "series.csv");
  REQUIRE(series.size() == 5);  // header and rounds 0..3
  const auto& header = series[0];
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  for (std::size_t row = 2; row < series.size(); ++row) {
    const std::string link = series[row][column("bottleneck_link")];
    CHECK((link.rfind("tor", 0) == 0 || link.rfind("core", 0) == 0));  // an uplink
    CHECK(std::stod(series[row][column("bottleneck_utilisation")]) > 0.5);
    CHECK(std::stod(series[row][column("bottleneck_utilisation")]) <= 1.0 + 1e-9);
  }
  const auto links = read_csv(out / "links.csv");
  // 8 host cables and 2 uplinks, both directions.
  CHECK(links.size() == 1 + 20);
  CHECK(links[0] ==
        std::vector<std::string>{"run", "link", "bandwidth_bps", "bytes", "utilisation"});
}

TEST_CASE("an edges_file path is taken from the scenario file's folder") {
  const auto folder = fresh_directory("fabric-file");
  std::ofstream(folder / "cables.txt")
      << "h0 s0 1e10 1e-6\nh1 s0 1e10 1e-6\ns0 s1 1e9 1e-6\nh2 s1 1e10 1e-6\nh3 s1 1e10 1e-6\n";
  const auto scenario = folder / "two_switches.json";
  std::ofstream(scenario) << R"({
    "nodes": 4, "topology": {"kind": "ring"}, "link": {"model": "ethernet"},
    "network": {"medium": {"kind": "fabric", "fabric": "file", "edges_file": "cables.txt"}},
    "task": {"kind": "consensus", "dim": 1000}, "algorithm": {"kind": "gossip"},
    "stop": {"rounds": 1}})";
  // The tests run from the repository's root, not from `folder`.
  const auto out = folder / "out";
  REQUIRE(
      run_cli("run '" + scenario.string() + "' --quiet --out '" + out.string() + "'").exit_code ==
      0);
  std::ifstream resolved_file(out / "scenario.resolved.json");
  const auto resolved = nlohmann::json::parse(resolved_file);
  CHECK(resolved["network"]["medium"]["edges_file"] ==
        (folder / "cables.txt").lexically_normal().string());
}

TEST_CASE("the shipped gateway scenario runs: radio energy for the sensors, cables for the hosts") {
  const auto folder = fresh_directory("gateway-run");
  const auto out = folder / "out";
  const CliResult result = run_cli(
      "run '" + std::string(COMMSIM_SOURCE_DIR) +
      "/scenarios/iot_gateway.json' --quiet --set stop.rounds=5 --out '" + out.string() + "'");
  REQUIRE(result.exit_code == 0);
  const auto summary = nlohmann::json::parse(std::ifstream(out / "summary.json"));
  CHECK(summary["complete"] == true);
  CHECK(summary["radio_tx_j"].get<double>() > 0.0);
  CHECK(summary["relayed_frames"].get<std::int64_t>() > 0);  // sensors two hops from the gateway
  // The gateway (node 7) and the parameter server (node 8) are the fabric's
  // hosts, named by their node ids.
  std::set<std::string> names;
  for (const auto& row : read_csv(out / "links.csv"))
    names.insert(row[1]);
  CHECK(names ==
        std::set<std::string>{"link", "h7->switch", "switch->h7", "h8->switch", "switch->h8"});
}
