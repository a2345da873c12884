// stop.epochs: passes over the training set, turned into rounds of one
// minibatch step per node holding data.
#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

namespace {
// 1000 synthetic samples, 200 held out: 800 training samples on 5 nodes with
// batches of 16, so one epoch is 800 / (5 x 16) = 10 rounds.
nlohmann::json logistic(const nlohmann::json& stop) {
  return {{"name", "epochs"},
          {"nodes", 5},
          {"topology", {{"kind", "ring"}}},
          {"link", {{"model", "affine_bit"}}},
          {"task",
           {{"kind", "logistic"},
            {"dataset", "synthetic"},
            {"samples", 1000},
            {"test_fraction", 0.2},
            {"features", 10},
            {"batch", 16}}},
          {"algorithm", {{"kind", "dsgd"}, {"lr", 0.1}}},
          {"stop", stop}};
}

std::filesystem::path folder_of(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("commsim-test-stop-epochs-" + name + "-" + process_tag());
}

CliResult run(const std::string& name, const nlohmann::json& scenario) {
  const auto folder = fresh_directory("stop-epochs-" + name);
  std::ofstream(folder / "s.json") << scenario.dump();
  return run_cli("run '" + (folder / "s.json").string() + "' --quiet --out '" +
                 (folder / "out").string() + "'");
}

nlohmann::json summary_of(const std::string& name) {
  return nlohmann::json::parse(read_text(folder_of(name) / "out" / "summary.json"));
}
}  // namespace

TEST_CASE("stop.epochs 2.5 runs ceil(2.5 x 800 / (5 x 16)) = 25 rounds and says so") {
  REQUIRE(run("ok", logistic({{"epochs", 2.5}, {"rounds", 1000}})).exit_code == 0);
  const auto summary = summary_of("ok");
  CHECK(summary["rounds_completed"] == 25);
  CHECK(summary["stop_reason"] == "epochs");
  CHECK(summary["complete"] == true);
  // 0.05 epochs is 0.5 rounds: a started round is run to its end.
  REQUIRE(run("part", logistic({{"epochs", 0.05}, {"rounds", 1000}})).exit_code == 0);
  CHECK(summary_of("part")["rounds_completed"] == 1);
}

TEST_CASE("stop.epochs needing more than stop.rounds, or on a task without data, exits 2") {
  const CliResult over = run("over", logistic({{"epochs", 20}}));  // 200 rounds > the default 100
  CHECK(over.exit_code == 2);
  CHECK(over.err.find("stop.epochs: got 20, which needs 200 rounds") != std::string::npos);
  CHECK(over.err.find("raise stop.rounds") != std::string::npos);
  nlohmann::json consensus = logistic({{"epochs", 1}});
  consensus["task"] = {{"kind", "consensus"}, {"dim", 4}};
  consensus["algorithm"] = {{"kind", "gossip"}};
  const CliResult no_data = run("consensus", consensus);
  CHECK(no_data.exit_code == 2);
  CHECK(no_data.err.find("stop.epochs: this task has no training set") != std::string::npos);
  CHECK(run("zero", logistic({{"epochs", 0}})).exit_code == 2);
}
