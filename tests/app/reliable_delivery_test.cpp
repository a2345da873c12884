// Reliable delivery by retransmission (allreduce; docs/algorithms.md,
// "Missing messages"): over a lossy link the ring all-reduce ends with exactly
// the model of the lossless run, paying with more messages and time; with a
// node crashed for good it ends stalled at once, the cause in stop_detail.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

namespace {

nlohmann::json run_summary(const std::string& name, const nlohmann::json& scenario) {
  const auto folder = fresh_directory("reliable-" + name);
  std::ofstream(folder / "scenario.json") << scenario.dump();
  const CliResult cli = run_cli("run '" + (folder / "scenario.json").string() +
                                "' --quiet --out '" + (folder / "out").string() + "'");
  REQUIRE(std::filesystem::exists(folder / "out" / "summary.json"));
  return nlohmann::json::parse(read_text(folder / "out" / "summary.json"));
}

// Logistic regression with ring all-reduce over 4 nodes on UDP ethernet.
nlohmann::json allreduce_ring(double loss_rate) {
  return {{"name", "allreduce-ring"},
          {"nodes", 4},
          {"seed", 5},
          {"topology", {{"kind", "ring"}}},
          {"link", {{"model", "ethernet"}, {"transport", "udp"}, {"loss_rate", loss_rate}}},
          {"task", {{"kind", "logistic"}}},
          {"algorithm", {{"kind", "allreduce"}, {"max_retransmissions", 20}}},
          {"stop", {{"rounds", 10}}}};
}

}  // namespace

TEST_CASE(
    "allreduce over a lossy link resends lost chunks and ends with the lossless run's model") {
  const auto lossless = run_summary("lossless", allreduce_ring(0.0));
  const auto lossy = run_summary("lossy", allreduce_ring(0.2));
  REQUIRE(lossless["stop_reason"] == "rounds");
  REQUIRE(lossy["stop_reason"] == "rounds");
  CHECK(lossy["rounds_completed"] == 10);
  const auto lost = lossy["end_traffic"]["messages_lost_channel"].get<std::int64_t>();
  CHECK(lost > 0);
  // Every lost copy was sent again, and nothing else: 10 rounds x 4 nodes x 6 steps + resends.
  CHECK(lossless["end_traffic"]["messages"] == 240);
  CHECK(lossy["missing_messages"]["retransmissions"] == lost);
  CHECK(lossy["end_traffic"]["messages"] == 240 + lost);
  CHECK(lossy["end_time_s"].get<double>() > lossless["end_time_s"].get<double>());
  // The same gradients were summed in the same order: the same model, bit for bit.
  CHECK(lossy["train_loss"] == lossless["train_loss"]);
  CHECK(lossy["test_accuracy"] == lossless["test_accuracy"]);
  CHECK(lossy["consensus_error"] == lossless["consensus_error"]);
}

TEST_CASE("allreduce with a node crashed for good ends stalled at once, naming the cause") {
  auto scenario = allreduce_ring(0.0);
  scenario["faults"] = {{"crashes", {{{"node", 3}, {"at_s", 0}}}}};
  const auto summary = run_summary("crash", scenario);
  CHECK(summary["stop_reason"] == "stalled");
  CHECK(summary["rounds_completed"] == 0);
  const std::string detail = summary["stop_detail"];
  CHECK(detail.rfind("allreduce: node 3 is down for good at ", 0) == 0);
  CHECK(detail.find("round 1 cannot complete") != std::string::npos);
  CHECK(summary["missing_messages"]["retransmissions"] == 0);
  // Nodes 0, 1, 2 send their step-0 chunks; node 2's to node 3 is lost, and
  // node 2 forwards node 1's chunk (arrived at the same instant) before it
  // learns of the loss: lost too. Node 1 forwards node 0's chunk; node 2 gets
  // it after the stall and sends nothing more (without the stop, a 6th message).
  CHECK(summary["end_traffic"]["messages"] == 5);
  CHECK(summary["end_traffic"]["messages_lost_node_crashed"] == 2);
  CHECK(summary["end_time_s"].get<double>() < 0.1);
}
