// Sweeps: expansion, sharding, parallel determinism and resume after kill -9.
#include <doctest/doctest.h>

#include <csignal>
#include <set>
#include <thread>

#include "app/sweep.hpp"
#include "cli_runner.hpp"
#include "sim/params/input_error.hpp"
#include "tests/support/task_builder.hpp"

using namespace commsim;
using namespace commsim::testing;

namespace {
const nlohmann::json kBase = {{"nodes", 8},
                              {"topology", {{"kind", "ring"}}},
                              {"link", {{"model", "affine_bit"}, {"bandwidth_bps", 1e6}}},
                              {"task", {{"kind", "consensus"}, {"dim", 10}}},
                              {"stop", {{"rounds", 20}}}};

std::filesystem::path write_sweep(const std::filesystem::path& folder,
                                  const nlohmann::json& sweep) {
  const auto file = folder / "sweep.json";
  std::ofstream(file) << sweep.dump(2);
  return file;
}
}  // namespace

TEST_CASE("a sweep expands grid x zip x repeat in a fixed order with unique ids") {
  const nlohmann::json sweep = {
      {"base", kBase},
      {"grid", {{"topology.kind", {"ring", "complete"}}, {"nodes", {4, 8, 16}}}},
      {"zip", {{"link.bandwidth_bps", {1e6, 1e7}}, {"link.latency_s", {0.01, 0.001}}}},
      {"repeat", 2}};
  const SweepPlan plan = expand_sweep(sweep, ".", "study");
  REQUIRE(plan.runs.size() == 2 * 3 * 2 * 2);
  CHECK(plan.name == "study");
  CHECK(plan.swept_paths == std::vector<std::string>{"nodes", "topology.kind", "link.bandwidth_bps",
                                                     "link.latency_s", "seed"});
  std::set<std::string> ids;
  for (const auto& run : plan.runs)
    ids.insert(run.id);
  CHECK(ids.size() == plan.runs.size());
  // The last grid key varies fastest, zip positions advance together, repeats vary the seed.
  CHECK(plan.runs[0].scenario["nodes"] == 4);
  CHECK(plan.runs[0].scenario["topology"]["kind"] == "ring");
  CHECK(plan.runs[0].scenario["seed"] == 1);
  CHECK(plan.runs[1].scenario["seed"] == 2);
  CHECK(plan.runs[2].scenario["link"]["bandwidth_bps"] == 1e7);
  CHECK(plan.runs[2].scenario["link"]["latency_s"] == 0.001);
  CHECK(plan.runs[4].scenario["topology"]["kind"] == "complete");
  CHECK(plan.runs[4].scenario["nodes"] == 4);
  CHECK(plan.runs[8].scenario["nodes"] == 8);
  CHECK(expand_sweep(sweep, ".", "study").runs[17].id == plan.runs[17].id);  // deterministic
}

TEST_CASE("shards 1/3, 2/3 and 3/3 cover the grid exactly once") {
  const nlohmann::json sweep = {
      {"base", kBase}, {"grid", {{"nodes", {3, 4, 5, 6, 7, 8, 9}}}}, {"repeat", 2}};
  const SweepPlan plan = expand_sweep(sweep, ".", "s");
  std::multiset<std::size_t> covered;
  for (int shard = 1; shard <= 3; ++shard) {
    for (const auto& run : select_shard(plan.runs, shard, 3))
      covered.insert(run.index);
  }
  CHECK(covered.size() == plan.runs.size());
  for (std::size_t i = 0; i < plan.runs.size(); ++i)
    CHECK(covered.count(i) == 1);
}

TEST_CASE("bad sweep files name the key") {
  auto message = [](const nlohmann::json& sweep) {
    try {
      expand_sweep(sweep, ".", "s");
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string();
  };
  CHECK(message({{"grid", {{"nodes", {1}}}}}).find("base: is required") == 0);
  CHECK(
      message({{"base", kBase}, {"gird", {}}}).find("gird: unknown key (did you mean \"grid\"?)") ==
      0);
  CHECK(message({{"base", kBase}, {"grid", {{"nodes", 5}}}}).find("grid.nodes: got 5") == 0);
  CHECK(message({{"base", kBase}, {"zip", {{"nodes", {1, 2}}, {"seed", {1}}}}})
            .find("equal lengths") != std::string::npos);
  CHECK(message({{"base", kBase}, {"repeat", 0}}).find("repeat: got 0") == 0);
  // Was an internal error (nlohmann type_error); found by sweep_fuzz.
  CHECK(message({{"base", kBase}, {"name", {{"a", 1}}}}) ==
        "name: got {\"a\":1}, expected a string");
  CHECK(message({{"base", kBase}, {"grid", {{"nodes", nlohmann::json::array()}}}})
            .find("grid.nodes: got []") == 0);
  // A huge repeat is refused before a single run is built.
  CHECK(message({{"base", kBase}, {"grid", {{"nodes", {4, 8}}}}, {"repeat", 1'000'000'000'000}}) ==
        "the sweep expands to more than 100000 runs (repeat 1000000000000 x grid.nodes 2 x zip 1); "
        "split it into several sweeps");
  CHECK(message({{"base", kBase}, {"zip", {{"seed", {1, 2}}}}, {"repeat", 50'001}})
            .find("more than 100000 runs") != std::string::npos);
}

TEST_CASE("a bad value inside the grid is caught before any run, naming the run and path") {
  const auto folder = fresh_directory("sweep-bad-value");
  const auto file = write_sweep(folder, {{"base", kBase}, {"grid", {{"nodes", {4, -1}}}}});
  const CliResult result =
      run_cli("sweep '" + file.string() + "' --out '" + (folder / "out").string() + "'");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("nodes: got -1") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(folder / "out"));
}

TEST_CASE("an unknown path in the grid is caught before any run") {
  const auto folder = fresh_directory("sweep-bad-path");
  const auto file = write_sweep(folder, {{"base", kBase}, {"grid", {{"topolgy.kind", {"ring"}}}}});
  const CliResult result =
      run_cli("sweep '" + file.string() + "' --out '" + (folder / "out").string() + "'");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("topolgy: unknown key (did you mean \"topology\"?)") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(folder / "out"));
}

TEST_CASE("grids join several products, a run two grids share runs once") {
  // Ring and complete at 4 and 8 nodes, and the 1-peer exponential graph at 8
  // and 16: the (complete, 8) run of the second grid repeats the first's.
  const nlohmann::json sweep = {
      {"base", kBase},
      {"grids",
       {{{"topology.kind", {"ring", "complete"}}, {"nodes", {4, 8}}},
        {{"nodes", {8, 16}}, {"topology.kind", {"one_peer_exponential", "complete"}}}}},
      {"repeat", 2}};
  const SweepPlan plan = expand_sweep(sweep, ".", "union");
  REQUIRE(plan.runs.size() == (4 + 4 - 1) * 2);
  // An object's keys come in sorted order.
  CHECK(plan.swept_paths == std::vector<std::string>{"nodes", "topology.kind", "seed"});
  std::set<std::string> ids;
  for (const auto& run : plan.runs)
    ids.insert(run.id);
  CHECK(ids.size() == plan.runs.size());
  CHECK(plan.runs[8].scenario["topology"]["kind"] == "one_peer_exponential");
  CHECK(plan.runs[8].scenario["nodes"] == 8);

  auto message = [](const nlohmann::json& bad) {
    return input_error_of([&] { expand_sweep(bad, ".", "s"); });
  };
  CHECK(message({{"base", kBase}, {"grids", nlohmann::json::array()}}).find("grids: got []") == 0);
  CHECK(message({{"base", kBase}, {"grids", {{{"nodes", 4}}}}}).find("grids.0.nodes: got 4") == 0);
  CHECK(message({{"base", kBase}, {"grid", {{"nodes", {4}}}}, {"grids", {{{"nodes", {8}}}}}})
            .find("grids: given with \"grid\"") == 0);
}

TEST_CASE("summary.csv of a sweep with grids leaves a path a run's grid lacks empty") {
  const auto folder = fresh_directory("sweep-grids");
  const auto file = write_sweep(
      folder, {{"base", kBase},
               {"grids", {{{"topology.kind", {"ring"}}}, {{"link.bandwidth_bps", {1e7}}}}}});
  const auto out = folder / "out";
  REQUIRE(run_cli("sweep '" + file.string() + "' --quiet --out '" + out.string() + "'").exit_code ==
          0);
  const auto rows = read_csv(out / "summary.csv");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][1] == "topology.kind");
  CHECK(rows[0][2] == "link.bandwidth_bps");
  CHECK(rows[1][1] == "ring");
  CHECK(rows[1][2].empty());
  CHECK(rows[2][1].empty());
  CHECK(std::stod(rows[2][2]) == 1e7);
}

TEST_CASE("summary.csv is byte-identical for --jobs 1 and --jobs 2") {
  const auto folder = fresh_directory("sweep-jobs");
  const auto file = write_sweep(
      folder, {{"base", kBase},
               {"grid", {{"topology.kind", {"ring", "complete", "one_peer_exponential"}}}},
               {"repeat", 3}});
  const auto one = folder / "one", two = folder / "two";
  REQUIRE(run_cli("sweep '" + file.string() + "' --quiet --jobs 1 --out '" + one.string() + "'")
              .exit_code == 0);
  REQUIRE(run_cli("sweep '" + file.string() + "' --quiet --jobs 2 --out '" + two.string() + "'")
              .exit_code == 0);
  const std::string summary = read_text(one / "summary.csv");
  CHECK(summary == read_text(two / "summary.csv"));
  CHECK(std::count(summary.begin(), summary.end(), '\n') == 1 + 9);
  CHECK(summary.rfind("run,topology.kind,seed,complete,stop_reason", 0) == 0);
  for (const auto& entry : std::filesystem::directory_iterator(one)) {
    if (entry.is_directory()) {
      CHECK(read_text(entry.path() / "series.csv") ==
            read_text(two / entry.path().filename() / "series.csv"));
    }
  }
}

TEST_CASE("a sweep killed with SIGKILL resumes to the same summary.csv as an uninterrupted one") {
  const auto folder = fresh_directory("sweep-kill");
  nlohmann::json base = kBase;
  base["stop"]["rounds"] = 400;
  base["nodes"] = 32;
  const auto file = write_sweep(
      folder,
      {{"base", base}, {"grid", {{"topology.kind", {"ring", "complete"}}}}, {"repeat", 10}});
  const auto whole = folder / "whole", killed = folder / "killed";
  REQUIRE(
      run_cli("sweep '" + file.string() + "' --quiet --out '" + whole.string() + "'").exit_code ==
      0);

  const std::string command = std::string("'") + COMMSIM_EXECUTABLE + "' sweep '" + file.string() +
                              "' --quiet --jobs 2 --out '" + killed.string() +
                              "' & pid=$!; sleep 0.3; kill -9 $pid; wait $pid 2>/dev/null";
  std::system(command.c_str());
  // A half-written run has no summary.json and is rerun; complete ones are skipped.
  const CliResult resumed =
      run_cli("sweep '" + file.string() + "' --jobs 2 --out '" + killed.string() + "'");
  REQUIRE(resumed.exit_code == 0);
  CHECK(read_text(whole / "summary.csv") == read_text(killed / "summary.csv"));
  // A partial run (series.csv without summary.json) is never reported as done.
  const auto some_run = std::filesystem::directory_iterator(killed)->path();
  std::filesystem::remove(killed / some_run.filename() / "summary.json");
  const CliResult again =
      run_cli("sweep '" + file.string() + "' --jobs 1 --out '" + killed.string() + "'");
  CHECK(again.out.find("(19 already complete)") != std::string::npos);
  CHECK(read_text(whole / "summary.csv") == read_text(killed / "summary.csv"));
}

TEST_CASE("--dry-run lists the runs without running them") {
  const auto folder = fresh_directory("sweep-dry");
  const auto file = write_sweep(folder, {{"base", kBase}, {"grid", {{"nodes", {4, 8}}}}});
  const CliResult result = run_cli("sweep '" + file.string() + "' --dry-run --shard 2/2 --out '" +
                                   (folder / "out").string() + "'");
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("1 runs (of 2 in the sweep)") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(folder / "out"));
}

TEST_CASE("exclude drops the swept combinations it names, and names a path that is not swept") {
  const nlohmann::json sweep = {
      {"base", kBase},
      {"grid", {{"topology.kind", {"ring", "complete"}}, {"nodes", {4, 8}}}},
      {"exclude", {{{"topology.kind", "complete"}, {"nodes", 8}}, {{"nodes", 4}}}}};
  const SweepPlan plan = expand_sweep(sweep, ".", "s");
  // 4 combinations, minus (complete, 8) and both 4-node runs.
  REQUIRE(plan.runs.size() == 1);
  CHECK(plan.runs[0].scenario["topology"]["kind"] == "ring");
  CHECK(plan.runs[0].scenario["nodes"] == 8);
  CHECK(input_error_of([] {
          expand_sweep({{"base", kBase}, {"grid", {{"nodes", {4}}}}, {"exclude", {{{"seed", 1}}}}},
                       ".", "s");
        }).find("exclude.0.seed: is not swept") == 0);
}

TEST_CASE("sweep --set changes the base, --skip-invalid sets bad runs aside and lists them") {
  const auto folder = fresh_directory("sweep-set");
  // nodes 0 is not a network; without --skip-invalid it stops the sweep.
  const auto file = write_sweep(folder, {{"base", kBase}, {"grid", {{"nodes", {0, 4}}}}});
  const auto out = folder / "out";
  const CliResult refused =
      run_cli("sweep '" + file.string() + "' --quiet --out '" + out.string() + "'");
  CHECK(refused.exit_code == 2);
  const CliResult result = run_cli("sweep '" + file.string() +
                                   "' --quiet --skip-invalid --set stop.rounds=3 --set "
                                   "link.latency_s=0.5 --out '" +
                                   out.string() + "'");
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("skipped invalid run nodes=0_") != std::string::npos);
  const auto rows = read_csv(out / "summary.csv");
  REQUIRE(rows.size() == 2);  // header and the 4-node run
  CHECK(rows[1][1] == "4");
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    if (!entry.is_directory())
      continue;
    const auto resolved = nlohmann::json::parse(read_text(entry.path() / "scenario.resolved.json"));
    CHECK(resolved["stop"]["rounds"] == 3);
    CHECK(resolved["link"]["latency_s"] == 0.5);
  }
}

TEST_CASE("labelled values name their runs and fill summary.csv's label column") {
  const auto folder = fresh_directory("sweep-labels");
  const auto file =
      write_sweep(folder, {{"base", kBase},
                           {"zip",
                            {{"link",
                              {{{"label", "slow radio"},
                                {"value", {{"model", "affine_bit"}, {"bandwidth_bps", 2.5e5}}}},
                               {{"model", "affine_bit"}, {"bandwidth_bps", 1e9}}}}}}});
  const SweepPlan plan = load_sweep(file.string());
  REQUIRE(plan.runs.size() == 2);
  CHECK(plan.runs[0].id.rfind("link=slow_radio_", 0) == 0);
  CHECK(plan.runs[0].scenario["link"]["bandwidth_bps"] == 2.5e5);  // the value, unwrapped
  CHECK(plan.runs[0].labels == std::vector<std::string>{"slow radio"});
  CHECK(plan.runs[1].labels.empty());
  const auto out = folder / "out";
  REQUIRE(run_cli("sweep '" + file.string() + "' --quiet --out '" + out.string() + "'").exit_code ==
          0);
  const auto rows = read_csv(out / "summary.csv");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][1] == "label");
  CHECK(rows[1][1] == "slow radio");
  CHECK(rows[2][1].empty());
  CHECK(input_error_of([] {
          expand_sweep({{"base", kBase}, {"grid", {{"nodes", {{{"label", 4}, {"value", 4}}}}}}},
                       ".", "s");
        }).find("grid.nodes.0.label: got 4, expected a string") == 0);
}

TEST_CASE("summary.csv flattens a swept block into dotted columns, one cell each") {
  const auto folder = fresh_directory("sweep-flat");
  const nlohmann::json fast = {{"model", "affine_bit"}, {"bandwidth_bps", 1e7}};
  const nlohmann::json slow = {{"model", "affine_bit"}, {"bandwidth_bps", 1e5}, {"latency_s", 0.5}};
  const auto file = write_sweep(folder, {{"base", kBase}, {"grid", {{"link", {fast, slow}}}}});
  const auto out = folder / "out";
  REQUIRE(run_cli("sweep '" + file.string() + "' --quiet --out '" + out.string() + "'").exit_code ==
          0);
  const auto rows = read_csv(out / "summary.csv");
  REQUIRE(rows.size() == 3);
  // Columns in order of first appearance; the first block has no latency_s.
  CHECK(rows[0][1] == "link.bandwidth_bps");
  CHECK(rows[0][2] == "link.model");
  CHECK(rows[0][3] == "link.latency_s");
  CHECK(std::stod(rows[1][1]) == 1e7);
  CHECK(rows[1][2] == "affine_bit");
  CHECK(rows[1][3].empty());
  CHECK(std::stod(rows[2][1]) == 1e5);
  CHECK(std::stod(rows[2][3]) == 0.5);
  for (const auto& row : rows)
    for (const auto& value : row)
      CHECK_MESSAGE(value.find('{') == std::string::npos, ("JSON in a cell: " + value));
}

TEST_CASE(
    "manifest.json lists the current runs, an edited sweep's old folders are noted, "
    "then pruned") {
  const auto folder = fresh_directory("sweep-prune");
  const auto out = folder / "out";
  const auto run_sweep = [&](const nlohmann::json& sweep, const std::string& flags) {
    const auto file = write_sweep(folder, sweep);
    return run_cli("sweep '" + file.string() + "' --quiet " + flags + " --out '" + out.string() +
                   "'");
  };
  REQUIRE(run_sweep({{"base", kBase}, {"grid", {{"nodes", {4, 8}}}}}, "").exit_code == 0);
  // Edited: 8 stays, 4 is gone, 6 is new.
  const CliResult edited = run_sweep({{"base", kBase}, {"grid", {{"nodes", {6, 8}}}}}, "");
  REQUIRE(edited.exit_code == 0);
  CHECK(edited.err.find("note: 1 folder(s)") != std::string::npos);
  const auto manifest = nlohmann::json::parse(read_text(out / "manifest.json"));
  REQUIRE(manifest["runs"].size() == 2);
  CHECK(manifest["runs"][0]["swept"]["nodes"] == 6);
  CHECK(manifest["runs"][1]["swept"]["nodes"] == 8);
  std::set<std::string> listed;
  for (const auto& run : manifest["runs"])
    listed.insert(run["run"].get<std::string>());
  std::size_t folders = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out))
    folders += entry.is_directory() ? 1 : 0;
  CHECK(folders == 3);  // the stale 4-node run is still there
  CHECK(read_csv(out / "summary.csv").size() == 3);

  const CliResult pruned = run_sweep({{"base", kBase}, {"grid", {{"nodes", {6, 8}}}}}, "--prune");
  REQUIRE(pruned.exit_code == 0);
  CHECK(pruned.err.find("removed") != std::string::npos);
  std::set<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(out))
    if (entry.is_directory())
      left.insert(entry.path().filename().string());
  CHECK(left == listed);
}
