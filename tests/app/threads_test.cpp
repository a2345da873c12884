// Numerics off the event loop change when the host computes, never what:
// every algorithm that hands its gradients, local steps or mixing sums to the
// work pool gives the same series and per-node rows on any thread count,
// also when crashes abandon steps mid-way and timeouts close rounds.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "app/experiment.hpp"
#include "app/run_output.hpp"
#include "app/scenario.hpp"

using namespace commsim;

namespace {

std::string outputs(const nlohmann::json& raw, unsigned threads) {
  const Scenario scenario = resolve_scenario(raw, "threads");
  const RunResult result = run_experiment(scenario, {}, 0, 1, threads);
  REQUIRE(result.rounds_completed == 40);
  if (raw.contains("faults"))
    CHECK(result.missing_messages.rounds_timed_out > 0);  // the crashes did matter
  return series_csv(result) + nodes_csv(result);
}

}  // namespace

TEST_CASE("threads: outputs are byte-identical on 1 2 and 5 threads for every offloaded step") {
  struct Case {
    std::string name;
    nlohmann::json patch;
  };
  const Case cases[] = {
      {"dsgd", {{"algorithm", {{"kind", "dsgd"}, {"momentum", 0.9}}}}},
      {"dpsgd", {{"algorithm", {{"kind", "dpsgd"}}}}},
      {"dsgd on a complete graph",
       {{"algorithm", {{"kind", "dsgd"}}}, {"topology", {{"kind", "complete"}}}}},
      {"choco with top-k",
       {{"algorithm", {{"kind", "choco"}, {"gamma", 0.2}}},
        {"compressor", {{"kind", "top_k"}, {"ratio", 0.2}}}}},
      {"ring all-reduce", {{"algorithm", {{"kind", "allreduce"}}}}},
      // Node 2 crashes mid-run (steps abandoned, redone after recovery) and
      // node 5 never comes back: neighbours close rounds by timeout (a round
      // takes about 45 us here).
      {"dsgd with crashes and timeouts",
       {{"algorithm", {{"kind", "dsgd"}, {"timeout_s", 0.0002}, {"missing", "last"}}},
        {"faults",
         {{"crashes",
           {{{"node", 2}, {"at_s", 0.0003}, {"recover_s", 0.0006}},
            {{"node", 5}, {"at_s", 0.0009}}}}}}}},
  };
  for (const Case& test : cases) {
    CAPTURE(test.name);
    nlohmann::json raw = nlohmann::json::parse(R"({
      "name": "threads", "nodes": 8, "seed": 3, "topology": {"kind": "ring"},
      "task": {"kind": "mlp", "dataset": "synthetic", "samples": 1200, "features": 20,
               "classes": 4, "hidden": 16, "partition": "iid", "batch": 16},
      "stop": {"rounds": 40}, "record": {"every": 5, "per_node": true}})");
    raw.merge_patch(test.patch);
    const std::string one = outputs(raw, 1);
    for (const unsigned threads : {2U, 5U}) {
      CAPTURE(threads);
      CHECK(outputs(raw, threads) == one);
    }
  }
}
