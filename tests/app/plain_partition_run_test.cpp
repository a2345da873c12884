// The plain Dirichlet draw end to end: a population where some nodes hold
// less than a batch (or nothing) still trains through the real executable.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

TEST_CASE("DSGD trains on a plain Dirichlet draw with nodes smaller than a batch") {
  const auto folder = fresh_directory("plain-partition");
  const nlohmann::json scenario = {
      {"name", "plain_partition"},
      {"seed", 1},
      {"nodes", 25},
      {"topology", {{"kind", "ring"}}},
      {"link", {{"model", "ethernet"}}},
      {"task",
       {{"kind", "softmax"},
        {"dataset", "synthetic"},
        {"samples", 1500},
        {"features", 10},
        {"classes", 10},
        {"batch", 32},
        {"partition", {{"kind", "dirichlet"}, {"alpha", 0.05}, {"redraw", false}}}}},
      {"algorithm", {{"kind", "dsgd"}, {"lr", 0.1}}},
      {"stop", {{"rounds", 100}}},
      {"record", {{"every", 50}}}};
  std::ofstream(folder / "scenario.json") << scenario.dump(2);
  const CliResult run = run_cli("run '" + (folder / "scenario.json").string() +
                                "' --quiet --out '" + (folder / "out").string() + "'");
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  const auto resolved = nlohmann::json::parse(read_text(folder / "out" / "scenario.resolved.json"));
  CHECK(resolved["task"]["redraw"] == false);
  const auto rows = read_csv(folder / "out" / "series.csv");
  REQUIRE(rows.size() == 4);  // header + rounds 0, 50, 100
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(rows[0].begin(), rows[0].end(), name) -
                                    rows[0].begin());
  };
  const double before = std::stod(rows[1][column("train_loss")]);
  const double after = std::stod(rows[3][column("train_loss")]);
  CHECK(std::isfinite(after));
  CHECK(after < 0.8 * before);
  CHECK(std::stod(rows[3][column("test_accuracy")]) > 0.3);

  // The same scenario with the redraw cannot give every node 32 rows.
  nlohmann::json redrawn = scenario;
  redrawn["task"]["partition"]["redraw"] = true;
  std::ofstream(folder / "redrawn.json") << redrawn.dump(2);
  const CliResult refused = run_cli("run '" + (folder / "redrawn.json").string() +
                                    "' --quiet --out '" + (folder / "refused").string() + "'");
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("set partition.redraw false") != std::string::npos);
}
