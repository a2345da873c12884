// Compression on a size-only task (synthetic_model): the compressors whose
// message size is a function of d and their parameters declare it
// (Compressor::size_only_bits), every algorithm charges it through
// NodeCompression, and the others are refused at compressor.kind.
// The expected counts are written out here from d and the parameters.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tests/support/fixed_link.hpp"

#include "models/algorithms/registry.hpp"
#include "models/algorithms/size_only_check.hpp"
#include "models/compressors/registry.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

namespace {

// d is not a power of two, so ceil(log2 d) differs from floor(log2 d).
constexpr std::int64_t kD = 1000;
constexpr std::int64_t kIndexBits = 10;  // ceil(log2 1000): 2^9 = 512 < 1000 <= 1024 = 2^10

struct Case {
  nlohmann::json block;
  std::int64_t bits;  // for a vector of kD entries, by hand
  bool fixed_size;    // encode() gives exactly `bits` on any vector
  bool unbiased;      // dcd and ecd take it
};

// QSGD's expected-size bound for Elias coding, as docs/compressors.md states it.
std::int64_t qsgd_elias_bound(std::int64_t d, std::int64_t s, std::int64_t value_bits) {
  const double m = static_cast<double>(s) * (static_cast<double>(s) + std::sqrt(double(d)));
  const double per_nonzero = 3.0 + 1.5 * std::log2(2.0 * (double(s) * double(s) + double(d)) / m);
  return value_bits + static_cast<std::int64_t>(std::ceil(per_nonzero * m));
}

std::vector<Case> accepted_cases() {
  return {
      {{{"kind", "none"}}, 32 * kD, true, true},
      // k = floor(0.01 * 1000) = 10 entries of index + float32.
      {{{"kind", "top_k"}, {"ratio", 0.01}}, 10 * (kIndexBits + 32), true, false},
      {{{"kind", "top_k"}, {"k", 7}, {"index_bits", "32"}}, 7 * (32 + 32), true, false},
      {{{"kind", "rand_k"}, {"ratio", 0.05}}, 50 * (kIndexBits + 32), true, false},
      {{{"kind", "rand_k"}, {"ratio", 0.05}, {"unbiased", true}},
       50 * (kIndexBits + 32),
       true,
       true},
      // A shared 32-bit seed instead of the indices.
      {{{"kind", "rand_k"}, {"k", 50}, {"shared_seed", true}}, 50 * 32 + 32, true, false},
      // b_f + d (1 + ceil(log2(s + 1))): s = 15 needs 4 bits per level, s = 3 needs 2.
      {{{"kind", "qsgd"}, {"levels", 15}}, 32 + kD * (1 + 4), true, true},
      {{{"kind", "qsgd"}, {"levels", 3}, {"value_bits", 64}}, 64 + kD * (1 + 2), true, true},
      {{{"kind", "qsgd"}, {"levels", 15}, {"coding", "elias"}},
       qsgd_elias_bound(kD, 15, 32),
       false,
       true},
      {{{"kind", "sign"}}, kD, true, false},
      {{{"kind", "scaled_sign"}}, kD + 32, true, false},
      {{{"kind", "terngrad"}}, 2 * kD + 32, true, true},
      // k = 10 sign bits with their indices and one float32 scale.
      {{{"kind", "sq"}, {"ratio", 0.01}}, 10 * (kIndexBits + 1) + 32, true, false},
  };
}

std::vector<float> gaussian(std::size_t d, std::uint64_t seed) {
  Rng rng(seed, "size-only test vector");
  std::vector<float> v(d);
  for (auto& x : v)
    x = static_cast<float>(rng.normal());
  return v;
}

std::unique_ptr<Task> synthetic_task(std::int64_t parameters) {
  const nlohmann::json block = {{"kind", "synthetic_model"}, {"parameters", parameters}};
  const auto& entry = task_registry().find("synthetic_model", "task.kind");
  return entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                    TaskContext{4, 1});
}

nlohmann::json resolved_compressor(const nlohmann::json& block, const std::string& path) {
  const auto& entry = compressor_registry().find(block["kind"], path + ".kind");
  return resolve_params(block, path, entry.info, "kind");
}

// Runs `algorithm` on 4 nodes (a ring) for 2 rounds of a synthetic model of
// kD parameters and returns the network's totals.
TrafficCounters run_synthetic(const std::string& algorithm, const nlohmann::json& compressor,
                              const nlohmann::json& downlink = nullptr) {
  const auto task = synthetic_task(kD);
  Simulator simulator;
  const Topology topology = make_topology({{"kind", "ring"}}, 4, "topology");
  const auto& entry = algorithm_registry().find(algorithm, "algorithm.kind");
  const NetworkLayout layout = entry.make.layout(topology);
  Network network(simulator, layout.nodes, {}, 1);
  for (const auto& [from, to] : layout.links)
    network.add_link(from, to, std::make_shared<FixedLink>(1000));
  ComputeModel compute(
      simulator, layout.nodes,
      Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"), 1,
      4);
  AlgorithmContext context{simulator, network, topology,
                           *task,     compute, 3,
                           2,         1,       [](const RoundSnapshot&) { return true; }};
  context.compressor = make_compressor(resolved_compressor(compressor, "compressor"), "compressor",
                                       static_cast<std::size_t>(task->message_floats()));
  if (!downlink.is_null()) {
    context.downlink_compressor =
        make_compressor(resolved_compressor(downlink, "downlink"), "downlink",
                        static_cast<std::size_t>(task->message_floats()));
  }
  const auto algorithm_object = entry.make.make(
      Params(resolve_params({{"kind", algorithm}}, "algorithm", entry.info, "kind"), "algorithm"),
      context);
  algorithm_object->start();
  simulator.run();
  CHECK(algorithm_object->rounds_completed() == 2);
  return network.totals();
}

// The registry's check on a resolved-enough synthetic_model scenario.
void check_synthetic(const std::string& algorithm, const nlohmann::json& compressor,
                     const nlohmann::json& downlink = nullptr) {
  nlohmann::json scenario = {{"algorithm", {{"kind", algorithm}}},
                             {"task", {{"kind", "synthetic_model"}}},
                             {"topology", {{"kind", "ring"}}},
                             {"link", {{"model", "ethernet"}}},
                             {"compressor", compressor}};
  if (!downlink.is_null())
    scenario["downlink"] = downlink;
  const auto& entry = algorithm_registry().find(algorithm, "algorithm.kind");
  const Params params(resolve_params(scenario["algorithm"], "algorithm", entry.info, "kind"),
                      "algorithm");
  entry.make.check(params, scenario, make_topology({{"kind", "ring"}}, 4, "topology"));
}

std::string refusal(const std::string& algorithm, const nlohmann::json& compressor,
                    const nlohmann::json& downlink = nullptr) {
  try {
    check_synthetic(algorithm, compressor, downlink);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("size-only bits equal the hand formula and encode() on a real vector of size d") {
  const auto v = gaussian(static_cast<std::size_t>(kD), 5);
  for (const Case& c : accepted_cases()) {
    CAPTURE(c.block.dump());
    const auto compressor = make_compressor(c.block, "compressor", static_cast<std::size_t>(kD));
    REQUIRE(compressor->size_only_bits(kD).has_value());
    CHECK(*compressor->size_only_bits(kD) == c.bits);
    if (!c.fixed_size)
      continue;
    for (std::uint64_t seed : {1u, 2u}) {
      Rng rng(seed, "encode");
      CHECK(compressor->encode(v, rng).payload_bits == c.bits);
    }
  }
}

TEST_CASE("qsgd's Elias size-only bits bound the mean encoded size from above, within 1.5x") {
  // QSGD's bound holds for every vector; for s <= sqrt(d) it is also close
  // to what this encoder produces on Gaussian vectors (about 1.3x).
  constexpr std::int64_t d = 100'000;
  for (std::int64_t s : {1, 4, 15}) {
    CAPTURE(s);
    const auto compressor = make_compressor({{"kind", "qsgd"}, {"levels", s}, {"coding", "elias"}},
                                            "compressor", static_cast<std::size_t>(d));
    const std::int64_t bound = *compressor->size_only_bits(d);
    CHECK(bound == qsgd_elias_bound(d, s, 32));
    double mean_bits = 0.0;
    constexpr int kVectors = 4;
    for (int i = 0; i < kVectors; ++i) {
      Rng rng(static_cast<std::uint64_t>(i), "encode");
      mean_bits += static_cast<double>(
          compressor->encode(gaussian(static_cast<std::size_t>(d), 10 + i), rng).payload_bits);
    }
    mean_bits /= kVectors;
    CHECK(mean_bits <= static_cast<double>(bound));
    CHECK(static_cast<double>(bound) <= 1.5 * mean_bits);
  }
}

TEST_CASE(
    "every compressing algorithm sends size-only messages of the formula on synthetic_model") {
  for (const Case& c : accepted_cases()) {
    CAPTURE(c.block.dump());
    std::vector<std::string> algorithms = {"dsgd", "dpsgd", "choco", "allreduce", "ps_sgd"};
    if (c.unbiased) {
      algorithms.push_back("dcd");
      algorithms.push_back("ecd");
    }
    for (const std::string& algorithm : algorithms) {
      CAPTURE(algorithm);
      CHECK_NOTHROW(check_synthetic(algorithm, c.block));
      const TrafficCounters totals = run_synthetic(algorithm, c.block);
      REQUIRE(totals.messages > 0);
      if (algorithm == "ps_sgd") {
        // 4 workers x 2 rounds: a compressed gradient up, a float32 model down.
        CHECK(totals.messages == 16);
        CHECK(totals.payload_bits == 8 * c.bits + 8 * 32 * kD);
      } else if (c.block["kind"] == "none" && algorithm == "allreduce") {
        // Uncompressed all-reduce: 2(n-1) chunk steps of d/n floats per node.
        CHECK(totals.payload_bits == 2 * 2 * (4 - 1) * 32 * kD);
      } else {
        CHECK(totals.payload_bits == totals.messages * c.bits);
      }
    }
  }
}

TEST_CASE("ps_sgd's compressed downlink sends size-only deltas on synthetic_model") {
  for (const Case& c : accepted_cases()) {
    if (c.block["kind"] == "none")
      continue;  // a "none" downlink is the float32 broadcast itself
    CAPTURE(c.block.dump());
    CHECK_NOTHROW(check_synthetic("ps_sgd", {{"kind", "none"}}, c.block));
    const TrafficCounters totals = run_synthetic("ps_sgd", {{"kind", "none"}}, c.block);
    // Up: 4 workers x 2 rounds of float32 gradients. Down: the first model in
    // full (float32) to each worker, then one compressed delta each.
    CHECK(totals.messages == 16);
    CHECK(totals.payload_bits == 8 * 32 * kD + 4 * 32 * kD + 4 * c.bits);
  }
}

TEST_CASE(
    "synthetic_model refuses value-dependent compressors at compressor.kind, naming the "
    "allowed ones") {
  const std::vector<std::string> accepted = {"none",     "top_k", "rand_k",      "qsgd",
                                             "terngrad", "sign",  "scaled_sign", "sq"};
  CHECK(size_only_compressor_kinds() == accepted);
  const std::string allowed = "none, top_k, rand_k, qsgd, terngrad, sign, scaled_sign or sq";
  for (const std::string kind : {"wangni", "cat"}) {
    CAPTURE(kind);
    for (const std::string algorithm : {"dsgd", "choco", "allreduce", "ps_sgd"}) {
      CAPTURE(algorithm);
      const std::string message = refusal(algorithm, {{"kind", kind}});
      CHECK(message.find("compressor.kind: got \"" + kind +
                         "\", whose message size depends on the values it compresses") !=
            std::string::npos);
      CHECK(message.find(allowed) != std::string::npos);
    }
  }
  for (const std::string kind : {"clt_k", "powersgd", "count_sketch", "dgc", "double_quant"}) {
    CAPTURE(kind);
    for (const std::string algorithm : {"dsgd", "allreduce", "ps_sgd"}) {
      CAPTURE(algorithm);
      const std::string message = refusal(algorithm, {{"kind", kind}});
      CHECK(message.find("compressor.kind: got \"" + kind + "\", a collective compressor") !=
            std::string::npos);
      CHECK(message.find(allowed) != std::string::npos);
    }
  }
  const std::string downlink = refusal("ps_sgd", {{"kind", "none"}}, {{"kind", "wangni"}});
  CHECK(downlink.find("downlink.kind: got \"wangni\", whose message size depends on the values") !=
        std::string::npos);
  // The same compressors stay accepted on tasks with values.
  nlohmann::json scenario = {{"algorithm", {{"kind", "dsgd"}}},
                             {"task", {{"kind", "least_squares"}}},
                             {"topology", {{"kind", "ring"}}},
                             {"link", {{"model", "ethernet"}}},
                             {"compressor", {{"kind", "wangni"}}}};
  CHECK_NOTHROW(
      algorithm_registry()
          .find("dsgd", "algorithm.kind")
          .make.check(Params(), scenario, make_topology({{"kind", "ring"}}, 4, "topology")));
}
