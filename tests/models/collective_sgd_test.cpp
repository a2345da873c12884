// The synchronous engine for collective compressors under ps_sgd (server) and
// allreduce (ring): exact payload bits per round counted by hand, the
// dataflow timing, training progress, and the scenario checks.
#include <doctest/doctest.h>

#include "tests/support/fixed_link.hpp"

#include <cmath>
#include <vector>

#include "models/algorithms/registry.hpp"
#include "models/compressors/registry.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

namespace {

// f_i(x) = 0.5 ||x - c_i||^2 with c_i[k] = (i + 1) * (k - 3.5) / 4: exact
// gradients, no minibatch noise, no FLOPs (compute takes no time).
class QuadraticTask : public Task {
 public:
  explicit QuadraticTask(NodeId nodes) : nodes_(nodes) {}
  std::string name() const override { return "quadratic"; }
  std::size_t dimension() const override { return 8; }
  std::vector<float> initial_model(NodeId) const override { return std::vector<float>(8, 0.0f); }
  bool trainable() const override { return true; }
  double stochastic_gradient(NodeId node, const std::vector<float>& model, Rng&,
                             std::vector<float>& gradient) const override {
    gradient.resize(8);
    for (std::size_t k = 0; k < 8; ++k)
      gradient[k] = model[k] - target(node, k);
    return 0.0;
  }
  TaskMetrics evaluate(const std::vector<double>& model) const override {
    double loss = 0.0;
    for (NodeId node = 0; node < nodes_; ++node) {
      for (std::size_t k = 0; k < 8; ++k)
        loss += 0.5 * std::pow(model[k] - target(node, k), 2) / nodes_;
    }
    return {loss, std::nullopt, std::nullopt};
  }

 private:
  static float target(NodeId node, std::size_t k) {
    return static_cast<float>(node + 1) * (static_cast<float>(k) - 3.5f) / 4.0f;
  }
  NodeId nodes_;
};

struct Outcome {
  std::int64_t payload_bits = 0;
  std::int64_t messages = 0;
  SimTime end_time = 0;
  std::int64_t rounds = 0;
  double first_loss = 0.0;
  double last_loss = 0.0;
  std::int64_t lost = 0;
  MissingMessageCounters missing;
};

Outcome run(const std::string& algorithm, nlohmann::json compressor, const Task& task,
            NodeId workers, std::int64_t rounds, double lr = 0.5, const FaultConfig& faults = {}) {
  Simulator simulator;
  const Topology topology = make_topology({{"kind", "ring"}}, workers, "topology");
  const auto& entry = algorithm_registry().find(algorithm, "algorithm.kind");
  const NetworkLayout layout = entry.make.layout(topology);
  Network network(simulator, layout.nodes, {}, 1);
  network.set_faults(std::make_shared<const FaultSchedule>(faults, 1));
  for (const auto& [from, to] : layout.links)
    network.add_link(from, to, std::make_shared<FixedLink>(1000));
  ComputeModel compute(
      simulator, layout.nodes,
      Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"), 1,
      workers);
  Outcome outcome;
  bool first = true;
  AlgorithmContext context{
      simulator, network, topology, task, compute, 3, rounds, 1, [&](const RoundSnapshot& s) {
        std::vector<double> average((*s.node_models)[0].begin(), (*s.node_models)[0].end());
        const double loss = *task.evaluate(average).train_loss;
        if (first)
          outcome.first_loss = loss;
        first = false;
        outcome.last_loss = loss;
        return true;
      }};
  context.compressor = make_compressor(compressor, "compressor", task.dimension());
  nlohmann::json params = {{"lr", lr}, {"momentum", 0.0}};
  if (algorithm == "ps_sgd")
    params.update({{"mode", "sync"}, {"max_staleness", nullptr}});
  const auto instance = entry.make.make(Params(params, "algorithm"), context);
  instance->start();
  simulator.run();
  outcome.payload_bits = network.totals().payload_bits;
  outcome.messages = network.totals().messages;
  outcome.end_time = simulator.now();
  outcome.rounds = instance->rounds_completed();
  outcome.lost = network.totals().messages_lost;
  outcome.missing = instance->missing_messages();
  return outcome;
}

}  // namespace

TEST_CASE("clt_k on ps_sgd: indices via the server, then k values up and down, 4 hops a round") {
  const QuadraticTask task(3);
  const Outcome outcome = run("ps_sgd", {{"kind", "clt_k"}, {"k", 2}}, task, 3, 5);
  CHECK(outcome.rounds == 5);
  // Leader -> server and server -> 2 others: 3 * (k * b_idx = 2 * 3); all-reduce
  // of 2 floats on the star: 3 up + 3 down of 64 bits.
  CHECK(outcome.payload_bits == 5 * (3 * 6 + 6 * 64));
  CHECK(outcome.messages == 5 * 9);
  // The leader sends its values at once; the others after the indices arrive
  // (2 hops), then the server's sum (1 more hop): 4 * 1000 ns per round.
  CHECK(outcome.end_time == 5 * 4000);
}

TEST_CASE("clt_k on allreduce: n-1 forwarding steps, then a ring all-reduce of k values") {
  const QuadraticTask task(3);
  const Outcome outcome = run("allreduce", {{"kind", "clt_k"}, {"k", 2}}, task, 3, 4);
  // Broadcast: 2 messages of 6 bits. All-reduce of 2 values in chunks (0, 1, 1):
  // 4 steps, each carrying every chunk once, empty chunks not sent.
  CHECK(outcome.payload_bits == 4 * (2 * 6 + 4 * 64));
  CHECK(outcome.messages == 4 * (2 + 4 * 2));
}

TEST_CASE("powersgd on allreduce: r (rows + columns) floats in two ring all-reduces") {
  const QuadraticTask task(2);
  const Outcome outcome =
      run("allreduce", {{"kind", "powersgd"}, {"rank", 1}, {"rows", 2}}, task, 2, 3);
  // P: 2 values, Q: 4 values; with n = 2 each all-reduce sends every value twice.
  CHECK(outcome.payload_bits == 3 * 2 * (2 + 4) * 32);
  // On the server each worker sends P and Q up and receives their sums.
  const Outcome on_server =
      run("ps_sgd", {{"kind", "powersgd"}, {"rank", 1}, {"rows", 2}}, task, 2, 3);
  CHECK(on_server.payload_bits == 3 * 2 * 2 * (2 + 4) * 32);
}

TEST_CASE("count_sketch on ps_sgd: sketch up, candidates down, values up, update down") {
  const QuadraticTask task(2);
  const Outcome outcome = run("ps_sgd",
                              {{"kind", "count_sketch"},
                               {"k", 1},
                               {"sketch_rows", 2},
                               {"sketch_columns", 3},
                               {"candidate_factor", 2}},
                              task, 2, 3);
  // Per worker: 2*3*32 up, 2*3 (b_idx = 3) down, 2*32 up, 1*(3 + 32) down.
  CHECK(outcome.payload_bits == 3 * 2 * (192 + 6 + 64 + 35));
  CHECK(outcome.messages == 3 * 2 * 4);
  // On the ring: all-reduces of the 6-entry sketch and of the 2 candidates, no indices.
  const Outcome on_ring = run("allreduce",
                              {{"kind", "count_sketch"},
                               {"k", 1},
                               {"sketch_rows", 2},
                               {"sketch_columns", 3},
                               {"candidate_factor", 2}},
                              task, 2, 3);
  CHECK(on_ring.payload_bits == 3 * 2 * (6 + 2) * 32);
}

TEST_CASE("dgc on allreduce: the k-sparse messages are all-gathered in n-1 steps") {
  const QuadraticTask task(3);
  const Outcome outcome = run("allreduce", {{"kind", "dgc"}, {"k", 2}}, task, 3, 2);
  CHECK(outcome.payload_bits == 2 * 2 * 3 * 2 * (3 + 32));
}

TEST_CASE("double_quant on ps_sgd: quantized gradients up, quantized model down between rounds") {
  const QuadraticTask task(2);
  const Outcome outcome =
      run("ps_sgd", {{"kind", "double_quant"}, {"bits", 4}, {"model_bits", 6}}, task, 2, 3, 0.3);
  // Up: 2 * (8*4 + 32) per round; down: 2 * (8*6 + 32) after rounds 1 and 2.
  CHECK(outcome.payload_bits == 3 * 2 * 64 + 2 * 2 * 80);
  CHECK(outcome.last_loss < outcome.first_loss);
}

TEST_CASE("powersgd, dgc and clt_k reduce the loss of a least-squares task") {
  const nlohmann::json block = {
      {"kind", "least_squares"}, {"samples", 400}, {"features", 16}, {"batch", 16}};
  const auto& entry = task_registry().find("least_squares", "task.kind");
  const auto task = entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                               TaskContext{4, 7});
  for (const nlohmann::json& compressor :
       {nlohmann::json{{"kind", "powersgd"}, {"rank", 1}},
        nlohmann::json{{"kind", "dgc"}, {"k", 2}}, nlohmann::json{{"kind", "clt_k"}, {"k", 2}},
        nlohmann::json{{"kind", "count_sketch"}, {"k", 2}}}) {
    CAPTURE(compressor.dump());
    for (const std::string algorithm : {"allreduce", "ps_sgd"}) {
      CAPTURE(algorithm);
      const Outcome outcome = run(algorithm, compressor, *task, 4, 60, 0.05);
      CHECK(outcome.last_loss < 0.5 * outcome.first_loss);
    }
  }
}

namespace {
void check_scenario(const std::string& algorithm, nlohmann::json algorithm_block,
                    const nlohmann::json& compressor, const std::string& error_path,
                    const std::string& error_text) {
  const auto& entry = algorithm_registry().find(algorithm, "algorithm.kind");
  const auto& compressor_entry = compressor_registry().find(compressor["kind"], "compressor.kind");
  nlohmann::json scenario = {{"task", {{"kind", "least_squares"}}},
                             {"topology", {{"kind", "ring"}}},
                             {"link", {{"model", "ethernet"}}}};
  scenario["compressor"] = resolve_params(compressor, "compressor", compressor_entry.info, "kind");
  algorithm_block["kind"] = algorithm;
  const nlohmann::json resolved = resolve_params(algorithm_block, "algorithm", entry.info, "kind");
  const Topology topology = make_topology({{"kind", "ring"}}, 4, "topology");
  try {
    entry.make.check(Params(resolved, "algorithm"), scenario, topology);
    FAIL("expected an InputError at " << error_path);
  } catch (const InputError& error) {
    CHECK(error.where() == error_path);
    CHECK(std::string(error.what()).find(error_text) != std::string::npos);
  }
}
}  // namespace

TEST_CASE("collective compressors are refused where they cannot run") {
  check_scenario("choco", {}, {{"kind", "powersgd"}}, "compressor.kind",
                 "ps_sgd (mode \"sync\") or allreduce");
  check_scenario("dsgd", {}, {{"kind", "clt_k"}}, "compressor.kind", "leader");
  check_scenario("ps_sgd", {{"mode", "async"}}, {{"kind", "dgc"}, {"momentum", 0.9}},
                 "algorithm.mode", "sync");
  check_scenario("allreduce", {}, {{"kind", "double_quant"}}, "compressor.kind",
                 "parameter server");
  check_scenario("allreduce", {{"momentum", 0.9}}, {{"kind", "dgc"}}, "algorithm.momentum",
                 "set algorithm.momentum to 0");
}

TEST_CASE("a collective compressor cannot encode a single vector") {
  const auto compressor = make_compressor({{"kind", "clt_k"}}, "compressor", 8);
  Rng rng(1, "test");
  const std::vector<float> v(8, 1.0f);
  CHECK_THROWS_AS(compressor->encode(v, rng), std::logic_error);
}

TEST_CASE(
    "the collective engine resends messages lost to a link outage and ends with the same model") {
  const QuadraticTask task(3);
  const Outcome lossless = run("ps_sgd", {{"kind", "clt_k"}, {"k", 2}}, task, 3, 5);
  // Both directions between worker 0 and the server (node 3) down for the first 2.5 us.
  FaultConfig faults;
  faults.link_outages.push_back({0, 3, 0, 2500});
  faults.link_outages.push_back({3, 0, 0, 2500});
  const Outcome lossy = run("ps_sgd", {{"kind", "clt_k"}, {"k", 2}}, task, 3, 5, 0.5, faults);
  CHECK(lossy.rounds == 5);
  CHECK(lossy.lost > 0);
  CHECK(lossy.missing.retransmissions == lossy.lost);
  CHECK(lossy.messages == lossless.messages + lossy.lost);
  CHECK(lossy.last_loss == lossless.last_loss);
  // The first resend waits the default retransmit_timeout_s of 0.01 s.
  CHECK(lossy.end_time >= lossless.end_time + 10'000'000);
  CHECK(lossy.missing.stall_cause.empty());
}

TEST_CASE("the collective engine stops at once when a worker is down for good") {
  const QuadraticTask task(3);
  FaultConfig faults;
  faults.node_outages.push_back({1, 0, kSimTimeMax});
  const Outcome outcome = run("allreduce", {{"kind", "dgc"}, {"k", 2}}, task, 3, 5, 0.5, faults);
  CHECK(outcome.rounds == 0);
  CHECK(outcome.missing.retransmissions == 0);
  CHECK(outcome.missing.stall_cause.rfind("dgc collective: node 1 is down for good at ", 0) == 0);
  CHECK(outcome.missing.stall_cause.find("; round 1 cannot complete") != std::string::npos);
  CHECK(outcome.end_time < 10'000'000);  // no timer keeps the run going
}
