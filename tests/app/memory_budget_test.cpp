// The resource guard: the estimate is the arithmetic it claims, sizes parse
// with their units, and a run over the limit is refused before it allocates,
// with exit 2 and no result folder.
#include <doctest/doctest.h>

#include "app/memory_budget.hpp"
#include "cli_runner.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/params/input_error.hpp"

using namespace commsim;
using namespace commsim::testing;

TEST_CASE("the memory estimate adds model state, network and data") {
  const MemoryEstimate estimate{.nodes = 1000,
                                .dimension = 500,
                                .vectors_per_node = 3.0,
                                .links = 4000,
                                .data_bytes = 12345,
                                .topology_bytes = 678};
  // 1000 nodes x 500 floats x (3 own + snapshot + in flight) x 4 bytes.
  CHECK(estimate.model_state_bytes() == 1000ULL * 500 * 5 * 4);
  CHECK(estimate.network_bytes() == 4000ULL * 160 + 1000ULL * 512);
  CHECK(estimate.total_bytes() ==
        estimate.model_state_bytes() + estimate.network_bytes() + 12345 + 678);
  CHECK_NOTHROW(check_memory(estimate, estimate.total_bytes()));
  // A link model that draws gets a random stream (2.5 KB of state) per link.
  MemoryEstimate random_links = estimate;
  random_links.link_streams = true;
  CHECK(random_links.network_bytes() == 4000ULL * (160 + sizeof(Rng)) + 1000ULL * 512);
  CHECK_THROWS_AS(check_memory(estimate, estimate.total_bytes() - 1), InputError);
}

TEST_CASE("runs at once multiply their own memory, the data sets they share count once") {
  const MemoryEstimate estimate{.nodes = 10,
                                .dimension = 100,
                                .vectors_per_node = 1.0,
                                .links = 20,
                                .data_bytes = 1000,
                                .topology_bytes = 500,
                                .shared_data_bytes = 50 << 20,
                                .parallel_runs = 4};
  CHECK(estimate.run_bytes() ==
        estimate.model_state_bytes() + estimate.network_bytes() + 1000 + 500);
  CHECK(estimate.total_bytes() == 4 * estimate.run_bytes() + (50 << 20));
  const std::string text = estimate.describe();
  CHECK_MESSAGE(text.find("that per run, x 4 runs at once") != std::string::npos, text);
  CHECK_MESSAGE(
      text.find("plus data sets in memory, each counted once 50.0 MiB") != std::string::npos, text);
}

TEST_CASE("memory sizes parse with binary units and reject nonsense") {
  CHECK(parse_memory_size("4096", "--max-memory") == 4096);
  CHECK(parse_memory_size("512M", "--max-memory") == 512ULL << 20);
  CHECK(parse_memory_size("1.5GiB", "--max-memory") == 3ULL << 29);
  CHECK(parse_memory_size("2T", "--max-memory") == 2ULL << 40);
  for (const char* bad : {"", "-1G", "0", "1Q", "G", "1 G B", "nan"}) {
    CHECK_THROWS_AS(parse_memory_size(bad, "--max-memory"), InputError);
  }
  CHECK(format_bytes(512) == "512 B");
  CHECK(format_bytes(3ULL << 29) == "1.5 GiB");
  CHECK(default_memory_limit_bytes() > 0);
  CHECK(default_memory_limit_bytes() < physical_memory_bytes());
}

TEST_CASE("a run over --max-memory is refused with its estimate and leaves no folder") {
  const auto out = fresh_directory("memory-guard") / "run";
  const CliResult result =
      run_cli("run scenarios/quickstart.json --quiet --max-memory 1K --out '" + out.string() + "'");
  CHECK(result.exit_code == 2);
  CHECK_MESSAGE(result.err.find("--max-memory: the run needs about") != std::string::npos,
                result.err);
  CHECK_MESSAGE(result.err.find("16 nodes x 1000 floats") != std::string::npos, result.err);
  CHECK_FALSE(std::filesystem::exists(out));
  // The same run fits in the default limit.
  CHECK(run_cli("run scenarios/quickstart.json --quiet --out '" + out.string() + "'").exit_code ==
        0);
}

TEST_CASE("a sweep whose runs exceed their share of --max-memory stops with exit 2") {
  const auto dir = fresh_directory("memory-guard-sweep");
  {
    std::ofstream sweep(dir / "sweep.json");
    sweep << R"({"name": "guard", "base": {"nodes": 16, "task": {"kind": "consensus", "dim": 1000},
                 "algorithm": {"kind": "gossip"}, "stop": {"rounds": 2}},
                 "grid": {"seed": [1, 2]}})";
  }
  const CliResult result =
      run_cli("sweep '" + (dir / "sweep.json").string() +
              "' --quiet --jobs 2 --max-memory 2K --out '" + (dir / "out").string() + "'");
  CHECK(result.exit_code == 2);
  CHECK_MESSAGE(result.err.find("--max-memory") != std::string::npos, result.err);
}
