// Golden runs: every shipped scenario (a sweep: one or two of its runs),
// shortened by overrides, must reproduce its series.csv in tests/golden/ byte
// for byte. A behaviour change is then a conscious update of those files:
//   tests/golden/regenerate.sh    (runs this test with COMMSIM_UPDATE_GOLDEN=1)
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/experiment.hpp"
#include "app/json_path.hpp"
#include "app/run_output.hpp"
#include "app/scenario.hpp"
#include "app/sweep.hpp"
#include "models/tasks/feed_forward_kernels.hpp"

using namespace commsim;

namespace {

const std::filesystem::path kGoldenDir =
    std::filesystem::path(COMMSIM_SOURCE_DIR) / "tests" / "golden";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The scenario of one case: the file itself, or run `run` of a sweep file,
// with the case's overrides applied and its name as the run name.
nlohmann::json case_scenario(const nlohmann::json& golden_case) {
  const std::string file =
      (std::filesystem::path(COMMSIM_SOURCE_DIR) / golden_case.at("file").get<std::string>())
          .string();
  nlohmann::json scenario;
  if (golden_case.contains("run")) {
    const SweepPlan plan = load_sweep(file);
    const auto run = golden_case.at("run").get<std::size_t>();
    REQUIRE(run < plan.runs.size());
    scenario = plan.runs[run].scenario;
  } else {
    scenario = load_scenario_json(file, {});
  }
  for (const auto& [path, value] : golden_case.at("set").items())
    set_by_path(scenario, path, value);
  scenario["name"] = golden_case.at("name");
  return scenario;
}

// Line-by-line differences, enough to see what moved.
std::string line_diff(const std::string& expected, const std::string& actual) {
  std::istringstream left(expected), right(actual);
  std::ostringstream diff;
  std::string a, b;
  for (int line = 1;; ++line) {
    const bool more_left = static_cast<bool>(std::getline(left, a));
    const bool more_right = static_cast<bool>(std::getline(right, b));
    if (!more_left && !more_right)
      break;
    if (!more_left)
      a = "(none)";
    if (!more_right)
      b = "(none)";
    if (a != b)
      diff << "line " << line << ":\n  golden: " << a << "\n  now:    " << b << "\n";
  }
  return diff.str();
}

bool fashion_mnist_missing(const nlohmann::json& resolved) {
  const auto& task = resolved.at("task");
  return task.contains("dataset") && task.at("dataset") == "fashion-mnist" &&
         !std::filesystem::is_directory(task.at("data_dir").get<std::string>());
}

}  // namespace

TEST_CASE("golden runs: each shortened shipped scenario reproduces its series.csv byte for byte") {
  const nlohmann::json cases = nlohmann::json::parse(read_file(kGoldenDir / "cases.json"));
  const bool update = std::getenv("COMMSIM_UPDATE_GOLDEN") != nullptr;
  REQUIRE(cases.size() >= 5);
  for (const auto& golden_case : cases) {
    const std::string name = golden_case.at("name").get<std::string>();
    CAPTURE(name);
    const Scenario scenario = resolve_scenario(case_scenario(golden_case), name);
    if (fashion_mnist_missing(scenario.resolved)) {
      MESSAGE("dataset-fashion-mnist is not installed; skipping golden run " << name);
      continue;
    }
    const RunResult result = run_experiment(scenario);
    const std::string actual = series_csv(result);
    const auto golden_file = kGoldenDir / (name + ".csv");
    if (update) {
      std::ofstream(golden_file, std::ios::binary) << actual;
      MESSAGE("rewrote " << golden_file.filename().string());
      continue;
    }
    const std::string expected = read_file(golden_file);
    CHECK(result.complete);
    const bool same_bytes = expected == actual;  // a bool: doctest would print both files whole
    CHECK_MESSAGE(same_bytes, "tests/golden/"
                                  << name << ".csv differs from this build:\n"
                                  << line_diff(expected, actual)
                                  << "If the change is intended, regenerate with "
                                     "tests/golden/regenerate.sh and commit the files.");
  }
}

TEST_CASE("golden runs: threads 1 2 and 8 give byte-identical series") {
  // With the portable numerics (the suite's default) the series is also the
  // golden one; ctest reruns this case with the best kernels of the CPU.
  const nlohmann::json cases = nlohmann::json::parse(read_file(kGoldenDir / "cases.json"));
  const bool portable = std::string(active_kernels().name) == "portable";
  if (std::getenv("COMMSIM_UPDATE_GOLDEN") != nullptr)
    return;
  for (const auto& golden_case : cases) {
    const std::string name = golden_case.at("name").get<std::string>();
    const Scenario scenario = resolve_scenario(case_scenario(golden_case), name);
    if (fashion_mnist_missing(scenario.resolved))
      continue;
    const std::string one_thread = series_csv(run_experiment(scenario, {}, 0, 1, 1));
    if (portable) {
      CAPTURE(name);
      CHECK(one_thread == read_file(kGoldenDir / (name + ".csv")));
    }
    for (const unsigned threads : {2U, 8U}) {
      CAPTURE(name);
      CAPTURE(threads);
      const std::string actual = series_csv(run_experiment(scenario, {}, 0, 1, threads));
      const bool same_bytes = one_thread == actual;
      CHECK_MESSAGE(same_bytes, line_diff(one_thread, actual));
    }
  }
}
