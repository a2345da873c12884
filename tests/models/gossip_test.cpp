#include <doctest/doctest.h>

#include "tests/support/fixed_link.hpp"

#include <cmath>
#include <vector>

#include "models/algorithms/decentralized_sgd.hpp"
#include "models/algorithms/round_tracker.hpp"
#include "models/tasks/consensus.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

namespace {

struct GossipRun {
  std::vector<RoundSnapshot> snapshots;
  std::vector<std::vector<std::vector<float>>> models;  // per recorded round
  std::int64_t payload_bits = 0;
};

GossipRun run_gossip(const std::string& kind, NodeId nodes, std::int64_t rounds, std::int64_t dim,
                     SimTime delivery, double flops_per_s = 1e12) {
  Simulator simulator;
  Network network(simulator, nodes, {}, 1);
  const Topology topology = make_topology({{"kind", kind}}, nodes, "topology");
  auto link = std::make_shared<FixedLink>(delivery);
  for (const auto& [from, to] : topology.directed_links())
    network.add_link(from, to, link);
  ComputeModel compute(
      simulator, nodes,
      Params(resolve_params({{"flops_per_s", flops_per_s}}, "compute", compute_info(), ""),
             "compute"),
      1);
  ConsensusTask task(
      Params(resolve_params({{"dim", dim}}, "task", consensus_info(), "kind"), "task"), 1);
  GossipRun run;
  AlgorithmContext context{
      simulator, network, topology, task, compute, 1, rounds, 1, [&](const RoundSnapshot& s) {
        run.snapshots.push_back(s);
        run.models.push_back(*s.node_models);
        return true;
      }};
  DecentralizedSgd gossip(DecentralizedSgd::Mode::kAverageOnly, Params(), context);
  gossip.start();
  simulator.run();
  run.payload_bits = network.totals().payload_bits;
  CHECK(gossip.rounds_completed() == rounds);
  return run;
}

double consensus_error(const std::vector<std::vector<float>>& models) {
  std::vector<double> mean(models[0].size(), 0.0);
  for (const auto& m : models) {
    for (std::size_t k = 0; k < m.size(); ++k)
      mean[k] += m[k] / static_cast<double>(models.size());
  }
  double error = 0;
  for (const auto& m : models) {
    for (std::size_t k = 0; k < m.size(); ++k)
      error += (m[k] - mean[k]) * (m[k] - mean[k]);
  }
  return error / static_cast<double>(models.size());
}
}  // namespace

TEST_CASE("gossip on the 1-peer exponential graph averages 16 nodes exactly in 4 rounds") {
  const GossipRun run = run_gossip("one_peer_exponential", 16, 4, 50, 1000);
  REQUIRE(run.models.size() == 5);  // rounds 0..4
  const double initial = consensus_error(run.models[0]);
  CHECK(initial > 10.0);                                   // 50 standard normal entries per node
  CHECK(consensus_error(run.models[3]) > 1e-3 * initial);  // not yet after 3 rounds
  CHECK(consensus_error(run.models[4]) < 1e-12 * initial);
  // The mean is preserved (to float rounding).
  for (std::size_t k = 0; k < 50; ++k) {
    double before = 0, after = 0;
    for (int i = 0; i < 16; ++i) {
      before += run.models[0][i][k];
      after += run.models[4][i][k];
    }
    CHECK(after == doctest::Approx(before).epsilon(1e-5));
  }
  // One message of 50 float32 per node and round.
  CHECK(run.payload_bits == 16 * 4 * 50 * 32);
}

TEST_CASE("rounds take one link delay each when computing is free") {
  const GossipRun run = run_gossip("ring", 8, 5, 10, 1000, 1e18);
  REQUIRE(run.snapshots.size() == 6);
  for (std::int64_t r = 0; r <= 5; ++r)
    CHECK(run.snapshots[r].time == r * 1000);
  CHECK(run.snapshots[5].round == 5);
}

TEST_CASE("the complete graph reaches exact consensus in one round") {
  const GossipRun run = run_gossip("complete", 5, 1, 20, 10);
  CHECK(consensus_error(run.models[1]) < 1e-12);
}

TEST_CASE("the round tracker reports rounds in order once the slowest node has finished") {
  std::vector<std::int64_t> reported;
  RoundTracker tracker(2, 4, 2, [&](const RoundSnapshot& s) {
    reported.push_back(s.round);
    return s.round < 2;
  });
  const std::vector<float> model{1.0f};
  CHECK(tracker.is_recorded(0));
  CHECK_FALSE(tracker.is_recorded(1));
  CHECK(tracker.is_recorded(4));
  tracker.node_finished(0, 0, model, 0);
  tracker.node_finished(0, 1, model, 1);
  tracker.node_finished(0, 2, model, 2);  // node 0 runs ahead
  CHECK(reported.empty());
  tracker.node_finished(1, 0, model, 3);
  CHECK(reported == std::vector<std::int64_t>{0});
  CHECK(tracker.rounds_completed() == 0);
  tracker.node_finished(1, 1, model, 4);
  CHECK(tracker.rounds_completed() == 1);
  CHECK_FALSE(tracker.node_finished(1, 2, model, 5));  // the observer stops after round 2
  CHECK(reported == std::vector<std::int64_t>{0, 2});
  CHECK(tracker.stopped());
}
