// Large-model mode: messages have the declared model's size, steps its FLOPs,
// and nothing d-sized is computed.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

TEST_CASE("synthetic_model sends VGG-16-sized messages on 300 nodes and times its steps") {
  const auto folder = fresh_directory("large-model");
  const std::string scenario = R"({"nodes": 300, "topology": {"kind": "one_peer_exponential"},
    "link": {"model": "affine_bit", "bandwidth_bps": 1e10},
    "compute": {"flops_per_s": 1e13},
    "task": {"kind": "synthetic_model", "parameters": 138357544, "flops_per_sample": 46.5e9, "batch": 8},
    "algorithm": {"kind": "dsgd"}, "stop": {"rounds": 3}})";
  std::ofstream(folder / "s.json") << scenario;
  const CliResult result = run_cli("run '" + (folder / "s.json").string() + "' --quiet --out '" +
                                   (folder / "out").string() + "'");
  REQUIRE(result.exit_code == 0);
  const auto summary = nlohmann::json::parse(read_text(folder / "out" / "summary.json"));
  CHECK(summary["payload_bits"] ==
        std::int64_t{3} * 300 * 138357544 * 32);  // one message per node and round
  // Per round: a 46.5e9 x 8 FLOP step, one message of 138357544 x 32 bits at
  // 10 Gb/s, then mixing two models (2 x 2 x 138357544 FLOPs), all at 1e13 FLOP/s.
  const double round_s = 46.5e9 * 8 / 1e13 + 138357544.0 * 32 / 1e10 + 4.0 * 138357544 / 1e13;
  CHECK(summary["sim_time_s"].get<double>() == doctest::Approx(3 * round_s).epsilon(1e-9));
  CHECK(summary["consensus_error"].is_null());
  CHECK(summary["test_accuracy"].is_null());
}

TEST_CASE("synthetic_model with top_k 1 % sends messages of k (index + value) bits") {
  const auto folder = fresh_directory("large-model-top-k");
  const std::string scenario = R"({"nodes": 16, "topology": {"kind": "one_peer_exponential"},
    "link": {"model": "affine_bit", "bandwidth_bps": 1e10},
    "task": {"kind": "synthetic_model", "parameters": 25557032},
    "algorithm": {"kind": "dsgd"}, "compressor": {"kind": "top_k", "ratio": 0.01},
    "stop": {"rounds": 3}})";
  std::ofstream(folder / "s.json") << scenario;
  const CliResult result = run_cli("run '" + (folder / "s.json").string() + "' --quiet --out '" +
                                   (folder / "out").string() + "'");
  REQUIRE(result.exit_code == 0);
  const auto summary = nlohmann::json::parse(read_text(folder / "out" / "summary.json"));
  // k = floor(0.01 x 25557032) = 255570 entries of a 25-bit index
  // (2^24 < 25557032 <= 2^25) and a 32-bit value; one message per node and round.
  CHECK(summary["payload_bits"] == std::int64_t{3} * 16 * 255570 * (25 + 32));
}
