// Parameter-server SGD: synchronous rounds equal centralized SGD; the
// asynchronous server applies stale gradients in arrival order.
#include <doctest/doctest.h>

#include "tests/support/fixed_link.hpp"

#include <cmath>
#include <optional>
#include <set>
#include <vector>

#include "models/algorithms/parameter_server_sgd.hpp"
#include "models/algorithms/registry.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/registry.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

namespace {
std::unique_ptr<Task> small_task(NodeId nodes) {
  const nlohmann::json block = {
      {"kind", "least_squares"}, {"samples", 400}, {"features", 6}, {"batch", 4}};
  const auto& entry = task_registry().find("least_squares", "task.kind");
  return entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                    TaskContext{nodes, 7});
}

struct PsRun {
  std::vector<float> final_model;
  std::vector<ParameterServerSgd::Applied> applied;
  std::int64_t messages = 0;
  std::int64_t payload_bits = 0;
};

PsRun run_ps(const Task& task, NodeId workers, const std::string& mode, std::int64_t rounds,
             double lr, std::int64_t stragglers, const std::string& gradient = "stochastic",
             std::shared_ptr<const Compressor> compressor = nullptr,
             std::shared_ptr<const Compressor> downlink = nullptr) {
  Simulator simulator;
  const Topology topology = make_topology({{"kind", "ring"}}, workers, "topology");
  const NetworkLayout layout =
      algorithm_registry().find("ps_sgd", "algorithm.kind").make.layout(topology);
  REQUIRE(layout.nodes == workers + 1);
  Network network(simulator, layout.nodes, {}, 1);
  for (const auto& [from, to] : layout.links)
    network.add_link(from, to, std::make_shared<FixedLink>(1000));
  const nlohmann::json compute_block = {{"stragglers", stragglers}, {"straggler_slowdown", 7.0}};
  ComputeModel compute(
      simulator, layout.nodes,
      Params(resolve_params(compute_block, "compute", compute_info(), ""), "compute"), 1, workers);
  PsRun run;
  AlgorithmContext context{
      simulator, network, topology, task, compute, 3, rounds, 1, [&](const RoundSnapshot& s) {
        run.final_model = (*s.node_models)[0];
        return true;
      }};
  context.compressor = std::move(compressor);
  context.downlink_compressor = std::move(downlink);
  const nlohmann::json params = {{"mode", mode},
                                 {"lr", lr},
                                 {"momentum", 0.0},
                                 {"max_staleness", nullptr},
                                 {"gradient", gradient}};
  ParameterServerSgd algorithm(Params(params, "algorithm"), context);
  algorithm.start();
  simulator.run();
  CHECK(algorithm.rounds_completed() == rounds);
  run.applied = algorithm.applied();
  run.messages = network.totals().messages;
  run.payload_bits = network.totals().payload_bits;
  return run;
}

// Applies the logged gradients in order, each computed on the model version
// it names, with each worker's own minibatch stream.
std::vector<float> replay(const Task& task, NodeId workers,
                          const std::vector<ParameterServerSgd::Applied>& log, double lr,
                          bool synchronous) {
  std::vector<std::vector<float>> versions{task.initial_model(0)};
  std::vector<Rng> rng;
  for (NodeId w = 0; w < workers; ++w)
    rng.emplace_back(3, "minibatch", w);
  std::vector<float> gradient;
  std::vector<double> sum(versions[0].size(), 0.0);
  int in_round = 0;
  for (const auto& entry : log) {
    task.stochastic_gradient(entry.worker, versions[static_cast<std::size_t>(entry.computed_on)],
                             rng[entry.worker], gradient);
    if (synchronous) {
      for (std::size_t k = 0; k < sum.size(); ++k)
        sum[k] += gradient[k];
      if (++in_round < workers)
        continue;
      std::vector<float> next = versions.back();
      for (std::size_t k = 0; k < next.size(); ++k)
        next[k] -= static_cast<float>(lr) * static_cast<float>(sum[k] / workers);
      versions.push_back(next);
      sum.assign(sum.size(), 0.0);
      in_round = 0;
    } else {
      std::vector<float> next = versions.back();
      for (std::size_t k = 0; k < next.size(); ++k)
        next[k] -= static_cast<float>(lr) * gradient[k];
      versions.push_back(next);
    }
  }
  return versions.back();
}
}  // namespace

TEST_CASE("synchronous parameter-server SGD equals centralized minibatch SGD") {
  const NodeId workers = 4;
  const auto task = small_task(workers);
  const PsRun run = run_ps(*task, workers, "sync", 6, 0.05, 0);
  REQUIRE(run.applied.size() == 6 * 4);
  for (const auto& entry : run.applied)
    CHECK(entry.computed_on == (&entry - run.applied.data()) / 4);
  const auto expected = replay(*task, workers, run.applied, 0.05, true);
  for (std::size_t k = 0; k < expected.size(); ++k)
    CHECK(run.final_model[k] == doctest::Approx(expected[k]).epsilon(1e-5));
  CHECK(run.messages == 6 * 4 * 2);  // a model down and a gradient up per worker and round
}

TEST_CASE("with gradient = full the synchronous server runs distributed gradient descent") {
  // x <- x - lr * (1/n) sum_i grad f_i(x), each f_i over worker i's whole shard.
  const NodeId workers = 2;
  const auto task = small_task(workers);
  const double lr = 0.1;
  const PsRun run = run_ps(*task, workers, "sync", 4, lr, 0, "full");
  std::vector<float> model = task->initial_model(0);
  std::vector<float> gradient;
  for (int round = 0; round < 4; ++round) {
    std::vector<double> sum(model.size(), 0.0);
    for (NodeId w = 0; w < workers; ++w) {
      task->full_gradient(w, model, gradient);
      for (std::size_t k = 0; k < sum.size(); ++k)
        sum[k] += gradient[k];
    }
    for (std::size_t k = 0; k < model.size(); ++k) {
      model[k] -= static_cast<float>(lr) * static_cast<float>(sum[k] / workers);
    }
  }
  REQUIRE(run.final_model.size() == model.size());
  for (std::size_t k = 0; k < model.size(); ++k)
    CHECK(run.final_model[k] == doctest::Approx(model[k]).epsilon(1e-5));
  // A minibatch of 4 of the 200 samples would not give these iterates.
  const PsRun stochastic = run_ps(*task, workers, "sync", 4, lr, 0);
  bool differs = false;
  for (std::size_t k = 0; k < model.size(); ++k)
    differs |= std::abs(stochastic.final_model[k] - model[k]) > 1e-4f;
  CHECK(differs);
}

TEST_CASE("cat common_T: the server picks every worker's T from the previous round's aggregate") {
  // Distributed GD with CAT S+Q; with common_T every worker encodes round r
  // at T_r = best_level(mean of round r-1's messages); round 0 at its own T.
  const NodeId workers = 3;
  const auto task = small_task(workers);
  const double lr = 0.1;
  const std::int64_t rounds = 6;
  const std::size_t d = task->initial_model(0).size();
  const auto cat = [&](bool common) {
    return make_compressor(
        {{"kind", "cat"}, {"base", "sq"}, {"cost", "bits"}, {"common_T", common}}, "compressor", d);
  };
  const std::shared_ptr<const Compressor> common = cat(true);
  const auto& adaptive = dynamic_cast<const AdaptiveCompressor&>(*common);
  REQUIRE(adaptive.common_level());
  const PsRun run = run_ps(*task, workers, "sync", rounds, lr, 0, "full", common);

  std::vector<float> model = task->initial_model(0);
  std::vector<float> gradient;
  std::optional<std::size_t> level;
  std::int64_t uplink_bits = 0;
  Rng unused(1, "cat common level test");
  std::set<std::size_t> levels_used;
  for (std::int64_t round = 0; round < rounds; ++round) {
    std::vector<double> sum(d, 0.0);
    for (NodeId w = 0; w < workers; ++w) {
      task->full_gradient(w, model, gradient);
      const Encoded message =
          level ? adaptive.encode_at(gradient, *level, unused) : common->encode(gradient, unused);
      uplink_bits += message.payload_bits;
      for (std::size_t k = 0; k < d; ++k)
        sum[k] += message.decoded[k];
    }
    std::vector<float> aggregate(d);
    for (std::size_t k = 0; k < d; ++k)
      aggregate[k] = static_cast<float>(sum[k] / workers);
    level = adaptive.best_level(aggregate);
    levels_used.insert(*level);
    for (std::size_t k = 0; k < d; ++k)
      model[k] -= static_cast<float>(lr) * aggregate[k];
  }
  REQUIRE(run.final_model.size() == d);
  for (std::size_t k = 0; k < d; ++k)
    CHECK(run.final_model[k] == doctest::Approx(model[k]).epsilon(1e-5));
  // Down: the float32 model, plus T (ceil(log2(d + 1)) bits) once a level is set.
  const auto model_bits = static_cast<std::int64_t>(d) * 32;
  const std::int64_t level_bits = ceil_log2(d + 1);
  CHECK(run.payload_bits ==
        workers * (rounds * model_bits + (rounds - 1) * level_bits) + uplink_bits);

  // The same run with each worker choosing its own T takes other steps.
  const PsRun own = run_ps(*task, workers, "sync", rounds, lr, 0, "full", cat(false));
  double difference = 0.0;
  for (std::size_t k = 0; k < d; ++k)
    difference += std::fabs(own.final_model[k] - run.final_model[k]);
  CHECK(difference > 1e-4);
}

TEST_CASE("a compressed downlink sends C(x - x_hat) and workers compute at their replica x_hat") {
  // Distributed GD; the server keeps x and the workers' replica x_hat. Round
  // 0 sends x_hat = x_0 in full; every later round sends Delta = top_2(x - x_hat),
  // x_hat += Delta, and the workers' gradients are taken at x_hat.
  const NodeId workers = 3;
  const auto task = small_task(workers);
  const double lr = 0.1;
  const std::int64_t rounds = 5;
  const std::size_t d = task->initial_model(0).size();
  const std::shared_ptr<const Compressor> top2 =
      make_compressor({{"kind", "top_k"}, {"k", 2}}, "downlink", d);
  const PsRun run = run_ps(*task, workers, "sync", rounds, lr, 0, "full", nullptr, top2);

  std::vector<float> model = task->initial_model(0);
  std::vector<float> replica = model;
  std::vector<float> gradient;
  Rng unused(1, "downlink test");
  std::int64_t down_bits = 0;
  for (std::int64_t round = 0; round < rounds; ++round) {
    std::vector<float> difference(d);
    for (std::size_t k = 0; k < d; ++k)
      difference[k] = model[k] - replica[k];
    const Encoded delta = top2->encode(difference, unused);
    for (std::size_t k = 0; k < d; ++k)
      replica[k] += delta.decoded[k];
    down_bits += round == 0 ? static_cast<std::int64_t>(d) * 32 : delta.payload_bits;
    std::vector<double> sum(d, 0.0);
    for (NodeId w = 0; w < workers; ++w) {
      task->full_gradient(w, replica, gradient);
      for (std::size_t k = 0; k < d; ++k)
        sum[k] += gradient[k];
    }
    for (std::size_t k = 0; k < d; ++k)
      model[k] -= static_cast<float>(lr) * static_cast<float>(sum[k] / workers);
  }
  REQUIRE(run.final_model.size() == d);
  for (std::size_t k = 0; k < d; ++k)
    CHECK(run.final_model[k] == doctest::Approx(model[k]).epsilon(1e-5));
  // Up: float32 gradients; down: x_0 in full, then top-2 messages (d = 7: 3-bit indices).
  CHECK(down_bits == static_cast<std::int64_t>(d) * 32 + (rounds - 1) * 2 * (3 + 32));
  CHECK(run.payload_bits == workers * (rounds * static_cast<std::int64_t>(d) * 32 + down_bits));
}

TEST_CASE("the asynchronous server applies stale gradients in arrival order") {
  const NodeId workers = 3;
  const auto task = small_task(workers);
  const PsRun run = run_ps(*task, workers, "async", 5, 0.02, 1);  // worker 2 computes 7x slower
  REQUIRE(run.applied.size() == 5 * 3);
  std::int64_t stale = 0, from_straggler = 0;
  for (std::size_t i = 0; i < run.applied.size(); ++i) {
    stale += static_cast<std::int64_t>(i) > run.applied[i].computed_on ? 1 : 0;
    from_straggler += run.applied[i].worker == 2 ? 1 : 0;
  }
  CHECK(stale > 0);           // gradients computed on older models were applied
  CHECK(from_straggler < 5);  // the fast workers contributed most updates
  const auto expected = replay(*task, workers, run.applied, 0.02, false);
  for (std::size_t k = 0; k < expected.size(); ++k)
    CHECK(run.final_model[k] == doctest::Approx(expected[k]).epsilon(1e-5));
}
