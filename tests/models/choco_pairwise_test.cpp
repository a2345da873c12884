// CHOCO on time-varying graphs (one estimate per directed pair): DSGD with the
// identity compressor, the exact mean with a biased compressor on Base-2 and
// the 1-peer exponential graph, and exact averaging where naive compressed
// gossip loses the average.
#include <doctest/doctest.h>

#include "tests/support/task_builder.hpp"

#include "tests/support/fixed_link.hpp"

#include "models/algorithms/choco_pairwise.hpp"
#include "models/algorithms/decentralized_sgd.hpp"
#include "models/algorithms/registry.hpp"
#include "models/compressors/registry.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

namespace {
using Models = std::vector<std::vector<float>>;
using MakeAlgorithm = std::function<std::unique_ptr<Algorithm>(AlgorithmContext)>;

struct Setup {
  nlohmann::json topology;
  NodeId nodes;
  std::int64_t rounds;
  nlohmann::json compressor;
};

// Every recorded round's models (round 0 first).
std::vector<Models> run(const Task& task, const Setup& setup, const MakeAlgorithm& make) {
  Simulator simulator;
  Network network(simulator, setup.nodes, {}, 1);
  const Topology topology = make_topology(setup.topology, setup.nodes, "topology");
  for (const auto& [from, to] : topology.directed_links())
    network.add_link(from, to, std::make_shared<FixedLink>(10));
  ComputeModel compute(
      simulator, setup.nodes,
      Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"),
      1);
  std::vector<Models> models;
  AlgorithmContext context{
      simulator, network, topology, task, compute, 1, setup.rounds, 1, [&](const RoundSnapshot& s) {
        models.push_back(*s.node_models);
        return true;
      }};
  context.compressor = make_compressor(setup.compressor, "compressor", task.dimension());
  auto algorithm = make(context);
  algorithm->start();
  simulator.run();
  CHECK(algorithm->rounds_completed() == setup.rounds);
  return models;
}

MakeAlgorithm choco(double lr, double momentum, double gamma) {
  return [=](AlgorithmContext context) {
    return std::make_unique<ChocoPairwise>(
        Params({{"lr", lr}, {"momentum", momentum}, {"gamma", gamma}, {"order", "paper"}},
               "algorithm"),
        std::move(context));
  };
}

std::unique_ptr<Task> make_task(const nlohmann::json& block, NodeId nodes) {
  return commsim::testing::build_task(block, nodes, 7);
}

std::vector<double> mean_of(const Models& x) {
  std::vector<double> mean(x.front().size(), 0.0);
  for (const auto& node : x) {
    for (std::size_t k = 0; k < mean.size(); ++k)
      mean[k] += node[k] / static_cast<double>(x.size());
  }
  return mean;
}

// (1/n) sum_i ||x_i - target||^2: the consensus task's goal is the initial mean.
double error_to(const Models& x, const std::vector<double>& target) {
  double sum = 0.0;
  for (const auto& node : x) {
    for (std::size_t k = 0; k < target.size(); ++k)
      sum += (node[k] - target[k]) * (node[k] - target[k]);
  }
  return sum / static_cast<double>(x.size());
}

const nlohmann::json kBase2 = {{"kind", "base"}, {"k", 1}};
const nlohmann::json kOnePeer = {{"kind", "one_peer_exponential"}};
}  // namespace

TEST_CASE("time-varying CHOCO with the identity compressor and gamma = 1 is DSGD, step for step") {
  // x_hat(j->i) = x_j after every exchange, so x_i + sum_j w_ij x_j - sum_j w_ji x_i
  // = sum_j w_ij x_j for a doubly stochastic W^(r).
  const auto task =
      make_task({{"kind", "least_squares"}, {"samples", 400}, {"features", 6}, {"batch", 4}}, 8);
  for (const auto& [topology_block, nodes] :
       std::vector<std::pair<nlohmann::json, NodeId>>{{kBase2, 6}, {kOnePeer, 8}}) {
    const nlohmann::json& topology = topology_block;  // clang 14 cannot capture a binding
    CAPTURE(topology.dump());
    const Setup setup{topology, nodes, 12, {{"kind", "none"}}};
    const auto choco_models = run(*task, setup, choco(0.05, 0.5, 1.0));
    const auto dsgd_models = run(*task, setup, [](AlgorithmContext context) {
      return std::make_unique<DecentralizedSgd>(
          DecentralizedSgd::Mode::kAdaptThenCombine,
          Params({{"lr", 0.05}, {"momentum", 0.5}}, "algorithm"), std::move(context));
    });
    REQUIRE(choco_models.size() == 13);
    REQUIRE(dsgd_models.size() == choco_models.size());
    // The models must move, or equality would say nothing.
    CHECK(choco_models.back()[0] != choco_models.front()[0]);
    for (std::size_t r = 0; r < choco_models.size(); ++r) {
      for (std::size_t i = 0; i < choco_models[r].size(); ++i) {
        for (std::size_t k = 0; k < choco_models[r][i].size(); ++k)
          REQUIRE(choco_models[r][i][k] == doctest::Approx(dsgd_models[r][i][k]).epsilon(1e-5));
      }
    }
  }
}

TEST_CASE("time-varying CHOCO keeps the exact mean with top-k on Base-2 and 1-peer exponential") {
  // Zero learning rate: CHOCO-Gossip on a learning task's starting points,
  // made distinct per node by a consensus task's seeded vectors.
  const auto task = make_task({{"kind", "consensus"}, {"dim", 40}}, 16);
  for (const auto& [topology_block, nodes] :
       std::vector<std::pair<nlohmann::json, NodeId>>{{kBase2, 10}, {kOnePeer, 16}}) {
    const nlohmann::json& topology = topology_block;  // clang 14 cannot capture a binding
    CAPTURE(topology.dump());
    const Setup setup{topology, nodes, 300, {{"kind", "top_k"}, {"ratio", 0.1}}};
    const auto models = run(*task, setup, choco(0.0, 0.0, 0.1));
    const auto start_mean = mean_of(models.front());
    for (const Models& x : models) {
      const auto mean = mean_of(x);
      for (std::size_t k = 0; k < mean.size(); ++k)
        REQUIRE(mean[k] == doctest::Approx(start_mean[k]).epsilon(1e-5));
    }
    CHECK(error_to(models.back(), start_mean) < 1e-3 * error_to(models.front(), start_mean));
  }
}

TEST_CASE(
    "CHOCO-Gossip with top-k 10 % averages exactly on Base-2 where naive compressed gossip "
    "loses the average") {
  const auto task = make_task({{"kind", "consensus"}, {"dim", 100}}, 25);
  const Setup setup{kBase2, 25, 1000, {{"kind", "top_k"}, {"ratio", 0.1}}};
  const auto choco_models = run(*task, setup, choco(0.0, 0.0, 0.1));
  const auto naive_models = run(*task, setup, [](AlgorithmContext context) {
    return std::make_unique<DecentralizedSgd>(DecentralizedSgd::Mode::kAverageOnly,
                                              Params(nlohmann::json::object(), "algorithm"),
                                              std::move(context));
  });
  const auto target = mean_of(choco_models.front());
  const double start = error_to(choco_models.front(), target);
  CHECK(error_to(choco_models.back(), target) < 1e-6);
  // Naive Q(x_j) mixing shrinks the vectors the compressor drops: the nodes
  // agree, but not on the average.
  CHECK(error_to(naive_models.back(), target) > 1e-3 * start);
}

TEST_CASE("the registry builds the per-pair CHOCO on time-varying graphs and declares its memory") {
  const auto& entry = algorithm_registry().find("choco", "algorithm.kind");
  // Base-2 on 10 nodes: every node meets at most period x 1 partners each way.
  const Topology base = make_topology(kBase2, 10, "topology");
  REQUIRE(base.period() > 1);
  const double vectors = entry.make.vectors_per_node(base);
  CHECK(vectors > 4.0);
  CHECK(vectors <= 4.0 + 2.0 * 2.0 * base.period());
  const Topology ring = make_topology({{"kind", "ring"}}, 10, "topology");
  CHECK(entry.make.vectors_per_node(ring) == 8.0);
}
