// A sweep's runs share one decoded data set: the first run decodes it (or
// reads it from the on-disk cache), the others find it in memory, and each
// run's provenance.json says which; results are the same bytes either way.
#include <doctest/doctest.h>

#include <chrono>
#include <map>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "models/datasets/cache_folder.hpp"
#include "tests/support/fake_fashion_mnist.hpp"
#include "tests/support/scoped_environment.hpp"

using namespace commsim;
using namespace commsim::testing;

namespace {

// Run id -> provenance.json's "data", and run id -> series.csv.
struct SweepOutputs {
  std::map<std::string, std::string> data;
  std::map<std::string, std::string> series;
};

SweepOutputs run_sweep(const std::filesystem::path& sweep, const std::filesystem::path& out) {
  const CliResult result = run_cli("sweep '" + sweep.string() +
                                   "' --quiet --jobs 1 --no-resume --out '" + out.string() + "'");
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  SweepOutputs outputs;
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    if (!entry.is_directory())
      continue;
    const auto provenance = nlohmann::json::parse(read_text(entry.path() / "provenance.json"));
    const std::string run = entry.path().filename().string();
    outputs.data[run] = provenance.value("data", "");
    outputs.series[run] = read_text(entry.path() / "series.csv");
  }
  return outputs;
}

std::map<std::string, int> tally(const SweepOutputs& outputs) {
  std::map<std::string, int> counts;
  for (const auto& [run, data] : outputs.data)
    ++counts[data];
  return counts;
}

}  // namespace

TEST_CASE("a sweep decodes its data set once and each run's provenance.json says how it got it") {
  const auto folder = fresh_directory("sweep-data");
  const auto images = folder / "images";
  std::filesystem::create_directories(images);
  write_fake_fashion_mnist(images, 20, 10);
  for (const auto& entry : std::filesystem::directory_iterator(images)) {
    std::filesystem::last_write_time(  // sources just written are not cached
        entry.path(), std::filesystem::file_time_type::clock::now() - std::chrono::hours(1));
  }
  const nlohmann::json sweep = {{"name", "shared-data"},
                                {"base",
                                 {{"nodes", 2},
                                  {"topology", {{"kind", "ring"}}},
                                  {"task",
                                   {{"kind", "softmax"},
                                    {"dataset", "fashion-mnist"},
                                    {"data_dir", images.string()},
                                    {"batch", 2},
                                    {"eval_samples", 0}}},
                                  {"algorithm", {{"kind", "dsgd"}, {"lr", 0.1}}},
                                  {"stop", {{"rounds", 3}}}}},
                                {"grid", {{"algorithm.lr", {0.1, 0.2, 0.3, 0.4}}}}};
  const auto file = folder / "sweep.json";
  std::ofstream(file) << sweep.dump(2);

  const ScopedEnvironment cache(kCacheFolderVariable, (folder / "cache").string());
  const SweepOutputs decoded = run_sweep(file, folder / "decoded");
  CHECK(tally(decoded) == std::map<std::string, int>{{"decoded", 1}, {"shared", 3}});

  // The next process reads the cache file; its results are the same bytes.
  const SweepOutputs cached = run_sweep(file, folder / "cached");
  CHECK(tally(cached) == std::map<std::string, int>{{"from cache", 1}, {"shared", 3}});
  CHECK(cached.series == decoded.series);

  const ScopedEnvironment no_cache(kCacheFolderVariable, "off");
  const SweepOutputs uncached = run_sweep(file, folder / "uncached");
  CHECK(tally(uncached) == std::map<std::string, int>{{"decoded", 1}, {"shared", 3}});
  CHECK(uncached.series == decoded.series);
}
