// Run health: a diverging run stops as "diverged" with the metric and round
// in stop_detail and a warning; NaN and growth are both caught; the final
// line rounds its numbers and says whether the target was reached.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

#include "app/divergence_watch.hpp"

using namespace commsim;
using namespace commsim::testing;

namespace {
SeriesRow row_at(std::int64_t round, std::optional<double> loss, std::optional<double> consensus) {
  SeriesRow row;
  row.round = round;
  row.train_loss = loss;
  row.consensus_error = consensus;
  return row;
}
}  // namespace

TEST_CASE("the divergence watch measures growth from each metric's first positive value") {
  DivergenceWatch watch(100.0);
  // Learning runs start from one shared model: the first consensus error is 0.
  CHECK_FALSE(watch.check(row_at(0, 2.0, 0.0)));
  CHECK_FALSE(watch.check(row_at(10, 150.0, 0.5)));  // loss 75x its first value: not yet
  CHECK_FALSE(watch.check(row_at(20, 1.0, 50.0)));   // consensus 100x: at the bound, not past it
  const auto detail = watch.check(row_at(30, 1.0, 50.5));
  REQUIRE(detail);
  CHECK(detail->find("consensus_error reached 50.5 at round 30") != std::string::npos);
  CHECK(detail->find("first value 0.5") != std::string::npos);
  DivergenceWatch loss_watch(100.0);
  CHECK_FALSE(loss_watch.check(row_at(0, 2.0, std::nullopt)));
  REQUIRE(loss_watch.check(row_at(5, 201.0, std::nullopt)));
}

TEST_CASE("a NaN or infinite metric is divergence at once, whatever the factor") {
  DivergenceWatch watch(1e300);
  CHECK_FALSE(watch.check(row_at(0, 2.0, 1.0)));
  const auto detail = watch.check(row_at(7, std::numeric_limits<double>::quiet_NaN(), 1.0));
  REQUIRE(detail);
  CHECK(detail->find("train_loss became nan at round 7") != std::string::npos);
  DivergenceWatch other(1e300);
  SeriesRow row = row_at(3, std::nullopt, std::numeric_limits<double>::infinity());
  CHECK(other.check(row)->find("consensus_error became inf") != std::string::npos);
}

TEST_CASE("CHOCO with too large a consensus step ends diverged, with a warning") {
  const auto folder = fresh_directory("run-health");
  const auto scenario = folder / "choco.json";
  // gamma = 1 with momentum 0.9 and top-10 %: the estimates overshoot and
  // the nodes' disagreement grows without bound (with gamma = 0.05 it converges).
  std::ofstream(scenario) << R"({
    "name": "choco_gamma", "nodes": 9, "seed": 1, "topology": {"kind": "ring"},
    "task": {"kind": "logistic", "dataset": "synthetic", "samples": 2000, "features": 50,
             "partition": "iid", "batch": 32},
    "algorithm": {"kind": "choco", "lr": 0.1, "momentum": 0.9, "gamma": 1.0},
    "compressor": {"kind": "top_k", "ratio": 0.1},
    "stop": {"rounds": 2000}, "record": {"every": 10}})";
  const auto out = folder / "out";
  const CliResult result = run_cli("run '" + scenario.string() + "' --out '" + out.string() + "'");
  REQUIRE(result.exit_code == 0);
  nlohmann::json summary;
  std::ifstream(out / "summary.json") >> summary;
  CHECK(summary["stop_reason"] == "diverged");
  CHECK(summary["complete"] == false);
  CHECK(summary["rounds_completed"].get<int>() < 2000);
  const std::string detail = summary["stop_detail"];
  CHECK(detail.find("consensus_error reached") != std::string::npos);
  CHECK(detail.find("at round " + std::to_string(summary["rounds_completed"].get<int>())) !=
        std::string::npos);
  CHECK(result.err.find("warning: run choco_gamma diverged: consensus_error") != std::string::npos);
  CHECK(result.out.find("(stopped by diverged)") != std::string::npos);

  const auto stable = folder / "stable";
  const CliResult converging =
      run_cli("run '" + scenario.string() +
              "' --set algorithm.gamma=0.05 --set stop.rounds=300 --out '" + stable.string() + "'");
  REQUIRE(converging.exit_code == 0);
  std::ifstream(stable / "summary.json") >> summary;
  CHECK(summary["stop_reason"] == "rounds");
  CHECK(summary["complete"] == true);
}

TEST_CASE("a sweep counts its diverged runs") {
  const auto folder = fresh_directory("sweep-health");
  const auto sweep = folder / "gammas.json";
  std::ofstream(sweep) << R"({
    "name": "gammas",
    "base": {"nodes": 9, "seed": 1, "topology": {"kind": "ring"},
             "task": {"kind": "logistic", "dataset": "synthetic", "samples": 2000,
                      "features": 50, "partition": "iid", "batch": 32},
             "algorithm": {"kind": "choco", "lr": 0.1, "momentum": 0.9},
             "compressor": {"kind": "top_k", "ratio": 0.1},
             "stop": {"rounds": 300}, "record": {"every": 10}},
    "grid": {"algorithm.gamma": [0.05, 1.0]}})";
  const auto out = folder / "out";
  const CliResult result =
      run_cli("sweep '" + sweep.string() + "' --quiet --out '" + out.string() + "'");
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("warning: 1 of 2 runs diverged") != std::string::npos);
}

TEST_CASE("the final line rounds its numbers and reports the target") {
  const auto folder = fresh_directory("final-line");
  const auto out = folder / "out";
  const CliResult result = run_cli(
      "run scenarios/quickstart.json --set stop.target.metric=consensus_error --set "
      "stop.target.value=1e-10 --out '" +
      out.string() + "'");
  REQUIRE(result.exit_code == 0);
  // 16 nodes on the 1-peer exponential graph average exactly in log2(16) = 4 rounds.
  CHECK(result.out.find("commsim: quickstart: 4 rounds (stopped by target), 0.971 s simulated, "
                        "2048000 payload bits, 1.67 J, consensus error ") != std::string::npos);
  CHECK(result.out.find("; target consensus_error <= 1e-10 reached at round 4") !=
        std::string::npos);
}
