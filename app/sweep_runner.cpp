#include "app/sweep_runner.hpp"

#include <chrono>

#include "app/atomic_file.hpp"
#include "app/experiment.hpp"
#include "app/run_output.hpp"
#include "app/sweep_summary.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

PreparedSweep prepare_sweep(const SweepRequest& request, int shard, int shards) {
  const std::string& file = request.file;
  PreparedSweep sweep;
  sweep.plan = load_sweep(file, request.base_overrides);
  // Validate every run before running any: a typo in the grid costs nothing.
  // With skip_invalid a run that cannot be simulated is set aside, with why.
  for (auto& run : select_shard(sweep.plan.runs, shard, shards)) {
    try {
      sweep.scenarios.push_back(resolve_scenario(run.scenario, run.id));
      sweep.runs.push_back(std::move(run));
    } catch (const InputError& error) {
      if (!request.skip_invalid)
        throw InputError(file + " (run " + run.id + ")", error.what());
      sweep.invalid.emplace_back(run.id, error.what());
    }
  }
  const std::string& out = request.out;
  sweep.out = out.empty() ? "results/" + sweep.plan.name : out;
  std::string shard_suffix;  // built in steps: GCC 12 warns falsely on "-" + to_string(...)
  if (shards > 1) {
    shard_suffix += '-';
    shard_suffix += std::to_string(shard);
    shard_suffix += "-of-";
    shard_suffix += std::to_string(shards);
  }
  sweep.summary_name = "summary" + shard_suffix + ".csv";
  sweep.manifest_name = "manifest" + shard_suffix + ".json";
  sweep.resume = request.resume;
  return sweep;
}

RunOutcome execute_sweep_run(const PreparedSweep& sweep, std::size_t position) {
  const auto folder = sweep.out / sweep.runs[position].id;
  const Scenario& scenario = sweep.scenarios[position];
  if (sweep.resume) {
    // Done means: summary.json is complete JSON written for this very scenario.
    const auto summary = read_summary(folder / "summary.json");
    // An interrupted run is not done, even though it wrote its partial rows.
    if (summary && summary->value("scenario_hash", "") == scenario_hash(scenario.resolved) &&
        summary->value("stop_reason", "") != "interrupted") {
      return RunOutcome::kSkipped;
    }
  }
  RunProvenance provenance;
  provenance.threads = sweep.parallel_runs;
  provenance.compute_threads = static_cast<int>(sweep.compute_threads);
  const auto started = std::chrono::steady_clock::now();
  const RunResult result = run_experiment(scenario, {}, sweep.memory_limit_bytes,
                                          sweep.parallel_runs, sweep.compute_threads);
  provenance.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  write_run_outputs(folder.string(), result, scenario.resolved, provenance);
  return RunOutcome::kRan;
}

void write_sweep_manifest(const PreparedSweep& sweep) {
  write_file_atomically((sweep.out / sweep.manifest_name).string(),
                        sweep_manifest(sweep.plan.name, sweep.runs, sweep.invalid).dump(2) + "\n");
}

std::filesystem::path write_sweep_summary(const PreparedSweep& sweep) {
  const auto path = sweep.out / sweep.summary_name;
  write_file_atomically(path.string(),
                        sweep_summary_csv(sweep.out, sweep.plan.swept_paths, sweep.runs));
  return path;
}

std::size_t count_stop_reason(const PreparedSweep& sweep, const std::string& reason) {
  std::size_t count = 0;
  for (const SweepRun& run : sweep.runs) {
    const auto summary = read_summary(sweep.out / run.id / "summary.json");
    if (summary && summary->value("stop_reason", "") == reason)
      ++count;
  }
  return count;
}

}  // namespace commsim
