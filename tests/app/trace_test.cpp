// record.trace: trace.json is well-formed Chrome trace JSON, and a two-node
// run's spans have the durations the link model gives by hand.
#include <doctest/doctest.h>

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "trace_events.hpp"

using namespace commsim::testing;

namespace {
nlohmann::json run_traced(const std::string& name, const nlohmann::json& scenario) {
  const auto folder = fresh_directory("trace-" + name);
  std::ofstream(folder / "s.json") << scenario.dump();
  const CliResult result = run_cli("run '" + (folder / "s.json").string() + "' --quiet --out '" +
                                   (folder / "out").string() + "'");
  REQUIRE(result.exit_code == 0);
  REQUIRE(std::filesystem::exists(folder / "out" / "trace.json"));
  return nlohmann::json::parse(read_text(folder / "out" / "trace.json"));
}

}  // namespace

TEST_CASE("a two-node DSGD trace: sends take latency + bits / bandwidth, one receive each") {
  // least squares with 6 features: d = 7 floats = 224 bits; at 1 Mbit/s and
  // 1 ms latency a message takes 224 us + 1000 us on the wire.
  const nlohmann::json scenario = {
      {"name", "two"},
      {"nodes", 2},
      {"topology", {{"kind", "complete"}}},
      {"link", {{"model", "affine_bit"}, {"bandwidth_bps", 1e6}, {"latency_s", 1e-3}}},
      {"task", {{"kind", "least_squares"}, {"features", 6}, {"samples", 200}}},
      {"algorithm", {{"kind", "dsgd"}}},
      {"record", {{"trace", true}, {"trace_rounds", 2}}},
      {"stop", {{"rounds", 6}}}};
  const auto trace = run_traced("two", scenario);
  const auto names = named(trace, "thread_name");
  REQUIRE(names.size() == 2);
  CHECK(names[1]["args"]["name"] == "node 1");
  const auto sends = named(trace, "send round");
  std::map<std::int64_t, int> per_round;
  for (const auto& send : sends) {
    CHECK(send["ph"] == "X");
    CHECK(send["dur"].get<double>() == doctest::Approx(1224.0));
    CHECK(send["args"]["payload_bytes"] == 28);
    CHECK(send["args"]["to"] == nlohmann::json({1 - send["tid"].get<int>()}));
    ++per_round[send["args"]["round"].get<std::int64_t>()];
  }
  // Rounds 0 and 1 in full; the trace stops once round 2 is recorded.
  CHECK(per_round[0] == 2);
  CHECK(per_round[1] == 2);
  CHECK(per_round.count(5) == 0);
  const auto receives = named(trace, "receive");
  CHECK(receives.size() == sends.size());
  const auto computes = named(trace, "compute");
  REQUIRE_FALSE(computes.empty());
  CHECK(computes[0]["ts"].get<double>() == 0.0);  // the first gradient starts at once
  for (const auto& step : computes)
    CHECK(step["args"]["flops"].get<double>() > 0.0);
}

TEST_CASE("a crash is a span on the crashed node's track") {
  const nlohmann::json scenario = {{"name", "crash"},
                                   {"nodes", 4},
                                   {"topology", {{"kind", "ring"}}},
                                   {"link", {{"model", "affine_bit"}}},
                                   {"task", {{"kind", "consensus"}, {"dim", 4}}},
                                   {"algorithm", {{"kind", "gossip"}, {"timeout_s", 0.01}}},
                                   {"faults", {{"crashes", {{{"node", 3}, {"at_s", 0}}}}}},
                                   {"record", {{"trace", true}}},
                                   {"stop", {{"rounds", 3}}}};
  const auto trace = run_traced("crash", scenario);
  const auto crashed = named(trace, "crashed");
  REQUIRE(crashed.size() == 1);
  CHECK(crashed[0]["tid"] == 3);
  CHECK(crashed[0]["ts"].get<double>() == 0.0);
  CHECK(crashed[0]["dur"].get<double>() > 0.0);
  CHECK_FALSE(named(trace, "lost (node_crashed)").empty());
}
