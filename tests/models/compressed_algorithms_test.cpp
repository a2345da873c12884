// Compression in the algorithms that used to send only float32: naive
// compressed DSGD, the compressed all-gather of allreduce, the compressed
// uplink of ps_sgd, and which combinations the registry rejects.
#include <doctest/doctest.h>

#include "tests/support/fixed_gradient_task.hpp"
#include "tests/support/fixed_link.hpp"

#include "models/algorithms/registry.hpp"
#include "models/compressors/registry.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedGradientTask;
using commsim::testing::FixedLink;

namespace {
struct Outcome {
  std::vector<std::vector<std::vector<float>>> models;  // per recorded round, per node
  TrafficCounters traffic;
};

Outcome run_algorithm(const nlohmann::json& algorithm_block, const nlohmann::json& compressor_block,
                      const std::string& topology_kind, const Task& task, NodeId nodes,
                      std::int64_t rounds) {
  Simulator simulator;
  const Topology topology = make_topology({{"kind", topology_kind}}, nodes, "topology");
  const auto& entry = algorithm_registry().find(algorithm_block["kind"], "algorithm.kind");
  const NetworkLayout layout = entry.make.layout(topology);
  Network network(simulator, layout.nodes, {}, 1);
  for (const auto& [from, to] : layout.links)
    network.add_link(from, to, std::make_shared<FixedLink>(1000));
  ComputeModel compute(
      simulator, layout.nodes,
      Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"), 1,
      nodes);
  Outcome outcome;
  AlgorithmContext context{
      simulator, network, topology, task, compute, 3, rounds, 1, [&](const RoundSnapshot& s) {
        outcome.models.push_back(*s.node_models);
        return true;
      }};
  const auto& compressor_entry =
      compressor_registry().find(compressor_block["kind"], "compressor.kind");
  const nlohmann::json resolved_compressor =
      resolve_params(compressor_block, "compressor", compressor_entry.info, "kind");
  context.compressor = make_compressor(resolved_compressor, "compressor", task.dimension());
  context.error_feedback = read_error_feedback(resolved_compressor);
  const auto algorithm = entry.make.make(
      Params(resolve_params(algorithm_block, "algorithm", entry.info, "kind"), "algorithm"),
      context);
  algorithm->start();
  simulator.run();
  CHECK(algorithm->rounds_completed() == rounds);
  outcome.traffic = network.totals();
  return outcome;
}

std::unique_ptr<Task> least_squares(NodeId nodes, int features) {
  const nlohmann::json block = {
      {"kind", "least_squares"}, {"samples", 400}, {"features", features}, {"batch", 4}};
  const auto& entry = task_registry().find("least_squares", "task.kind");
  return entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                    TaskContext{nodes, 7});
}

// The resolved scenario pieces the registry checks read.
void check_combination(const std::string& algorithm, const std::string& compressor,
                       const std::string& task = "least_squares",
                       const nlohmann::json& extra = nlohmann::json::object()) {
  nlohmann::json scenario = {{"algorithm", {{"kind", algorithm}}},
                             {"task", {{"kind", task}}},
                             {"topology", {{"kind", "ring"}}},
                             {"link", {{"model", "ethernet"}}},
                             {"compressor", {{"kind", compressor}}}};
  for (const auto& [key, value] : extra.items())
    scenario["compressor"][key] = value;
  const Topology topology = make_topology({{"kind", "ring"}}, 4, "topology");
  algorithm_registry().find(algorithm, "algorithm.kind").make.check(Params(), scenario, topology);
}

std::string rejection(const std::string& algorithm, const std::string& compressor,
                      const nlohmann::json& extra = nlohmann::json::object()) {
  try {
    check_combination(algorithm, compressor, "least_squares", extra);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}
}  // namespace

TEST_CASE("naive compressed DSGD mixes its exact model with the neighbours' Q(x_j)") {
  // n = 2, W = 1/2 everywhere, lr 0.1, top-1: x^{1/2} = ((0.95, 2), (3, 0.1)),
  // Q = ((0, 2), (3, 0)); x_0 = (0.95, 2)/2 + (3, 0)/2, x_1 = (3, 0.1)/2 + (0, 2)/2.
  const FixedGradientTask task;
  const auto outcome = run_algorithm({{"kind", "dsgd"}, {"lr", 0.1}, {"momentum", 0.0}},
                                     {{"kind", "top_k"}, {"k", 1}}, "complete", task, 2, 1);
  const auto& x = outcome.models.back();
  CHECK(x[0][0] == doctest::Approx(1.975));
  CHECK(x[0][1] == doctest::Approx(1.0));
  CHECK(x[1][0] == doctest::Approx(1.5));
  CHECK(x[1][1] == doctest::Approx(1.05));
  // Two messages of k (b_idx + b_f) = 1 * (1 + 32) bits (d = 2: b_idx = 1).
  CHECK(outcome.traffic.payload_bits == 2 * 33);
}

TEST_CASE(
    "naive compressed gossip with the identity-like qsgd of many levels still averages; none is "
    "unchanged") {
  // With `none` the message is the float32 model: d * 32 bits.
  const FixedGradientTask task;
  const auto exact = run_algorithm({{"kind", "dsgd"}, {"lr", 0.1}, {"momentum", 0.0}},
                                   {{"kind", "none"}}, "complete", task, 2, 1);
  CHECK(exact.models.back()[0][0] == doctest::Approx(1.975));  // (0.95 + 3) / 2
  CHECK(exact.models.back()[0][1] == doctest::Approx(1.05));   // (2 + 0.1) / 2
  CHECK(exact.traffic.payload_bits == 2 * 2 * 32);
}

TEST_CASE("allreduce with a compressor all-gathers the n compressed gradients around the ring") {
  // n = 3; node 0 starts at (1, 2) with g = (0.5, 0), nodes 1 and 2 at (3, 0) with g = (0, -1).
  // top-1 keeps each gradient whole; the mean is (1/6, -2/3) on every node.
  const FixedGradientTask task;
  const auto outcome = run_algorithm({{"kind", "allreduce"}, {"lr", 0.1}, {"momentum", 0.0}},
                                     {{"kind", "top_k"}, {"k", 1}}, "ring", task, 3, 1);
  const auto& x = outcome.models.back();
  CHECK(x[0][0] == doctest::Approx(1.0 - 0.1 / 6.0));
  CHECK(x[0][1] == doctest::Approx(2.0 + 0.2 / 3.0));
  CHECK(x[2][0] == doctest::Approx(3.0 - 0.1 / 6.0));
  CHECK(x[2][1] == doctest::Approx(0.2 / 3.0));
  // Each of the 3 messages travels n - 1 = 2 links: 6 messages of 1 * (1 + 32) bits.
  CHECK(outcome.traffic.messages == 6);
  CHECK(outcome.traffic.payload_bits == 6 * 33);
}

TEST_CASE(
    "compressed allreduce keeps every node's model identical and pays n(n-1) payloads per round") {
  const NodeId nodes = 5;
  const auto task = least_squares(nodes, 63);  // d = 64: b_idx = 6
  const std::int64_t rounds = 4;
  const auto outcome = run_algorithm({{"kind", "allreduce"}, {"lr", 0.05}, {"momentum", 0.0}},
                                     {{"kind", "top_k"}, {"k", 4}, {"error_feedback", true}},
                                     "ring", *task, nodes, rounds);
  for (const auto& round : outcome.models) {
    for (const auto& node : round)
      CHECK(node == round[0]);
  }
  CHECK(outcome.traffic.payload_bits == rounds * nodes * (nodes - 1) * 4 * (6 + 32));
}

TEST_CASE("ps_sgd with top_k: compressed uplinks, float32 downlinks, bits counted exactly") {
  const NodeId workers = 4;
  const auto task = least_squares(workers, 127);  // d = 128: b_idx = 7
  const std::int64_t rounds = 5;
  for (const char* mode : {"sync", "async"}) {
    CAPTURE(mode);
    const auto outcome = run_algorithm(
        {{"kind", "ps_sgd"}, {"mode", mode}, {"lr", 0.05}, {"momentum", 0.0}},
        {{"kind", "top_k"}, {"k", 3}, {"error_feedback", true}}, "ring", *task, workers, rounds);
    const std::int64_t uplink_bits = 3 * (7 + 32), downlink_bits = 128 * 32;
    if (std::string(mode) == "sync") {
      CHECK(outcome.traffic.payload_bits == rounds * workers * (uplink_bits + downlink_bits));
    } else {
      // Async: gradients still in flight at the end are sent but not applied,
      // so count the messages: every one is a whole uplink or a whole downlink.
      const std::int64_t messages = outcome.traffic.messages;
      const std::int64_t down =
          (outcome.traffic.payload_bits - messages * uplink_bits) / (downlink_bits - uplink_bits);
      CHECK(down * downlink_bits + (messages - down) * uplink_bits == outcome.traffic.payload_bits);
      CHECK(messages - down >= rounds * workers);
      CHECK(down >= rounds * workers);
    }
  }
}

TEST_CASE("ps_sgd: error feedback makes the scaled sign converge where plain scaled sign stalls") {
  // Least squares with unequal feature scales: the scaled sign gives every
  // coordinate the same step ||g||_1/d, so without memory the small
  // coordinates are overshot round after round and the loss stalls; EF
  // carries the error over and converges like SGD.
  const nlohmann::json block = {
      {"kind", "least_squares"},   {"samples", 2000}, {"features", 20}, {"batch", 400},
      {"condition_number", 100.0}, {"noise", 0.0}};
  const auto& entry = task_registry().find("least_squares", "task.kind");
  const auto task = entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                               TaskContext{4, 7});
  auto final_loss = [&](bool error_feedback) {
    const auto outcome = run_algorithm(
        {{"kind", "ps_sgd"}, {"lr", 0.05}, {"momentum", 0.0}},
        {{"kind", "scaled_sign"}, {"error_feedback", error_feedback}}, "ring", *task, 4, 300);
    const auto& model = outcome.models.back()[0];
    return *task->evaluate(std::vector<double>(model.begin(), model.end())).train_loss;
  };
  const double exact = [&] {
    const auto outcome = run_algorithm({{"kind", "ps_sgd"}, {"lr", 0.05}, {"momentum", 0.0}},
                                       {{"kind", "none"}}, "ring", *task, 4, 300);
    const auto& model = outcome.models.back()[0];
    return *task->evaluate(std::vector<double>(model.begin(), model.end())).train_loss;
  }();
  const double without = final_loss(false);
  const double with = final_loss(true);
  MESSAGE("exact " << exact << ", scaled sign " << without << ", with EF " << with);
  // Gap to uncompressed SGD after the same rounds.
  CHECK(with - exact < 0.01 * (without - exact));
}

TEST_CASE(
    "the registry accepts compressors where they make sense and rejects the rest with the reason") {
  for (const char* algorithm : {"dsgd", "dpsgd", "allreduce", "ps_sgd", "choco"}) {
    CAPTURE(algorithm);
    CHECK_NOTHROW(check_combination(algorithm, "top_k"));
    CHECK_NOTHROW(
        check_combination(algorithm, "qsgd", "least_squares", {{"error_feedback", true}}));
  }
  CHECK_NOTHROW(check_combination("gossip", "top_k", "consensus"));
  CHECK_NOTHROW(check_combination("dcd", "rand_k", "least_squares", {{"unbiased", true}}));
  // CAT prices its levels on the scenario's link, also when only asked whether it is unbiased.
  CHECK_NOTHROW(
      check_combination("dcd", "cat", "least_squares",
                        {{"base", "wangni"}, {"cost", "packets"}, {"variance_step", false}}));
  CHECK(rejection("dcd", "cat", {{"base", "top_k"}, {"cost", "packets"}})
            .find("a biased compressor") != std::string::npos);
  CHECK(
      rejection("dcd", "top_k")
          .find("compressor.kind: got \"top_k\", a biased compressor; dcd needs an unbiased one") !=
      std::string::npos);
  CHECK(rejection("ecd", "rand_k").find("a biased compressor; ecd") !=
        std::string::npos);  // rand_k is biased by default
  for (const char* algorithm : {"lag", "laq"}) {
    CAPTURE(algorithm);
    CHECK(rejection(algorithm, "top_k")
              .find(std::string("got \"top_k\", but algorithm ") + algorithm +
                    " quantizes its uploads itself") != std::string::npos);
    CHECK(rejection(algorithm, "none").empty());
  }
  CHECK_NOTHROW(check_combination("dsgd", "top_k", "synthetic_model"));
  CHECK_THROWS_WITH_AS(check_combination("dsgd", "cat", "synthetic_model"),
                       doctest::Contains("compressor.kind: got \"cat\", whose message size "
                                         "depends on the values it compresses"),
                       InputError);
}

TEST_CASE("algorithms declare the vectors a node keeps, for the memory estimate") {
  const Topology ring = make_topology({{"kind", "ring"}}, 8, "topology");
  const Topology torus = make_topology({{"kind", "torus"}, {"rows", 2}}, 8, "topology");
  auto vectors = [](const std::string& algorithm, const Topology& topology) {
    return algorithm_registry().find(algorithm, "algorithm.kind").make.vectors_per_node(topology);
  };
  CHECK(vectors("dsgd", ring) == 6.0);
  CHECK(vectors("choco", ring) == 8.0);
  // DCD keeps a double replica of itself and of each neighbour.
  CHECK(vectors("dcd", ring) == 5.0 + 2.0 * 2);
  CHECK(vectors("dcd", torus) == 5.0 + 2.0 * static_cast<double>(torus.max_degree()));
}
