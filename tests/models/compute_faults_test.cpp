// The compute model under node crashes: a step cut by a crash never calls
// back, and is redone from the start when the node recovers.
#include <doctest/doctest.h>

#include <vector>

#include "models/compute/compute_model.hpp"

using namespace commsim;

namespace {

// 1e9 FLOP/s, 1 nJ per FLOP: a step of F FLOPs takes F ns and F nJ.
Params compute_params() {
  return Params({{"flops_per_s", 1e9},
                 {"energy_per_flop_j", 1e-9},
                 {"jitter", 0.0},
                 {"stragglers", 0},
                 {"straggler_slowdown", 10.0}},
                "compute");
}

struct Fixture {
  Simulator simulator;
  ComputeModel compute{simulator, 2, compute_params(), 1};
  std::vector<std::pair<int, SimTime>> finished;

  explicit Fixture(std::vector<NodeOutage> crashes) {
    FaultConfig config;
    config.node_outages = std::move(crashes);
    compute.set_faults(std::make_shared<const FaultSchedule>(config, 1));
  }
  void run_at(SimTime at, NodeId node, double flops, int id) {
    simulator.schedule_at(at, [this, node, flops, id] {
      compute.run(node, flops, [this, id] { finished.emplace_back(id, simulator.now()); });
    });
  }
};

}  // namespace

TEST_CASE("a step on a node that crashes for good never completes") {
  Fixture f({{0, 500, kSimTimeMax}});
  f.run_at(0, 0, 1000, 1);  // would end at 1000: cut at 500
  f.run_at(0, 1, 1000, 2);  // node 1 is fine
  f.run_at(600, 0, 10, 3);  // asked while down for good: never runs
  f.simulator.run();
  REQUIRE(f.finished.size() == 1);
  CHECK(f.finished[0] == std::make_pair(2, SimTime{1000}));
  CHECK(f.compute.abandoned_steps() == 2);
  // Paid: node 1's whole step, half of node 0's.
  CHECK(f.compute.energy_j() == doctest::Approx(1000e-9 + 500e-9));
  CHECK(f.simulator.events_pending() == 0);
}

TEST_CASE(
    "a crash abandons the running and the queued steps; after recovery they run again from the "
    "start") {
  Fixture f({{0, 500, 2000}});
  f.run_at(0, 0, 1000, 1);    // running at the crash: redone 2000-3000
  f.run_at(100, 0, 1000, 2);  // queued behind it at the crash: redone 3000-4000
  f.run_at(1000, 0, 100, 3);  // asked while down: after the redone steps
  f.run_at(3000, 0, 100, 4);  // queued behind step 3
  f.simulator.run();
  using Done = std::pair<int, SimTime>;
  CHECK(f.finished == std::vector<Done>{{1, 3000}, {2, 4000}, {3, 4100}, {4, 4200}});
  CHECK(f.compute.abandoned_steps() == 2);
  // Paid: half of step 1 before the crash, none of step 2, then every step whole.
  CHECK(f.compute.energy_j() == doctest::Approx((500 + 1000 + 1000 + 100 + 100) * 1e-9));
}

TEST_CASE("without faults every step completes in order") {
  Simulator simulator;
  ComputeModel compute(simulator, 1, compute_params(), 1);
  std::vector<SimTime> ends;
  compute.run(0, 100, [&] { ends.push_back(simulator.now()); });
  compute.run(0, 50, [&] { ends.push_back(simulator.now()); });
  simulator.run();
  CHECK(ends == std::vector<SimTime>{100, 150});
  CHECK(compute.abandoned_steps() == 0);
}
