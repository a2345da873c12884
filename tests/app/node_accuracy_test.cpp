// What a recorded round says about the nodes themselves: their own models'
// accuracy (record.node_accuracy) and, when faults crash nodes, how many are
// up and an average that leaves the crashed ones out (record.average).
#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

namespace {
// Logistic regression on synthetic data, DSGD on 6 nodes.
nlohmann::json logistic(const std::string& topology) {
  return {{"name", "acc"},
          {"nodes", 6},
          {"seed", 3},
          {"topology", {{"kind", topology}}},
          {"link", {{"model", "affine_bit"}}},
          {"task",
           {{"kind", "logistic"},
            {"dataset", "synthetic"},
            {"samples", 1200},
            {"features", 20},
            {"partition", "dirichlet"}}},
          {"algorithm", {{"kind", "dsgd"}, {"lr", 0.2}, {"timeout_s", 0.05}}},
          {"record", {{"every", 5}, {"node_accuracy", true}}},
          {"stop", {{"rounds", 40}}}};
}

std::vector<std::vector<std::string>> run_series(const std::string& name,
                                                 const nlohmann::json& scenario) {
  const auto folder = fresh_directory("node-accuracy-" + name);
  std::ofstream(folder / "s.json") << scenario.dump();
  const CliResult result = run_cli("run '" + (folder / "s.json").string() + "' --quiet --out '" +
                                   (folder / "out").string() + "'");
  REQUIRE(result.exit_code == 0);
  return read_csv(folder / "out" / "series.csv");
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  const auto it = std::find(header.begin(), header.end(), name);
  REQUIRE(it != header.end());
  return static_cast<std::size_t>(it - header.begin());
}
}  // namespace

TEST_CASE("node accuracy: equal to the average's on the complete graph, spread on a ring") {
  // On the complete graph every node holds the average after each mixing, so
  // its own accuracy is the averaged model's; on a ring the nodes differ.
  const auto complete = run_series("complete", logistic("complete"));
  const auto& header = complete[0];
  const auto mean = column(header, "node_accuracy_mean");
  const auto worst = column(header, "node_accuracy_worst");
  const auto average = column(header, "test_accuracy");
  for (std::size_t row = 1; row < complete.size(); ++row) {
    CHECK(std::stod(complete[row][mean]) == doctest::Approx(std::stod(complete[row][average])));
    CHECK(std::stod(complete[row][worst]) == doctest::Approx(std::stod(complete[row][average])));
  }
  const auto ring = run_series("ring", logistic("ring"));
  bool spread = false;
  for (std::size_t row = 1; row < ring.size(); ++row) {
    const double ring_mean = std::stod(ring[row][mean]), ring_worst = std::stod(ring[row][worst]);
    CHECK(ring_worst <= ring_mean + 1e-12);
    spread = spread || ring_worst < ring_mean - 1e-6;
  }
  CHECK(spread);
  // Off by default: no extra columns, so existing outputs keep their shape.
  nlohmann::json plain = logistic("ring");
  plain["record"].erase("node_accuracy");
  const auto without = run_series("plain", plain);
  CHECK(std::find(without[0].begin(), without[0].end(), "node_accuracy_mean") == without[0].end());
}

TEST_CASE("a crashed node leaves the averaged model unless record.average is all") {
  nlohmann::json scenario = logistic("ring");
  scenario["faults"] = {{"crashes", {{{"node", 2}, {"at_s", 0}}}}};
  const auto live = run_series("live", scenario);
  const auto& header = live[0];
  const auto nodes_up = column(header, "live_nodes");
  const auto consensus = column(header, "consensus_error");
  CHECK(live[1][nodes_up] == "5");  // node 2 is down from 0 s
  CHECK(live.back()[nodes_up] == "5");
  scenario["record"]["average"] = "all";
  const auto all = run_series("all", scenario);
  // The frozen node 2 drifts from the live ones: counting it raises the error.
  CHECK(std::stod(all.back()[consensus]) > std::stod(live.back()[consensus]));
  CHECK(all.back()[column(all[0], "live_nodes")] == "5");
}
