#pragma once
// The parts of a sweep shared by the thread pool and the MPI mode: prepare
// (expand, shard, validate every run), execute one run (or skip it when its
// results are complete), and write summary.csv.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/scenario.hpp"
#include "app/sweep.hpp"

namespace commsim {

struct PreparedSweep {
  SweepPlan plan;
  std::vector<SweepRun> runs;  // this shard's runs
  std::vector<Scenario> scenarios;
  std::filesystem::path out;
  std::string summary_name;   // summary.csv, or summary-I-of-N.csv for a shard
  std::string manifest_name;  // manifest.json, or manifest-I-of-N.json
  bool resume = true;
  // For the parallel runs of this process together; 0: the default share of
  // physical memory.
  std::uint64_t memory_limit_bytes = 0;
  int parallel_runs = 1;         // runs at once in this process (threads; 1 for an MPI rank)
  unsigned compute_threads = 1;  // each run's numerics (--threads)
  // Runs set aside by skip_invalid: (run id, why it cannot be simulated).
  std::vector<std::pair<std::string, std::string>> invalid;
};

// What the command line asks of a sweep.
struct SweepRequest {
  std::string file;
  std::vector<std::string> base_overrides;  // --set PATH=VALUE (or PATH: remove)
  std::string out;                          // empty: results/NAME
  bool resume = true;
  bool skip_invalid = false;  // set invalid runs aside (listed) instead of stopping
};

PreparedSweep prepare_sweep(const SweepRequest& request, int shard, int shards);

enum class RunOutcome { kRan, kSkipped };
RunOutcome execute_sweep_run(const PreparedSweep& sweep, std::size_t position);

// Writes the manifest (this shard's runs and those set aside as invalid),
// before any run starts, so readers know the current runs even mid-sweep.
void write_sweep_manifest(const PreparedSweep& sweep);

// Writes the sweep's summary.csv from the runs' summary.json files.
std::filesystem::path write_sweep_summary(const PreparedSweep& sweep);

// How many of the sweep's runs ended with this stop_reason (e.g. "diverged").
std::size_t count_stop_reason(const PreparedSweep& sweep, const std::string& reason);

#ifdef COMMSIM_HAVE_MPI
// Rank 0 hands out runs one at a time and writes the summary; the other ranks
// run them (a single rank runs everything itself). Returns, on rank 0 only,
// the number of runs skipped as complete.
std::optional<std::size_t> run_sweep_with_mpi(const PreparedSweep& sweep);
#endif

}  // namespace commsim
