// Error feedback in NodeCompression (EF-SGD, ScaleCom's filter) and the tally
// of adaptive compression levels.
#include <doctest/doctest.h>

#include <numeric>

#include "models/algorithms/node_compression.hpp"
#include "models/compressors/registry.hpp"
#include "topologies/registry.hpp"

using namespace commsim;

namespace {
// NodeCompression reads only the compressor, the EF options, the levels and the seed.
struct CompressionHarness {
  Simulator simulator;
  Network network{simulator, 1, {}, 1};
  Topology topology = make_topology({{"kind", "ring"}}, 3, "topology");
  ComputeModel compute{
      simulator, 1,
      Params(resolve_params(nlohmann::json::object(), "compute", compute_info(), ""), "compute"),
      1};
  CompressionLevels levels;

  NodeCompression make(const nlohmann::json& block, std::size_t dimension, const Task& task) {
    AlgorithmContext context{simulator, network, topology, task, compute, 1, 1, 1, {}};
    context.compressor = make_compressor(block, "compressor", dimension);
    context.error_feedback = read_error_feedback(
        resolve_params(block, "compressor",
                       compressor_registry().find(block["kind"], "compressor.kind").info, "kind"));
    context.compression_levels = &levels;
    return NodeCompression(context, 2);
  }
};

class NoTask : public Task {
 public:
  std::string name() const override { return "none"; }
  std::size_t dimension() const override { return 0; }
  std::vector<float> initial_model(NodeId) const override { return {}; }
  TaskMetrics evaluate(const std::vector<double>&) const override { return {}; }
};
}  // namespace

TEST_CASE("error feedback reproduces a worked EF-SGD scaled-sign step") {
  CompressionHarness harness;
  const NoTask task;
  auto compression = harness.make({{"kind", "scaled_sign"}, {"error_feedback", true}}, 5, task);
  const std::vector<float> p = {0.5f, -2.0f, 1.0f, 0.1f, -3.0f};
  const Encoded delta = compression.compress(0, p);
  const std::vector<double> expected_delta = {1.32, -1.32, 1.32, 1.32, -1.32};
  const std::vector<double> expected_e = {-0.82, -0.68, -0.32, -1.22, -1.68};
  for (std::size_t k = 0; k < 5; ++k) {
    CHECK(delta.decoded[k] == doctest::Approx(expected_delta[k]).epsilon(1e-6));
    CHECK(compression.memory(0)[k] == doctest::Approx(expected_e[k]).epsilon(1e-6));
  }
  CHECK(delta.payload_bits == 5 + 32);
  CHECK(compression.memory(1).empty());  // memory is per node

  SUBCASE("the next message carries the memory: p = v + e") {
    const std::vector<float> zero(5, 0.0f);
    const Encoded next = compression.compress(0, zero);
    // ||e||_1 / d = 4.72 / 5, signs of e (all negative).
    for (std::size_t k = 0; k < 5; ++k)
      CHECK(next.decoded[k] == doctest::Approx(-0.944).epsilon(1e-6));
    // Classic EF loses nothing: sum of the messages + e = sum of the inputs.
    for (std::size_t k = 0; k < 5; ++k) {
      CHECK(delta.decoded[k] + next.decoded[k] + compression.memory(0)[k] ==
            doctest::Approx(p[k]).epsilon(1e-5));
    }
  }
}

TEST_CASE("beta < 1 low-pass filters the memory") {
  CompressionHarness harness;
  const NoTask task;
  SUBCASE("scaled sign, beta = 0.1 scales the worked e by 0.1") {
    auto compression = harness.make(
        {{"kind", "scaled_sign"}, {"error_feedback", true}, {"error_feedback_beta", 0.1}}, 5, task);
    compression.compress(0, std::vector<float>{0.5f, -2.0f, 1.0f, 0.1f, -3.0f});
    const std::vector<double> expected_e = {-0.082, -0.068, -0.032, -0.122, -0.168};
    for (std::size_t k = 0; k < 5; ++k)
      CHECK(compression.memory(0)[k] == doctest::Approx(expected_e[k]).epsilon(1e-6));
  }
  SUBCASE("top-2 of m1 = (3, -1, 0.5, 2): e = (0, -1, 0.5, 0), times beta") {
    for (const double beta : {1.0, 0.1}) {
      CAPTURE(beta);
      auto compression = harness.make(
          {{"kind", "top_k"}, {"k", 2}, {"error_feedback", true}, {"error_feedback_beta", beta}}, 4,
          task);
      const Encoded sent = compression.compress(0, std::vector<float>{3.0f, -1.0f, 0.5f, 2.0f});
      CHECK(sent.decoded == std::vector<float>{3.0f, 0.0f, 0.0f, 2.0f});
      const std::vector<double> expected_e = {0.0, -1.0 * beta, 0.5 * beta, 0.0};
      for (std::size_t k = 0; k < 4; ++k)
        CHECK(compression.memory(0)[k] == doctest::Approx(expected_e[k]));
    }
  }
}

TEST_CASE("without error feedback the compressor sees v itself and no memory is kept") {
  CompressionHarness harness;
  const NoTask task;
  auto compression = harness.make({{"kind", "top_k"}, {"k", 1}}, 3, task);
  CHECK(compression.active());
  CHECK(compression.compress(0, std::vector<float>{1.0f, -4.0f, 2.0f}).decoded ==
        std::vector<float>{0, -4, 0});
  CHECK(compression.compress(0, std::vector<float>{1.0f, -4.0f, 2.0f}).decoded ==
        std::vector<float>{0, -4, 0});
  CHECK(compression.memory(0).empty());
  CHECK_FALSE(harness.make({{"kind", "none"}}, 3, task).active());
}

namespace {
// An adaptive compressor stand-in: reports the entry count as its level.
class LevelReporter final : public Compressor {
 public:
  std::string name() const override { return "levels"; }
  bool unbiased() const override { return true; }
  Encoded encode(std::span<const float> v, Rng&) const override {
    Encoded out;
    out.decoded.assign(v.begin(), v.end());
    out.level = static_cast<std::int64_t>(v.size());
    return out;
  }
};
}  // namespace

TEST_CASE(
    "compression levels: mean of the reported levels since the last take, none when none "
    "reported") {
  CompressionLevels levels;
  CHECK_FALSE(levels.take_mean().has_value());
  levels.add(0);  // fixed compressors report 0
  CHECK_FALSE(levels.take_mean().has_value());

  CompressionHarness harness;
  const NoTask task;
  AlgorithmContext context{
      harness.simulator, harness.network, harness.topology, task, harness.compute, 1, 1, 1, {}};
  context.compressor = std::make_shared<LevelReporter>();
  context.compression_levels = &levels;
  NodeCompression compression(context, 2);
  compression.compress(0, std::vector<float>(3));
  compression.compress(1, std::vector<float>(6));
  const auto mean = levels.take_mean();
  REQUIRE(mean.has_value());
  CHECK(*mean == doctest::Approx(4.5));
  CHECK_FALSE(levels.take_mean().has_value());  // reset
}
