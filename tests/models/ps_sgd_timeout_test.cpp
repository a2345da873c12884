// Parameter-server timeouts (docs/algorithms.md, "Missing messages"): a sync
// round closes timeout_s after the models went out with the mean of the
// gradients received; the async server sends its model again to a worker
// whose gradient never came back.
#include <doctest/doctest.h>

#include "tests/support/fixed_gradient_task.hpp"
#include "tests/support/fixed_link.hpp"

#include <vector>

#include "models/algorithms/parameter_server_sgd.hpp"
#include "models/algorithms/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedGradientTask;
using commsim::testing::FixedLink;

namespace {

constexpr NodeId kWorkers = 3;
constexpr NodeId kServer = kWorkers;
constexpr SimTime kDelivery = 1'000'000;  // 1 ms each way

struct TimeoutRun {
  std::vector<float> final_model;
  std::int64_t rounds = 0;
  MissingMessageCounters counters;
  std::vector<ParameterServerSgd::Applied> applied;
  std::int64_t messages = 0;
};

// Workers 0..2 with the fixed gradients (0.5, 0), (0, -1), (0, -1); lr 1, no
// momentum. `lost_uplink`: that worker's link to the server loses everything
// (`slow`: delivers everything after 1.5 s instead).
TimeoutRun run_with_timeout(const std::string& mode, NodeId lost_uplink, std::int64_t rounds,
                            const FaultConfig& faults = {}, double timeout_s = 1.0,
                            bool slow = false) {
  Simulator simulator;
  FixedGradientTask task;
  const Topology topology = make_topology({{"kind", "ring"}}, kWorkers, "topology");
  const NetworkLayout layout =
      algorithm_registry().find("ps_sgd", "algorithm.kind").make.layout(topology);
  Network network(simulator, layout.nodes, {}, 1);
  network.set_faults(std::make_shared<const FaultSchedule>(faults, 1));
  for (const auto& [from, to] : layout.links) {
    const bool odd = from == lost_uplink && to == kServer;
    const SimTime delivery = odd && slow ? seconds_to_simtime(1.5) : kDelivery;
    network.add_link(from, to, std::make_shared<FixedLink>(delivery, -1, !odd || slow));
  }
  ComputeModel compute(
      simulator, layout.nodes,
      Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"), 1,
      kWorkers);
  TimeoutRun run;
  AlgorithmContext context{
      simulator, network, topology, task, compute, 3, rounds, 1, [&](const RoundSnapshot& s) {
        run.final_model = (*s.node_models)[0];
        return true;
      }};
  const nlohmann::json params = {{"mode", mode},
                                 {"lr", 1.0},
                                 {"momentum", 0.0},
                                 {"max_staleness", nullptr},
                                 {"gradient", "stochastic"},
                                 {"timeout_s", timeout_s}};
  ParameterServerSgd algorithm(Params(params, "algorithm"), context);
  algorithm.start();
  simulator.run();
  run.rounds = algorithm.rounds_completed();
  run.counters = algorithm.missing_messages();
  run.applied = algorithm.applied();
  run.messages = network.totals().messages;
  return run;
}

}  // namespace

TEST_CASE(
    "sync ps_sgd with a worker's uplink lost steps with the mean of the two gradients received") {
  // Worker 2's gradient (0, -1) never arrives: each round applies
  // ((0.5, 0) + (0, -1)) / 2 = (0.25, -0.5), not the mean over three.
  const TimeoutRun run = run_with_timeout("sync", 2, 2);
  CHECK(run.rounds == 2);
  REQUIRE(run.final_model.size() == 2);
  CHECK(run.final_model[0] == doctest::Approx(1.0 - 2 * 0.25));
  CHECK(run.final_model[1] == doctest::Approx(2.0 + 2 * 0.5));
  CHECK(run.counters.rounds_timed_out == 2);
  CHECK(run.counters.messages_missing == 2);
  CHECK(run.counters.messages_late == 0);
  CHECK(run.applied.size() == 4);
}

TEST_CASE("sync ps_sgd drops a gradient that arrives after its round closed and counts it late") {
  // Worker 2's gradients take 1.5 s, the timeout is 1 s: each arrives after
  // its round closed, so the steps are those of the lost-uplink case.
  const TimeoutRun run = run_with_timeout("sync", 2, 2, {}, 1.0, true);
  CHECK(run.rounds == 2);
  CHECK(run.final_model[0] == doctest::Approx(1.0 - 2 * 0.25));
  CHECK(run.final_model[1] == doctest::Approx(2.0 + 2 * 0.5));
  CHECK(run.counters.rounds_timed_out == 2);
  CHECK(run.counters.messages_missing == 2);
  CHECK(run.counters.messages_late == 2);
}

TEST_CASE("sync ps_sgd without a lost message never times out and averages all three") {
  const TimeoutRun run = run_with_timeout("sync", -1, 2);
  CHECK(run.rounds == 2);
  CHECK(run.final_model[0] == doctest::Approx(1.0 - 2 * 0.5 / 3));
  CHECK(run.final_model[1] == doctest::Approx(2.0 + 2 * 2.0 / 3));
  CHECK(run.counters.rounds_timed_out == 0);
  CHECK(run.counters.messages_missing == 0);
}

TEST_CASE("sync ps_sgd with a worker crashed for good goes on with the others") {
  FaultConfig faults;
  faults.node_outages.push_back({0, 0, kSimTimeMax});  // worker 0, gradient (0.5, 0)
  const TimeoutRun run = run_with_timeout("sync", -1, 3, faults);
  CHECK(run.rounds == 3);
  CHECK(run.final_model[0] == doctest::Approx(1.0));
  CHECK(run.final_model[1] == doctest::Approx(2.0 + 3 * 1.0));
  CHECK(run.counters.rounds_timed_out == 3);
  CHECK(run.counters.messages_missing == 3);
}

TEST_CASE(
    "sync ps_sgd with every worker crashed for good stalls with a cause instead of resending "
    "forever") {
  FaultConfig faults;
  for (NodeId worker = 0; worker < kWorkers; ++worker)
    faults.node_outages.push_back({worker, 0, kSimTimeMax});
  const TimeoutRun run = run_with_timeout("sync", -1, 3, faults);
  CHECK(run.rounds == 0);
  CHECK(run.counters.rounds_timed_out == 1);
  CHECK(run.counters.messages_missing == 3);
  CHECK(run.counters.stall_cause ==
        "ps_sgd: every worker crashed or is cut off from the server for good; round 1 cannot "
        "complete");
}

TEST_CASE("async ps_sgd resends the model to a worker whose gradients never come back") {
  // Worker 2's gradients are lost: every timeout_s it is sent the model again,
  // while workers 0 and 1 make the 3 x 2 = 6 updates of two rounds.
  // A round trip takes 2 ms, the timeout is 2.5 ms.
  const TimeoutRun run = run_with_timeout("async", 2, 2, {}, 0.0025);
  CHECK(run.rounds == 2);
  CHECK(run.applied.size() == 6);
  for (const auto& entry : run.applied)
    CHECK(entry.worker != 2);
  CHECK(run.counters.retransmissions > 0);
}
