// `commsim sweep`: runs every run of a sweep file, in parallel, resumably.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "app/atomic_file.hpp"
#include "app/command_line.hpp"
#include "app/experiment.hpp"
#include "app/progress_bar.hpp"
#include "app/run_output.hpp"
#include "app/scenario.hpp"
#include "app/sweep.hpp"
#include "app/sweep_summary.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

namespace {

struct SweepOptions {
  std::string file;
  int jobs = 0;
  std::string shard;
  bool no_resume = false;
  bool dry_run = false;
  bool quiet = false;
  std::string out;
};

std::pair<int, int> parse_shard(const std::string& text) {
  int shard = 0, shards = 0;
  char slash = 0;
  std::istringstream in(text);
  if (!(in >> shard >> slash >> shards) || slash != '/' || !in.eof() || shards < 1 || shard < 1 || shard > shards) {
    throw InputError("--shard", "got \"" + text + "\", expected I/N with 1 <= I <= N (e.g. 2/4)");
  }
  return {shard, shards};
}

// A run is done when its summary.json is complete JSON for the same resolved scenario.
bool already_done(const std::filesystem::path& folder, const std::string& hash) {
  const auto summary = read_summary(folder / "summary.json");
  return summary && summary->value("scenario_hash", "") == hash;
}

}  // namespace

int sweep_command(const Arguments& arguments) {
  SweepOptions options;
  po::options_description description("options");
  description.add_options()("sweep", po::value(&options.file)->required(), "sweep JSON file")(
      "jobs,j", po::value(&options.jobs), "runs in parallel (default: all cores)")(
      "shard", po::value(&options.shard), "I/N: only runs whose index mod N is I-1")(
      "no-resume", po::bool_switch(&options.no_resume), "rerun runs that are already complete")(
      "dry-run", po::bool_switch(&options.dry_run), "list the runs and exit")(
      "quiet,q", po::bool_switch(&options.quiet), "no progress bar and no final report")(
      "out", po::value(&options.out), "sweep folder (default: results/NAME)");
  po::positional_options_description positional;
  positional.add("sweep", 1);
  po::variables_map values;
  if (!parse_command_line(arguments,
                          "commsim sweep SWEEP.json [--jobs N] [--shard I/N] [--no-resume] [--dry-run] [--out DIR]",
                          description, positional, values)) {
    return 0;
  }
  if (values.count("jobs") && options.jobs < 1) {
    throw InputError("--jobs", "got " + std::to_string(options.jobs) + ", expected an integer >= 1");
  }
  const auto [shard, shards] = options.shard.empty() ? std::pair{1, 1} : parse_shard(options.shard);
  const SweepPlan plan = load_sweep(options.file);
  const std::vector<SweepRun> runs = select_shard(plan.runs, shard, shards);

  // Validate every run before running any: a typo in the grid costs nothing.
  std::vector<Scenario> scenarios;
  scenarios.reserve(runs.size());
  for (const auto& run : runs) {
    try {
      scenarios.push_back(resolve_scenario(run.scenario, run.id));
    } catch (const InputError& error) {
      throw InputError(options.file + " (run " + run.id + ")", error.what());
    }
  }
  if (options.dry_run) {
    for (const auto& run : runs) std::cout << run.index << "\t" << run.id << "\n";
    std::cout << runs.size() << " runs (of " << plan.runs.size() << " in the sweep)\n";
    return 0;
  }

  const std::filesystem::path out = options.out.empty() ? "results/" + plan.name : options.out;
  std::filesystem::create_directories(out);
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const auto jobs = static_cast<std::size_t>(options.jobs > 0 ? options.jobs : static_cast<int>(cores));

  std::atomic<std::size_t> next{0}, finished{0}, skipped{0};
  std::mutex failure_mutex;
  std::optional<std::string> failure;
  ProgressBar progress(!options.quiet);
  std::mutex progress_mutex;
  const auto started = std::chrono::steady_clock::now();
  auto worker = [&] {
    for (std::size_t i; (i = next++) < runs.size();) {
      {
        std::lock_guard lock(failure_mutex);
        if (failure) return;
      }
      const auto folder = out / runs[i].id;
      const std::string hash = scenario_hash(scenarios[i].resolved);
      try {
        if (!options.no_resume && already_done(folder, hash)) {
          ++skipped;
        } else {
          const RunResult result = run_experiment(scenarios[i]);
          write_run_outputs(folder.string(), result, scenarios[i].resolved);
        }
      } catch (const std::exception& error) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = "run " + runs[i].id + ": " + error.what();
        return;
      }
      const std::size_t done = ++finished;
      std::lock_guard lock(progress_mutex);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const double rate = static_cast<double>(done) / std::max(seconds, 1e-9);
      std::ostringstream text;
      text << done << "/" << runs.size() << " runs, " << static_cast<int>(rate * 100) / 100.0 << " runs/s, ETA "
           << static_cast<int>(static_cast<double>(runs.size() - done) / rate) << " s";
      progress.update(static_cast<double>(done) / static_cast<double>(runs.size()), text.str());
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < std::min(jobs, runs.size()); ++t) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();
  progress.finish();
  if (failure) throw std::runtime_error(*failure);

  // The summary covers the runs of this shard; a sharded sweep writes one per shard.
  const std::string summary_name =
      shards == 1 ? "summary.csv" : "summary-" + std::to_string(shard) + "-of-" + std::to_string(shards) + ".csv";
  write_file_atomically((out / summary_name).string(), sweep_summary_csv(out, plan.swept_paths, runs));
  if (!options.quiet) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "commsim sweep: " << runs.size() << " runs (" << skipped.load() << " already complete) in "
              << static_cast<int>(seconds * 10) / 10.0 << " s on " << std::min(jobs, runs.size())
              << " threads; summary in " << (out / summary_name).string() << "\n";
  }
  return 0;
}

}  // namespace commsim
