// Decentralized SGD: exactness against centralized SGD, and the timing of
// adapt-then-combine vs. combine-then-adapt.
#include <doctest/doctest.h>

#include "tests/support/fixed_link.hpp"

#include <vector>

#include "models/algorithms/decentralized_sgd.hpp"
#include "models/algorithms/ring_allreduce_sgd.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

namespace {

std::unique_ptr<Task> least_squares_task(NodeId nodes) {
  const nlohmann::json block = {
      {"kind", "least_squares"}, {"samples", 400}, {"features", 6}, {"batch", 4}};
  const auto& entry = task_registry().find("least_squares", "task.kind");
  return entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                    TaskContext{nodes, 7});
}

struct Run {
  std::vector<std::vector<std::vector<float>>> models;  // per round, per node
  std::vector<SimTime> times;
};

Run run_sgd(DecentralizedSgd::Mode mode, const std::string& topology_kind, const Task& task,
            NodeId nodes, std::int64_t rounds, double lr, double momentum, SimTime link_delay,
            double flops_per_s) {
  Simulator simulator;
  Network network(simulator, nodes, {}, 1);
  const Topology topology = make_topology({{"kind", topology_kind}}, nodes, "topology");
  auto link = std::make_shared<FixedLink>(link_delay);
  for (const auto& [from, to] : topology.directed_links())
    network.add_link(from, to, link);
  ComputeModel compute(
      simulator, nodes,
      Params(resolve_params({{"flops_per_s", flops_per_s}}, "compute", compute_info(), ""),
             "compute"),
      1);
  Run run;
  AlgorithmContext context{
      simulator, network, topology, task, compute, 3, rounds, 1, [&](const RoundSnapshot& s) {
        run.models.push_back(*s.node_models);
        run.times.push_back(s.time);
        return true;
      }};
  const nlohmann::json params = {{"lr", lr}, {"momentum", momentum}};
  DecentralizedSgd algorithm(mode, Params(params, "algorithm"), context);
  algorithm.start();
  simulator.run();
  CHECK(algorithm.rounds_completed() == rounds);
  return run;
}
}  // namespace

TEST_CASE("DSGD on the complete graph equals centralized minibatch SGD step for step") {
  const NodeId nodes = 5;
  const auto task = least_squares_task(nodes);
  const double lr = 0.05, beta = 0.5;
  const std::int64_t rounds = 20;
  const Run run = run_sgd(DecentralizedSgd::Mode::kAdaptThenCombine, "complete", *task, nodes,
                          rounds, lr, beta, 100, 1e9);

  // Centralized: x <- x - lr * mean_i m_i, m_i <- g_i(x) + beta m_i, with the
  // same per-node minibatch streams (seed 3, "minibatch", node).
  std::vector<float> x = task->initial_model(0);
  std::vector<std::vector<float>> m(nodes, std::vector<float>(x.size(), 0.0f));
  std::vector<Rng> rng;
  for (NodeId i = 0; i < nodes; ++i)
    rng.emplace_back(3, "minibatch", i);
  std::vector<float> gradient;
  for (std::int64_t r = 1; r <= rounds; ++r) {
    std::vector<double> step(x.size(), 0.0);
    for (NodeId i = 0; i < nodes; ++i) {
      task->stochastic_gradient(i, x, rng[i], gradient);
      for (std::size_t k = 0; k < x.size(); ++k) {
        m[i][k] = gradient[k] + static_cast<float>(beta) * m[i][k];
        step[k] += static_cast<double>(x[k] - static_cast<float>(lr) * m[i][k]) / nodes;
      }
    }
    for (std::size_t k = 0; k < x.size(); ++k)
      x[k] = static_cast<float>(step[k]);
    for (NodeId i = 0; i < nodes; ++i) {
      for (std::size_t k = 0; k < x.size(); ++k) {
        REQUIRE(run.models[r][i][k] == doctest::Approx(x[k]).epsilon(1e-5));
      }
    }
  }
}

TEST_CASE("D-PSGD overlaps the gradient with communication, DSGD does them in turn") {
  const NodeId nodes = 4;
  const auto task = least_squares_task(nodes);
  const double flops_per_s = task->gradient_flops() / 1e-3;  // one gradient takes 1 ms
  const SimTime link_delay = 3'000'000;                      // 3 ms per message
  const Run atc = run_sgd(DecentralizedSgd::Mode::kAdaptThenCombine, "ring", *task, nodes, 3, 0.01,
                          0.0, link_delay, flops_per_s);
  const Run cta = run_sgd(DecentralizedSgd::Mode::kCombineThenAdapt, "ring", *task, nodes, 3, 0.01,
                          0.0, link_delay, flops_per_s);
  // Mixing a row of 3 entries costs 2 * 3 * d FLOPs.
  const SimTime mixing =
      seconds_to_simtime(2.0 * 3 * static_cast<double>(task->dimension()) / flops_per_s);
  const SimTime gradient = 1'000'000;
  CHECK(atc.times[1] == gradient + link_delay + mixing);
  CHECK(cta.times[1] == std::max(gradient, link_delay) + mixing);
  CHECK(cta.times[3] == 3 * (link_delay + mixing));
}

TEST_CASE("DSGD keeps the network average equal to SGD on the average for doubly stochastic W") {
  // With a symmetric doubly stochastic W, the mean over nodes after mixing
  // equals the mean of the locally updated models.
  const NodeId nodes = 8;
  const auto task = least_squares_task(nodes);
  const Run run = run_sgd(DecentralizedSgd::Mode::kAdaptThenCombine, "ring", *task, nodes, 1, 0.1,
                          0.0, 10, 1e9);
  std::vector<float> x0 = task->initial_model(0), gradient;
  std::vector<double> expected(x0.size(), 0.0);
  for (NodeId i = 0; i < nodes; ++i) {
    Rng rng(3, "minibatch", i);
    task->stochastic_gradient(i, x0, rng, gradient);
    for (std::size_t k = 0; k < x0.size(); ++k)
      expected[k] += (x0[k] - 0.1f * gradient[k]) / nodes;
  }
  for (std::size_t k = 0; k < x0.size(); ++k) {
    double mean = 0;
    for (NodeId i = 0; i < nodes; ++i)
      mean += run.models[1][i][k] / nodes;
    CHECK(mean == doctest::Approx(expected[k]).epsilon(1e-5));
  }
}

TEST_CASE("ring all-reduce SGD equals centralized minibatch SGD and sends 2(n-1) chunks per node") {
  for (const NodeId nodes : {1, 2, 3, 5}) {
    CAPTURE(nodes);
    const auto task = least_squares_task(nodes);
    Simulator simulator;
    Network network(simulator, nodes, {}, 1);
    const Topology topology = make_topology({{"kind", "ring"}}, nodes, "topology");
    for (const auto& [from, to] : topology.directed_links())
      network.add_link(from, to, std::make_shared<FixedLink>(1000));
    ComputeModel compute(
        simulator, nodes,
        Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"),
        1);
    std::vector<std::vector<std::vector<float>>> models;
    AlgorithmContext context{
        simulator, network, topology, *task, compute, 3, 10, 1, [&](const RoundSnapshot& s) {
          models.push_back(*s.node_models);
          return true;
        }};
    RingAllreduceSgd algorithm(Params({{"lr", 0.05}, {"momentum", 0.0}}, "algorithm"), context);
    algorithm.start();
    simulator.run();
    REQUIRE(algorithm.rounds_completed() == 10);
    std::vector<float> x = task->initial_model(0), gradient;
    std::vector<Rng> rng;
    for (NodeId i = 0; i < nodes; ++i)
      rng.emplace_back(3, "minibatch", i);
    for (int r = 1; r <= 10; ++r) {
      std::vector<double> sum(x.size(), 0.0);
      for (NodeId i = 0; i < nodes; ++i) {
        task->stochastic_gradient(i, x, rng[i], gradient);
        for (std::size_t k = 0; k < x.size(); ++k)
          sum[k] += gradient[k];
      }
      for (std::size_t k = 0; k < x.size(); ++k)
        x[k] -= 0.05f * static_cast<float>(sum[k] / nodes);
      for (NodeId i = 0; i < nodes; ++i) {
        for (std::size_t k = 0; k < x.size(); ++k)
          REQUIRE(models[r][i][k] == doctest::Approx(x[k]).epsilon(1e-5));
      }
    }
    // Every chunk of every step is d/n floats (rounded), d = 7 here (6 features + bias).
    const std::int64_t messages = nodes == 1 ? 0 : 10 * nodes * 2 * (nodes - 1);
    CHECK(network.totals().messages == messages);
    CHECK(network.totals().payload_bits == (nodes == 1 ? 0 : 10 * 2 * (nodes - 1) * 7 * 32));
  }
}
