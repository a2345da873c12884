// Missing-message policies end to end: with timeout_s a lossy 802.15.4 DSGD
// run and a DSGD run with a node crashed for good finish their rounds instead
// of stalling, and summary.json counts what was lost, missed and late.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

namespace {

nlohmann::json run_summary(const std::string& name, const nlohmann::json& scenario) {
  const auto folder = fresh_directory("missing-" + name);
  std::ofstream(folder / "scenario.json") << scenario.dump();
  const CliResult cli = run_cli("run '" + (folder / "scenario.json").string() +
                                "' --quiet --out '" + (folder / "out").string() + "'");
  REQUIRE(std::filesystem::exists(folder / "out" / "summary.json"));
  return nlohmann::json::parse(read_text(folder / "out" / "summary.json"));
}

// Logistic regression (it reports test accuracy) with DSGD on a ring of 6.
nlohmann::json dsgd_ring(const nlohmann::json& link) {
  return {{"name", "dsgd-ring"},
          {"nodes", 6},
          {"topology", {{"kind", "ring"}}},
          {"link", link},
          {"task", {{"kind", "logistic"}}},
          {"algorithm", {{"kind", "dsgd"}, {"timeout_s", 0.5}}},
          {"stop", {{"rounds", 20}}}};
}

}  // namespace

TEST_CASE(
    "a lossy 802.15.4 DSGD run with timeout_s completes, counts its losses and reports accuracy") {
  // Half the frames corrupted and no MAC retry: many messages are lost.
  const auto scenario =
      dsgd_ring({{"model", "ieee802154"}, {"frame_error_rate", 0.5}, {"max_frame_retries", 0}});
  const auto summary = run_summary("lossy", scenario);
  CHECK(summary["complete"] == true);
  CHECK(summary["stop_reason"] == "rounds");
  CHECK(summary["rounds_completed"] == 20);
  const auto lost = summary["end_traffic"]["messages_lost_channel"].get<std::int64_t>();
  CHECK(lost > 0);
  CHECK(summary["messages_lost"].get<std::int64_t>() > 0);
  const auto& missing = summary["missing_messages"];
  // A message a round closed without was lost or came late (and was dropped): nothing else.
  CHECK(missing["messages_missing"].get<std::int64_t>() ==
        lost + missing["messages_late"].get<std::int64_t>());
  CHECK(missing["rounds_timed_out"].get<std::int64_t>() > 0);
  REQUIRE(summary.contains("test_accuracy"));
  CHECK(summary["test_accuracy"].get<double>() > 0.5);
}

TEST_CASE("without timeout_s the same lossy run stalls: the timeout is what lets it finish") {
  auto scenario =
      dsgd_ring({{"model", "ieee802154"}, {"frame_error_rate", 0.5}, {"max_frame_retries", 0}});
  scenario["algorithm"].erase("timeout_s");
  const auto summary = run_summary("lossy-no-timeout", scenario);
  CHECK(summary["stop_reason"] == "stalled");
  CHECK(summary["missing_messages"]["rounds_timed_out"] == 0);
}

TEST_CASE("a node crashed for good does not hang its neighbours with timeout_s") {
  auto scenario = dsgd_ring({{"model", "affine_bit"}});
  scenario["faults"] = {{"crashes", {{{"node", 3}, {"at_s", 0}}}}};
  const auto summary = run_summary("crash", scenario);
  CHECK(summary["complete"] == true);
  CHECK(summary["stop_reason"] == "rounds");
  CHECK(summary["rounds_completed"] == 20);
  // Nodes 2 and 4 miss node 3's message in each of the 20 rounds; every other
  // missing message (nodes 1 and 5 timing out on 2 and 4, slowed by node 3) came late.
  const auto& missing = summary["missing_messages"];
  CHECK(missing["messages_missing"].get<std::int64_t>() ==
        40 + missing["messages_late"].get<std::int64_t>());
  CHECK(missing["rounds_timed_out"].get<std::int64_t>() >= 40);
  // Node 3 sent nothing; its neighbours' messages to it are lost (2 per round).
  CHECK(summary["end_traffic"]["messages_lost_node_crashed"] == 40);
}

TEST_CASE(
    "a compressed downlink over a lossy link resends the replica in full and still converges") {
  // ps_sgd sync sending top-5% model differences; 5% of messages lost, up or
  // down. A worker that missed a round gets x_hat in full next round; a
  // replica left behind would compute its gradients at the wrong model.
  const auto scenario = [](double loss_rate) {
    return nlohmann::json{
        {"name", "downlink"},
        {"nodes", 4},
        {"link", {{"model", "ethernet"}, {"loss_rate", loss_rate}}},
        {"task",
         {{"kind", "logistic"}, {"dataset", "synthetic"}, {"samples", 2000}, {"features", 200}}},
        {"algorithm", {{"kind", "ps_sgd"}, {"lr", 0.5}, {"momentum", 0.0}, {"timeout_s", 0.01}}},
        {"downlink", {{"kind", "top_k"}, {"ratio", 0.05}}},
        {"stop", {{"rounds", 300}}}};
  };
  const auto lossless = run_summary("downlink-lossless", scenario(0.0));
  const auto lossy = run_summary("downlink-lossy", scenario(0.05));
  CHECK(lossy["rounds_completed"] == 300);
  const auto& missing = lossy["missing_messages"];
  const auto resends = missing["retransmissions"].get<std::int64_t>();
  CHECK(resends > 0);
  CHECK(resends <= missing["messages_missing"].get<std::int64_t>());
  CHECK(lossless["missing_messages"]["retransmissions"] == 0);
  const double exact = lossless["train_loss"].get<double>();
  CHECK(lossy["train_loss"].get<double>() == doctest::Approx(exact).epsilon(0.02));
}

TEST_CASE("ps_sgd whose server is cut off from every worker for good stalls instead of resending") {
  // Both links from the server down from t = 0 with no end: no worker can
  // ever answer, so neither mode may keep sending models (simulated time
  // would run forever).
  for (const char* mode : {"sync", "async"}) {
    CAPTURE(mode);
    const nlohmann::json scenario = {
        {"name", "cut-off"},
        {"nodes", 2},
        {"task", {{"kind", "logistic"}, {"samples", 200}, {"features", 20}}},
        {"algorithm", {{"kind", "ps_sgd"}, {"mode", mode}, {"timeout_s", 0.01}}},
        {"faults",
         {{"links_down",
           {{{"from", 2}, {"to", 0}, {"down_s", 0.0}},
            {{"from", 2}, {"to", 1}, {"down_s", 0.0}}}}}},
        {"stop", {{"rounds", 10}}}};
    const auto summary = run_summary(std::string("cut-off-") + mode, scenario);
    CHECK(summary["stop_reason"] == "stalled");
    CHECK(summary["rounds_completed"] == 0);
    CHECK(summary["end_time_s"].get<double>() < 1.0);
  }
}
