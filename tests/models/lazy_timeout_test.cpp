// LAG with a server timeout (docs/algorithms.md, "Missing messages"): a
// worker whose answer never comes counts as one that skipped, so its last
// upload stays in the lazily aggregated gradient.
#include <doctest/doctest.h>

#include "tests/support/fixed_link.hpp"

#include "models/algorithms/lazy_aggregation.hpp"
#include "models/algorithms/registry.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

namespace {
constexpr NodeId kWorkers = 4;
constexpr NodeId kServer = kWorkers;

struct LazyRun {
  std::vector<float> model;
  std::vector<SimTime> round_end;  // when each round was finished
  std::int64_t uploads = 0, skips = 0;
  MissingMessageCounters counters;
};

// LAG with a huge trigger budget: every worker uploads at round 0 only and
// skips after. `uplink_down_from`: worker 3's link to the server is down for good from then.
LazyRun run_lag(std::int64_t rounds, SimTime uplink_down_from) {
  const nlohmann::json block = {{"kind", "least_squares"}, {"samples", 400}, {"features", 6}};
  const auto& entry = task_registry().find("least_squares", "task.kind");
  const auto task = entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                               TaskContext{kWorkers, 7});
  Simulator simulator;
  const Topology topology = make_topology({{"kind", "ring"}}, kWorkers, "topology");
  const NetworkLayout layout =
      algorithm_registry().find("lag", "algorithm.kind").make.layout(topology);
  Network network(simulator, layout.nodes, {}, 1);
  FaultConfig faults;
  faults.link_outages.push_back({3, kServer, uplink_down_from, kSimTimeMax});
  network.set_faults(std::make_shared<const FaultSchedule>(faults, 1));
  for (const auto& [from, to] : layout.links)
    network.add_link(from, to, std::make_shared<FixedLink>(100));
  ComputeModel compute(
      simulator, layout.nodes,
      Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"), 1,
      kWorkers);
  LazyRun run;
  AlgorithmContext context{
      simulator, network, topology, *task, compute, 1, rounds, 1, [&](const RoundSnapshot& s) {
        run.model = (*s.node_models)[0];
        run.round_end.push_back(s.time);
        return true;
      }};
  const nlohmann::json params = {
      {"lr", 0.1}, {"history", 10}, {"xi_sum", 1e9}, {"timeout_s", 1e-3}};
  LazyAggregation algorithm(LazyAggregation::Rule::kLag, Params(params, "algorithm"), context);
  algorithm.start();
  simulator.run();
  CHECK(algorithm.rounds_completed() == rounds);
  run.uploads = algorithm.uploads();
  run.skips = algorithm.skips();
  run.counters = algorithm.missing_messages();
  return run;
}
}  // namespace

TEST_CASE(
    "LAG with a worker's answers lost keeps its stale upload: the same steps as when it skips") {
  // Without the outage every worker skips after round 0 and the server steps
  // with the same aggregate each round. With worker 3's link down from the end
  // of round 1 on, its skip notices are lost; closing the round at the timeout
  // with its last upload kept must give exactly the same model.
  const LazyRun reference = run_lag(6, kSimTimeMax);
  CHECK(reference.uploads == kWorkers);
  CHECK(reference.counters.rounds_timed_out == 0);
  REQUIRE(reference.round_end.size() == 7);
  // (1 ns after round 1's models left: the last upload of round 0 arrived at that very instant.)
  const LazyRun lossy = run_lag(6, reference.round_end[1] + 1);
  CHECK(lossy.model == reference.model);
  CHECK(lossy.uploads == kWorkers);
  CHECK(lossy.skips == reference.skips - 5);  // rounds 1..5 without worker 3's notice
  CHECK(lossy.counters.rounds_timed_out == 5);
  CHECK(lossy.counters.messages_missing == 5);
  CHECK(lossy.counters.messages_late == 0);
  CHECK(lossy.round_end.back() > reference.round_end.back());  // each round waited for the timeout
}
