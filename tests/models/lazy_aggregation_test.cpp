// LAG and LAQ: the trigger rules on worked values, and the
// algorithms' behaviour at the extremes of the budget.
#include <doctest/doctest.h>

#include "tests/support/fixed_link.hpp"

#include <deque>

#include "models/algorithms/lazy_aggregation.hpp"
#include "models/algorithms/lazy_rules.hpp"
#include "models/algorithms/registry.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

TEST_CASE("LAG's trigger budget matches a worked value") {
  // M = 2, alpha = 0.1, D = 2, xi_d = 0.5, last changes 0.01 and 0.02 -> B = 0.375.
  const double budget = lazy_trigger_budget(std::deque<double>{0.01, 0.02}, 0.1, 2, {0.5, 0.5});
  CHECK(budget == doctest::Approx(0.375));
  CHECK(0.30 < budget);                                       // ||delta||^2 = 0.30: skip
  CHECK(0.40 > budget);                                       // ||delta||^2 = 0.40: upload
  CHECK(lazy_trigger_budget({}, 0.1, 2, {0.5, 0.5}) == 0.0);  // nothing to look back on yet
}

TEST_CASE("LAQ's quantizer matches a worked value") {
  const LaqQuantized q = laq_quantize({0.30, -0.10, 0.05}, {0.2, 0.0, 0.0}, 2);
  CHECK(q.radius == doctest::Approx(0.1));
  CHECK(q.innovation[0] == doctest::Approx(0.1));
  CHECK(q.innovation[1] == doctest::Approx(-0.1));
  CHECK(q.innovation[2] == doctest::Approx(0.1 / 3));
  CHECK(q.error[0] == doctest::Approx(0.0).epsilon(1e-12));
  CHECK(q.error[2] == doctest::Approx(-0.05 / 3));
}

namespace {
struct LazyRun {
  std::int64_t uploads, skips, payload_bits;
  std::vector<float> model;
};

LazyRun run_lazy(LazyAggregation::Rule rule, double xi_sum, std::int64_t rounds) {
  const NodeId workers = 4;
  const nlohmann::json block = {{"kind", "least_squares"}, {"samples", 400}, {"features", 6}};
  const auto& entry = task_registry().find("least_squares", "task.kind");
  const auto task = entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                               TaskContext{workers, 7});
  Simulator simulator;
  const Topology topology = make_topology({{"kind", "ring"}}, workers, "topology");
  const NetworkLayout layout =
      algorithm_registry().find("lag", "algorithm.kind").make.layout(topology);
  Network network(simulator, layout.nodes, {}, 1);
  for (const auto& [from, to] : layout.links)
    network.add_link(from, to, std::make_shared<FixedLink>(100));
  ComputeModel compute(
      simulator, layout.nodes,
      Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"), 1,
      workers);
  LazyRun run{};
  AlgorithmContext context{
      simulator, network, topology, *task, compute, 1, rounds, 1, [&](const RoundSnapshot& s) {
        run.model = (*s.node_models)[0];
        return true;
      }};
  const nlohmann::json params = {
      {"lr", 0.1}, {"history", 10}, {"xi_sum", xi_sum}, {"bits", 4}, {"max_skip", 1000}};
  LazyAggregation algorithm(rule, Params(params, "algorithm"), context);
  algorithm.start();
  simulator.run();
  CHECK(algorithm.rounds_completed() == rounds);
  run.uploads = algorithm.uploads();
  run.skips = algorithm.skips();
  run.payload_bits = network.totals().payload_bits;
  return run;
}
}  // namespace

TEST_CASE("LAG with a zero budget uploads every round, with a huge budget only at round 0") {
  const LazyRun eager = run_lazy(LazyAggregation::Rule::kLag, 0.0, 10);
  CHECK(eager.uploads == 10 * 4);
  CHECK(eager.skips == 0);
  const LazyRun lazy = run_lazy(LazyAggregation::Rule::kLag, 1e9, 10);
  CHECK(lazy.uploads == 4);  // everyone uploads at k = 0, then the stale sum is reused
  CHECK(lazy.skips == 9 * 4);
  CHECK(lazy.payload_bits < eager.payload_bits);
  // d = 7 floats: models down (7 + 1 floats) every round, then uploads or 1-bit skips.
  CHECK(lazy.payload_bits == 10 * 4 * 8 * 32 + 4 * 7 * 32 + 36 * 1);
}

TEST_CASE("LAG with every worker uploading is gradient descent on the global objective") {
  // With a zero budget the aggregate is the exact global gradient,
  // sum_m (m_m / N) grad f_m, so LAG's iterates are those of full GD.
  const LazyRun lag = run_lazy(LazyAggregation::Rule::kLag, 0.0, 8);
  const nlohmann::json block = {{"kind", "least_squares"}, {"samples", 400}, {"features", 6}};
  const auto& entry = task_registry().find("least_squares", "task.kind");
  const auto task = entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                               TaskContext{4, 7});
  std::vector<float> x = task->initial_model(0), gradient;
  for (int k = 0; k < 8; ++k) {
    std::vector<double> global(x.size(), 0.0);
    for (NodeId m = 0; m < 4; ++m) {
      task->full_gradient(m, x, gradient);
      const double share =
          static_cast<double>(task->shard_size(m)) / static_cast<double>(task->train_samples());
      for (std::size_t i = 0; i < x.size(); ++i)
        global[i] += share * gradient[i];
    }
    for (std::size_t i = 0; i < x.size(); ++i)
      x[i] -= static_cast<float>(0.1 * global[i]);
  }
  for (std::size_t i = 0; i < x.size(); ++i)
    CHECK(lag.model[i] == doctest::Approx(x[i]).epsilon(1e-4));
}

TEST_CASE("LAQ uploads b-bit codes plus a radius") {
  const LazyRun laq = run_lazy(LazyAggregation::Rule::kLaq, 0.0, 5);
  CHECK(laq.uploads >= 4);
  const std::int64_t downlink = 5 * 4 * 8 * 32;
  CHECK(laq.payload_bits == downlink + laq.uploads * (32 + 4 * 7) + laq.skips * 1);
}
