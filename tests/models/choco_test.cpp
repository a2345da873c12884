// CHOCO-SGD: a worked first iteration on the two-node example, exact mean
// dynamics with any compressor, and its validation.
#include <doctest/doctest.h>

#include "tests/support/fixed_gradient_task.hpp"
#include "tests/support/fixed_link.hpp"

#include "models/algorithms/choco_sgd.hpp"
#include "models/algorithms/decentralized_sgd.hpp"
#include "models/compressors/registry.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedGradientTask;
using commsim::testing::FixedLink;

namespace {
std::vector<std::vector<float>> run_choco(const Task& task, const std::string& order,
                                          const std::string& topology_kind, NodeId nodes,
                                          std::int64_t rounds, double lr,
                                          const nlohmann::json& compressor_block) {
  Simulator simulator;
  Network network(simulator, nodes, {}, 1);
  const Topology topology = make_topology({{"kind", topology_kind}}, nodes, "topology");
  for (const auto& [from, to] : topology.directed_links())
    network.add_link(from, to, std::make_shared<FixedLink>(10));
  ComputeModel compute(
      simulator, nodes,
      Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"),
      1);
  std::vector<std::vector<float>> last;
  AlgorithmContext context{
      simulator, network, topology, task, compute, 1, rounds, 1, [&](const RoundSnapshot& s) {
        last = *s.node_models;
        return true;
      }};
  context.compressor = make_compressor(compressor_block, "compressor", task.dimension());
  ChocoSgd choco(
      Params({{"lr", lr}, {"momentum", 0.0}, {"gamma", 0.5}, {"order", order}}, "algorithm"),
      context);
  choco.start();
  simulator.run();
  CHECK(choco.rounds_completed() == rounds);
  return last;
}
}  // namespace

TEST_CASE("CHOCO's first iteration matches the worked example (paper order)") {
  // n = 2, W = [[1/2, 1/2], [1/2, 1/2]] (the complete graph), Q = top-1, gamma = 0.5, eta = 0.1.
  const FixedGradientTask task;
  const auto x = run_choco(task, "paper", "complete", 2, 1, 0.1, {{"kind", "top_k"}, {"k", 1}});
  CHECK(x[0][0] == doctest::Approx(1.7));
  CHECK(x[0][1] == doctest::Approx(1.5));
  CHECK(x[1][0] == doctest::Approx(2.25));
  CHECK(x[1][1] == doctest::Approx(0.6));
}

TEST_CASE("CHOCO's reference order mixes with last round's estimates: no correction in round 1") {
  const FixedGradientTask task;
  const auto x = run_choco(task, "reference", "complete", 2, 1, 0.1, {{"kind", "top_k"}, {"k", 1}});
  CHECK(x[0][0] == doctest::Approx(0.95));
  CHECK(x[0][1] == doctest::Approx(2.0));
  CHECK(x[1][0] == doctest::Approx(3.0));
  CHECK(x[1][1] == doctest::Approx(0.1));
}

namespace {
// Distinct seeded starting points and zero gradients: CHOCO-SGD becomes
// CHOCO-Gossip, which must keep the mean and shrink the disagreement.
class DistinctStartsTask : public Task {
 public:
  std::string name() const override { return "starts"; }
  std::size_t dimension() const override { return 8; }
  std::vector<float> initial_model(NodeId node) const override {
    Rng rng(5, "starts", static_cast<std::uint64_t>(node));
    std::vector<float> x(8);
    for (auto& value : x)
      value = static_cast<float>(rng.normal());
    return x;
  }
  TaskMetrics evaluate(const std::vector<double>&) const override { return {}; }
  bool trainable() const override { return true; }
  double stochastic_gradient(NodeId, const std::vector<float>&, Rng&,
                             std::vector<float>& g) const override {
    g.assign(8, 0.0f);
    return 0.0;
  }
};

double disagreement(const std::vector<std::vector<float>>& x, const std::vector<double>& mean) {
  double sum = 0;
  for (const auto& node : x) {
    for (std::size_t k = 0; k < mean.size(); ++k)
      sum += (node[k] - mean[k]) * (node[k] - mean[k]);
  }
  return sum;
}
}  // namespace

TEST_CASE("CHOCO-Gossip keeps the mean exactly and converges with any compressor") {
  const DistinctStartsTask task;
  std::vector<double> mean(8, 0.0);
  std::vector<std::vector<float>> start;
  for (NodeId i = 0; i < 6; ++i)
    start.push_back(task.initial_model(i));
  for (const auto& node : start) {
    for (std::size_t k = 0; k < 8; ++k)
      mean[k] += node[k] / 6.0;
  }
  for (const char* kind : {"top_k", "qsgd", "scaled_sign", "rand_k"}) {
    CAPTURE(kind);
    const nlohmann::json compressor = {{"kind", kind}, {"ratio", 0.25}};
    const nlohmann::json block = std::string(kind) == "qsgd" || std::string(kind) == "scaled_sign"
                                     ? nlohmann::json{{"kind", kind}}
                                     : compressor;
    const auto x = run_choco(task, "paper", "ring", 6, 200, 0.0, block);
    for (std::size_t k = 0; k < 8; ++k) {
      double now = 0;
      for (const auto& node : x)
        now += node[k] / 6.0;
      CHECK(now == doctest::Approx(mean[k]).epsilon(1e-5));
    }
    CHECK(disagreement(x, mean) < 0.1 * disagreement(start, mean));
  }
}

TEST_CASE("CHOCO with the identity compressor and gamma = 1 is DSGD, iterate for iterate") {
  // Q = identity makes x_hat_j = x_j^{1/2}, so x_i = x_i^{1/2} + (sum_j w_ij x_j^{1/2} -
  // x_i^{1/2}).
  const nlohmann::json block = {
      {"kind", "least_squares"}, {"samples", 400}, {"features", 6}, {"batch", 4}};
  const auto& entry = task_registry().find("least_squares", "task.kind");
  const auto task = entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                               TaskContext{5, 7});
  auto run = [&](bool use_choco) {
    Simulator simulator;
    Network network(simulator, 5, {}, 1);
    const Topology topology = make_topology({{"kind", "ring"}}, 5, "topology");
    for (const auto& [from, to] : topology.directed_links())
      network.add_link(from, to, std::make_shared<FixedLink>(10));
    ComputeModel compute(
        simulator, 5,
        Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"),
        1);
    std::vector<std::vector<std::vector<float>>> models;
    AlgorithmContext context{
        simulator, network, topology, *task, compute, 1, 12, 1, [&](const RoundSnapshot& s) {
          models.push_back(*s.node_models);
          return true;
        }};
    context.compressor = make_compressor({{"kind", "none"}}, "compressor", task->dimension());
    std::unique_ptr<Algorithm> algorithm;
    if (use_choco) {
      algorithm = std::make_unique<ChocoSgd>(
          Params({{"lr", 0.05}, {"momentum", 0.5}, {"gamma", 1.0}, {"order", "paper"}},
                 "algorithm"),
          context);
    } else {
      algorithm = std::make_unique<DecentralizedSgd>(
          DecentralizedSgd::Mode::kAdaptThenCombine,
          Params({{"lr", 0.05}, {"momentum", 0.5}}, "algorithm"), context);
    }
    algorithm->start();
    simulator.run();
    return models;
  };
  const auto choco = run(true);
  const auto dsgd = run(false);
  REQUIRE(choco.size() == dsgd.size());
  for (std::size_t r = 0; r < choco.size(); ++r) {
    for (std::size_t i = 0; i < 5; ++i) {
      for (std::size_t k = 0; k < choco[r][i].size(); ++k) {
        REQUIRE(choco[r][i][k] == doctest::Approx(dsgd[r][i][k]).epsilon(1e-5));
      }
    }
  }
}
