// DCD-PSGD and ECD-PSGD: a worked first iteration on the two-node example
// and, with the identity compressor, equality with D-PSGD.
#include <doctest/doctest.h>

#include "tests/support/fixed_gradient_task.hpp"
#include "tests/support/fixed_link.hpp"

#include "models/algorithms/decentralized_sgd.hpp"
#include "models/algorithms/replica_sgd.hpp"
#include "models/compressors/registry.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedGradientTask;
using commsim::testing::FixedLink;

namespace {
using Models = std::vector<std::vector<std::vector<float>>>;

Models run(const Task& task, const std::string& kind, NodeId nodes,
           const std::string& topology_kind, std::int64_t rounds,
           const nlohmann::json& compressor) {
  Simulator simulator;
  Network network(simulator, nodes, {}, 1);
  const Topology topology = make_topology({{"kind", topology_kind}}, nodes, "topology");
  for (const auto& [from, to] : topology.directed_links())
    network.add_link(from, to, std::make_shared<FixedLink>(10));
  ComputeModel compute(
      simulator, nodes,
      Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"),
      1);
  Models models;
  AlgorithmContext context{
      simulator, network, topology, task, compute, 1, rounds, 1, [&](const RoundSnapshot& s) {
        models.push_back(*s.node_models);
        return true;
      }};
  context.compressor = make_compressor(compressor, "compressor", task.dimension());
  std::unique_ptr<Algorithm> algorithm;
  if (kind == "dpsgd") {
    algorithm = std::make_unique<DecentralizedSgd>(
        DecentralizedSgd::Mode::kCombineThenAdapt,
        Params({{"lr", 0.1}, {"momentum", 0.0}}, "algorithm"), context);
  } else {
    const auto mode =
        kind == "dcd" ? ReplicaSgd::Mode::kDifference : ReplicaSgd::Mode::kExtrapolation;
    algorithm = std::make_unique<ReplicaSgd>(mode, Params({{"lr", 0.1}}, "algorithm"), context);
  }
  algorithm->start();
  simulator.run();
  return models;
}
}  // namespace

TEST_CASE("DCD and ECD with the identity compressor: the worked first iteration") {
  const FixedGradientTask task;
  for (const char* kind : {"dcd", "ecd"}) {
    CAPTURE(kind);
    const Models x = run(task, kind, 2, "complete", 1, {{"kind", "none"}});
    CHECK(x[1][0][0] == doctest::Approx(1.95));
    CHECK(x[1][0][1] == doctest::Approx(1.0));
    CHECK(x[1][1][0] == doctest::Approx(2.0));
    CHECK(x[1][1][1] == doctest::Approx(1.1));
  }
}

TEST_CASE("with the identity compressor DCD and ECD are D-PSGD, iterate for iterate") {
  const nlohmann::json block = {
      {"kind", "least_squares"}, {"samples", 300}, {"features", 5}, {"batch", 4}};
  const auto& entry = task_registry().find("least_squares", "task.kind");
  const auto task = entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                               TaskContext{5, 7});
  const Models reference = run(*task, "dpsgd", 5, "ring", 10, {{"kind", "none"}});
  for (const char* kind : {"dcd", "ecd"}) {
    CAPTURE(kind);
    const Models x = run(*task, kind, 5, "ring", 10, {{"kind", "none"}});
    REQUIRE(x.size() == reference.size());
    for (std::size_t r = 0; r < x.size(); ++r) {
      for (std::size_t i = 0; i < 5; ++i) {
        for (std::size_t k = 0; k < x[r][i].size(); ++k) {
          REQUIRE(x[r][i][k] == doctest::Approx(reference[r][i][k]).epsilon(1e-4));
        }
      }
    }
  }
}

TEST_CASE("DCD's replicas stay exact under compression: the mean follows the mean gradient step") {
  // With symmetric W, the node average after a DCD round is the average of
  // x_i + C(z_i); with an unbiased compressor it drifts only by the noise, and
  // with the identity it is exactly mean(x) - lr mean(g).
  const FixedGradientTask task;
  const Models x = run(task, "dcd", 2, "complete", 1, {{"kind", "none"}});
  CHECK((x[1][0][0] + x[1][1][0]) / 2 == doctest::Approx(2.0 - 0.1 * 0.25));
  CHECK((x[1][0][1] + x[1][1][1]) / 2 == doctest::Approx(1.0 + 0.1 * 0.5));
}
