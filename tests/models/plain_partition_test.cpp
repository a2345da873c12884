// The papers' plain Dirichlet draw (partition.redraw false): small shards
// sample with replacement, empty ones hold no data and only mix.
#include <doctest/doctest.h>

#include "tests/support/task_builder.hpp"

#include "tests/support/fixed_link.hpp"

#include <cmath>
#include <vector>

#include "models/algorithms/decentralized_sgd.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

namespace {

std::unique_ptr<Task> make_task(const nlohmann::json& block, NodeId nodes, std::uint64_t seed = 1) {
  return commsim::testing::build_task(block, nodes, seed);
}

// Softmax on synthetic data, Dirichlet alpha 0.01 over 3 classes: nearly all
// rows of a class land on one node, so most of the 8 nodes get none.
nlohmann::json sparse_population(bool redraw) {
  return {{"kind", "softmax"},
          {"dataset", "synthetic"},
          {"samples", 400},
          {"features", 5},
          {"classes", 3},
          {"batch", 8},
          {"l2", 0.01},
          {"partition", {{"kind", "dirichlet"}, {"alpha", 0.01}, {"redraw", redraw}}}};
}

NodeId first_node_with(const Task& task, NodeId nodes, auto&& wanted) {
  for (NodeId node = 0; node < nodes; ++node) {
    if (wanted(task.shard_size(node)))
      return node;
  }
  return -1;
}

double norm(const std::vector<float>& values) {
  double squares = 0.0;
  for (const float value : values)
    squares += double{value} * value;
  return std::sqrt(squares);
}

}  // namespace

TEST_CASE("redraw false keeps a draw the redraw refuses, redraw true names the way out") {
  // 80 training rows over 3 nodes at alpha 0.01: no draw gives every node 27.
  nlohmann::json block = {{"kind", "logistic"},
                          {"samples", 100},
                          {"features", 3},
                          {"batch", 27},
                          {"partition", {{"kind", "dirichlet"}, {"alpha", 0.01}}}};
  CHECK(commsim::testing::input_error_of([&] {
          make_task(block, 3);
        }).find("or set partition.redraw false") != std::string::npos);
  block["partition"]["redraw"] = false;
  const auto task = make_task(block, 3);
  std::size_t total = 0, smallest = SIZE_MAX;
  for (NodeId node = 0; node < 3; ++node) {
    total += task->shard_size(node);
    smallest = std::min(smallest, task->shard_size(node));
  }
  CHECK(total == 80);
  CHECK(smallest < 27);
  // The flat form and the nested one are the same parameter.
  nlohmann::json flat = block;
  flat["partition"] = "dirichlet";
  flat["alpha"] = 0.01;
  flat["redraw"] = false;
  const auto flat_task = make_task(flat, 3);
  for (NodeId node = 0; node < 3; ++node)
    CHECK(flat_task->shard_size(node) == task->shard_size(node));
  CHECK(commsim::testing::input_error_of([&] {
          nlohmann::json bad = block;
          bad["partition"]["redraw"] = "no";
          make_task(bad, 3);
        }).find("task.partition.redraw: got \"no\"") == 0);
}

TEST_CASE("a node with fewer rows than a batch samples with replacement and stays unbiased") {
  const NodeId nodes = 8;
  const auto task = make_task(sparse_population(false), nodes);
  const NodeId small =
      first_node_with(*task, nodes, [](std::size_t rows) { return rows > 0 && rows < 8; });
  REQUIRE(small >= 0);
  Rng model_rng(2, "test-model");
  std::vector<float> model(task->dimension());
  for (auto& value : model)
    value = static_cast<float>(0.5 * model_rng.normal());
  std::vector<float> full, stochastic;
  task->full_gradient(small, model, full);
  // With-replacement minibatches are unbiased: their mean approaches the
  // shard's full gradient.
  std::vector<double> mean(full.size(), 0.0);
  Rng rng(3, "minibatch", small);
  const int draws = 4000;
  for (int draw = 0; draw < draws; ++draw) {
    task->stochastic_gradient(small, model, rng, stochastic);
    for (std::size_t k = 0; k < mean.size(); ++k)
      mean[k] += stochastic[k] / draws;
  }
  std::vector<float> error(full.size());
  for (std::size_t k = 0; k < full.size(); ++k)
    error[k] = static_cast<float>(mean[k] - full[k]);
  REQUIRE(norm(full) > 0.1);
  CHECK(norm(error) < 0.03 * norm(full));
  CHECK(task->stochastic_gradient_flops(small) == task->gradient_flops());
}

TEST_CASE("an empty node computes no gradient and no FLOPs, and evaluation still works") {
  const NodeId nodes = 8;
  const auto task = make_task(sparse_population(false), nodes);
  const NodeId empty = first_node_with(*task, nodes, [](std::size_t rows) { return rows == 0; });
  const NodeId full_node = first_node_with(*task, nodes, [](std::size_t rows) { return rows > 0; });
  REQUIRE(empty >= 0);
  REQUIRE(full_node >= 0);
  const std::vector<float> model(task->dimension(), 0.25f);  // l2 > 0 would add 0.0025
  std::vector<float> gradient(3, 1.0f);
  Rng rng(4, "minibatch", empty);
  CHECK(task->stochastic_gradient(empty, model, rng, gradient) == 0.0);
  CHECK(gradient == std::vector<float>(task->dimension(), 0.0f));
  gradient.assign(3, 1.0f);
  CHECK(task->full_gradient(empty, model, gradient) == 0.0);
  CHECK(gradient == std::vector<float>(task->dimension(), 0.0f));
  CHECK(task->stochastic_gradient_flops(empty) == 0.0);
  CHECK(task->full_gradient_flops(empty) == 0.0);
  CHECK(task->stochastic_gradient_flops(full_node) == task->gradient_flops());
  CHECK(task->full_gradient_flops(full_node) > 0.0);
  const TaskMetrics metrics = task->evaluate(std::vector<double>(model.begin(), model.end()));
  CHECK(std::isfinite(*metrics.train_loss));
  CHECK(std::isfinite(*metrics.test_loss));
}

TEST_CASE("DSGD: an empty node's model changes only by mixing its neighbours' models") {
  const NodeId nodes = 8;
  const auto task = make_task(sparse_population(false), nodes);
  const NodeId empty = first_node_with(*task, nodes, [](std::size_t rows) { return rows == 0; });
  REQUIRE(empty >= 0);

  Simulator simulator;
  Network network(simulator, nodes, {}, 1);
  const Topology topology = make_topology({{"kind", "ring"}}, nodes, "topology");
  auto link = std::make_shared<FixedLink>(100);
  for (const auto& [from, to] : topology.directed_links())
    network.add_link(from, to, link);
  ComputeModel compute(
      simulator, nodes,
      Params(resolve_params({{"flops_per_s", 1e9}}, "compute", compute_info(), ""), "compute"), 1);
  const std::int64_t rounds = 5;
  std::vector<std::vector<std::vector<float>>> models;  // per round, per node
  AlgorithmContext context{
      simulator, network, topology, *task, compute, 3, rounds, 1, [&](const RoundSnapshot& s) {
        models.push_back(*s.node_models);
        return true;
      }};
  const double lr = 0.2;
  DecentralizedSgd algorithm(DecentralizedSgd::Mode::kAdaptThenCombine,
                             Params({{"lr", lr}, {"momentum", 0.0}}, "algorithm"), context);
  algorithm.start();
  simulator.run();
  REQUIRE(models.size() == static_cast<std::size_t>(rounds + 1));

  // Replay: every node with data takes its local step with its own minibatch
  // stream; the empty node takes none, then mixes its ring row.
  std::vector<Rng> streams;
  for (NodeId node = 0; node < nodes; ++node)
    streams.emplace_back(3, "minibatch", node);
  std::vector<float> gradient;
  for (std::int64_t r = 1; r <= rounds; ++r) {
    std::vector<std::vector<float>> local = models[static_cast<std::size_t>(r - 1)];
    for (NodeId node = 0; node < nodes; ++node) {
      if (node == empty)
        continue;
      task->stochastic_gradient(node, local[static_cast<std::size_t>(node)],
                                streams[static_cast<std::size_t>(node)], gradient);
      for (std::size_t k = 0; k < gradient.size(); ++k)
        local[static_cast<std::size_t>(node)][k] -= static_cast<float>(lr) * gradient[k];
    }
    const auto& now = models[static_cast<std::size_t>(r)][static_cast<std::size_t>(empty)];
    const auto& before = models[static_cast<std::size_t>(r - 1)][static_cast<std::size_t>(empty)];
    for (std::size_t k = 0; k < now.size(); ++k) {
      double expected = 0.0;
      for (const MixingEntry& entry : topology.round(r - 1).row(empty))
        expected += entry.weight * local[static_cast<std::size_t>(entry.from)][k];
      REQUIRE(now[k] == doctest::Approx(expected).epsilon(1e-5));
    }
    CHECK(now != before);  // its neighbours' steps reach it
  }
}
