// The faults block end to end through the real executable: bad blocks are
// input errors with their JSON path; a run that can never finish ends
// "stalled" with a stop_detail and never hangs; results repeat with the seed.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

namespace {

struct Run {
  CliResult cli;
  nlohmann::json summary;
  std::string series;
};

Run run_scenario(const std::string& name, const nlohmann::json& scenario) {
  const auto folder = fresh_directory("faults-" + name);
  std::ofstream(folder / "scenario.json") << scenario.dump();
  Run run;
  run.cli = run_cli("run '" + (folder / "scenario.json").string() + "' --quiet --out '" +
                    (folder / "out").string() + "'");
  if (std::filesystem::exists(folder / "out" / "summary.json")) {
    run.summary = nlohmann::json::parse(read_text(folder / "out" / "summary.json"));
    run.series = read_text(folder / "out" / "series.csv");
  }
  return run;
}

// Least squares with DSGD on a ring of 6: small and quick.
nlohmann::json dsgd_ring() {
  return {{"name", "dsgd-ring"},
          {"nodes", 6},
          {"topology", {{"kind", "ring"}}},
          {"link", {{"model", "affine_bit"}}},
          {"task", {{"kind", "least_squares"}}},
          {"algorithm", {{"kind", "dsgd"}}},
          {"stop", {{"rounds", 20}}}};
}

nlohmann::json gossip_ring() {
  return {{"name", "gossip-ring"},
          {"nodes", 8},
          {"topology", {{"kind", "ring"}}},
          {"link", {{"model", "affine_bit"}}},
          {"task", {{"kind", "consensus"}, {"dim", 10}}},
          {"algorithm", {{"kind", "gossip"}}},
          {"stop", {{"rounds", 200}}}};
}

}  // namespace

TEST_CASE("bad faults blocks exit 2 naming the JSON path and what is allowed") {
  struct Case {
    const char* label;
    nlohmann::json faults;
    const char* expected;
  };
  const Case cases[] = {
      {"negative rate", {{"node_crash_rate_per_s", -1}}, "faults.node_crash_rate_per_s: got -1"},
      {"zero repair mean", {{"mean_down_s", 0}}, "faults.mean_down_s: got 0"},
      {"up before down",
       {{"links_down", {{{"from", 0}, {"to", 1}, {"down_s", 2}, {"up_s", 1}}}}},
       "faults.links_down[0].up_s: got 1, expected a time after down_s = 2"},
      {"node out of range",
       {{"crashes", {{{"node", 1}, {"at_s", 0}}, {{"node", 6}, {"at_s", 0}}}}},
       "faults.crashes[1].node: got 6, expected a node in 0..5"},
      {"no such link",
       {{"links_down", {{{"from", 0}, {"to", 3}, {"down_s", 0}}}}},
       "faults.links_down[0]: no link 0 -> 3"},
      {"missing time", {{"crashes", {{{"node", 1}}}}}, "faults.crashes[0].at_s: is required"},
      {"unknown key", {{"crashes", {{{"node", 1}, {"at", 0}}}}}, "faults.crashes[0].at: unknown"},
      {"not a list", {{"links_down", 5}}, "faults.links_down: got 5, expected a list"},
      {"unknown unit", {{"link_failure_unit", "pair"}}, "faults.link_failure_unit"},
  };
  for (const auto& bad : cases) {
    CAPTURE(bad.label);
    nlohmann::json scenario = dsgd_ring();
    scenario["faults"] = bad.faults;
    const Run run = run_scenario("bad", scenario);
    CHECK(run.cli.exit_code == 2);
    CHECK(std::count(run.cli.err.begin(), run.cli.err.end(), '\n') == 1);
    CHECK_MESSAGE(run.cli.err.find(bad.expected) != std::string::npos, run.cli.err);
  }
}

TEST_CASE("dsgd on a ring with a node crashed for good stalls with a stop_detail") {
  nlohmann::json scenario = dsgd_ring();
  scenario["faults"] = {{"crashes", {{{"node", 3}, {"at_s", 0}}}}};
  const Run run = run_scenario("crash", scenario);
  REQUIRE(run.cli.exit_code == 0);
  CHECK(run.summary["complete"] == false);
  CHECK(run.summary["stop_reason"] == "stalled");
  const std::string detail = run.summary["stop_detail"];
  CAPTURE(detail);
  CHECK(detail.find("no events left") != std::string::npos);
  CHECK(detail.find("nodes down: 3 for good") != std::string::npos);
  CHECK(detail.find("links down: none") != std::string::npos);
  CHECK(detail.find("furthest round sent") != std::string::npos);
  // Node 3's neighbours 2 and 4 send it their model: lost; whatever node 3
  // tried to send while down is lost too. Nothing else is lost.
  const auto& end = run.summary["end_traffic"];
  CHECK(end["messages_lost_node_crashed"].get<int>() >= 2);
  CHECK(end["messages_lost"] == end["messages_lost_node_crashed"]);
  CHECK(end["messages_lost_channel"] == 0);
  CHECK(end["messages_lost_link_down"] == 0);
  CHECK(run.summary["rounds_completed"] == 0);
  const Run again = run_scenario("crash-again", scenario);
  CHECK(again.summary == run.summary);
  CHECK(again.series == run.series);
}

TEST_CASE("permanent random link failures end the run (stalled), never hang, and repeat") {
  nlohmann::json scenario = gossip_ring();
  scenario["faults"] = {{"link_failure_rate_per_s", 1e6}};  // mean 1 us to failure; no repair
  const Run run = run_scenario("random-links", scenario);
  REQUIRE(run.cli.exit_code == 0);
  CHECK(run.summary["stop_reason"] == "stalled");
  CHECK(run.summary["end_traffic"]["messages_lost_link_down"].get<int>() > 0);
  const std::string detail = run.summary["stop_detail"];
  CHECK(detail.find("for good") != std::string::npos);
  const Run again = run_scenario("random-links-again", scenario);
  CHECK(again.summary == run.summary);
}

TEST_CASE("an empty faults block changes nothing but the resolved scenario") {
  const Run plain = run_scenario("plain", gossip_ring());
  nlohmann::json scenario = gossip_ring();
  scenario["faults"] = nlohmann::json::object();
  const Run with_block = run_scenario("empty-faults", scenario);
  REQUIRE(plain.cli.exit_code == 0);
  REQUIRE(with_block.cli.exit_code == 0);
  CHECK(plain.series == with_block.series);
  CHECK(with_block.summary["messages_lost"] == 0);
  CHECK(with_block.summary["stop_reason"] == "rounds");
}
