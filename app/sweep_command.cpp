// `commsim sweep`: runs every run of a sweep file, in parallel, resumably.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "app/command_line.hpp"
#include "app/interrupt.hpp"
#include "app/memory_budget.hpp"
#include "app/progress_bar.hpp"
#include "app/sweep_runner.hpp"
#include "app/sweep_summary.hpp"
#include "models/tasks/shared_data.hpp"
#include "sim/kernel/work_pool.hpp"
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
  bool mpi = false;
  std::string out;
  std::string max_memory;
  std::vector<std::string> overrides;
  bool skip_invalid = false;
  bool prune = false;
  int threads = 0;
};

std::pair<int, int> parse_shard(const std::string& text) {
  int shard = 0, shards = 0;
  char slash = 0;
  std::istringstream in(text);
  if (!(in >> shard >> slash >> shards) || slash != '/' || !in.eof() || shards < 1 || shard < 1 ||
      shard > shards) {
    throw InputError("--shard", "got \"" + text + "\", expected I/N with 1 <= I <= N (e.g. 2/4)");
  }
  return {shard, shards};
}

std::string rate_text(std::size_t done, std::size_t total, double seconds) {
  const double rate = static_cast<double>(done) / std::max(seconds, 1e-9);
  std::ostringstream text;
  text << done << "/" << total << " runs, " << static_cast<int>(rate * 100) / 100.0
       << " runs/s, ETA " << static_cast<int>(static_cast<double>(total - done) / rate) << " s";
  return text.str();
}

// Runs on `jobs` threads; returns how many runs were skipped as complete.
std::size_t run_on_threads(const PreparedSweep& sweep, std::size_t jobs, ProgressBar& progress) {
  std::atomic<std::size_t> next{0}, finished{0}, skipped{0};
  std::mutex mutex;  // guards failure and the progress bar
  std::optional<std::string> failure;
  bool failure_is_input = false;  // bad input (e.g. over --max-memory) keeps exit status 2
  const auto started = std::chrono::steady_clock::now();
  auto worker = [&] {
    for (std::size_t i; (i = next++) < sweep.runs.size();) {
      if (interrupt_requested())
        return;  // leave the rest for the resumed sweep
      try {
        if (execute_sweep_run(sweep, i) == RunOutcome::kSkipped)
          ++skipped;
      } catch (const std::exception& error) {
        std::lock_guard lock(mutex);
        if (!failure) {
          failure = "run " + sweep.runs[i].id + ": " + error.what();
          failure_is_input = dynamic_cast<const InputError*>(&error) != nullptr;
        }
        next = sweep.runs.size();  // stop handing out runs
        return;
      }
      const std::size_t done = ++finished;
      std::lock_guard lock(mutex);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      progress.update(static_cast<double>(done) / static_cast<double>(sweep.runs.size()),
                      rate_text(done, sweep.runs.size(), seconds));
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < std::min(jobs, sweep.runs.size()); ++t)
    threads.emplace_back(worker);
  for (auto& thread : threads)
    thread.join();
  progress.finish();
  if (failure && failure_is_input)
    throw InputError("", *failure);
  if (failure)
    throw std::runtime_error(*failure);
  return skipped;
}

// Folders of runs that are no longer in the sweep (its file was edited) stay
// out of the manifest and summary; --prune deletes them, else a note says so.
void handle_stale_folders(const PreparedSweep& sweep, bool prune) {
  const auto stale = stale_run_folders(sweep.out, sweep.plan.runs);
  if (stale.empty())
    return;
  if (!prune) {
    std::cerr << "commsim sweep: note: " << stale.size() << " folder(s) in " << sweep.out.string()
              << " are not runs of this sweep (an earlier version of it?); readers of "
                 "manifest.json ignore them, --prune removes them\n";
    return;
  }
  for (const auto& folder : stale) {
    std::error_code error;  // another MPI rank may have removed it first
    std::filesystem::remove_all(folder, error);
    std::cerr << "commsim sweep: removed " << folder.string()
              << (error ? " (failed: " + error.message() + ")" : "") << "\n";
  }
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
      "mpi", po::bool_switch(&options.mpi),
      "under mpirun: rank 0 hands out runs to the other ranks")(
      "quiet,q", po::bool_switch(&options.quiet), "no progress bar and no final report")(
      "out", po::value(&options.out), "sweep folder (default: results/NAME)")(
      "set", po::value(&options.overrides)->composing(),
      "PATH=VALUE applied to the base scenario before the grids (PATH alone removes it)")(
      "skip-invalid", po::bool_switch(&options.skip_invalid),
      "set aside runs that cannot be simulated, listing why, instead of stopping")(
      "prune", po::bool_switch(&options.prune),
      "remove run folders in the sweep folder that are not runs of this sweep")(
      "max-memory", po::value(&options.max_memory),
      "memory for all parallel runs together, e.g. 8G (default: 3/4 of physical memory)")(
      "threads", po::value(&options.threads),
      "threads for each run's numerics; outputs do not depend on it (default: the cores "
      "divided among the parallel runs)");
  po::positional_options_description positional;
  positional.add("sweep", 1);
  po::variables_map values;
  if (!parse_command_line(
          arguments,
          "commsim sweep SWEEP.json [--set PATH=VALUE]... [--jobs N] [--shard I/N] "
          "[--no-resume] [--skip-invalid] [--prune] [--dry-run] [--mpi] [--out DIR] "
          "[--max-memory SIZE] [--threads N]",
          description, positional, values)) {
    return 0;
  }
  const std::pair<const char*, int> counts[] = {{"jobs", options.jobs},
                                                {"threads", options.threads}};
  for (const auto& [name, value] : counts) {
    if (values.count(name) && value < 1) {
      throw InputError(std::string("--") + name,
                       "got " + std::to_string(value) + ", expected an integer >= 1");
    }
  }
#ifndef COMMSIM_HAVE_MPI
  if (options.mpi) {
    throw InputError("--mpi",
                     "this commsim was built without MPI; install libopenmpi-dev and rebuild");
  }
#endif
  const auto [shard, shards] = options.shard.empty() ? std::pair{1, 1} : parse_shard(options.shard);
  PreparedSweep sweep = prepare_sweep(
      {options.file, options.overrides, options.out, !options.no_resume, options.skip_invalid},
      shard, shards);
  for (const auto& [id, why] : sweep.invalid)
    std::cerr << "commsim sweep: skipped invalid run " << id << ": " << why << "\n";
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const auto jobs =
      static_cast<std::size_t>(options.jobs > 0 ? options.jobs : static_cast<int>(cores));
  // The budget covers the parallel runs together (an MPI rank runs one at a
  // time) and the data sets they share, counted once.
  sweep.memory_limit_bytes = options.max_memory.empty()
                                 ? default_memory_limit_bytes()
                                 : parse_memory_size(options.max_memory, "--max-memory");
  sweep.parallel_runs = options.mpi ? 1 : static_cast<int>(std::min(jobs, sweep.runs.size()));
  // An MPI rank shares its machine with about one rank per core.
  sweep.compute_threads = default_threads(
      options.threads, options.mpi ? cores : static_cast<unsigned>(sweep.parallel_runs));
  if (options.dry_run) {
    for (const auto& run : sweep.runs)
      std::cout << run.index << "\t" << run.id << "\n";
    std::cout << sweep.runs.size() << " runs (of " << sweep.plan.runs.size() << " in the sweep)\n";
    return 0;
  }
  std::filesystem::create_directories(sweep.out);
  handle_stale_folders(sweep, options.prune);
  write_sweep_manifest(sweep);
  install_interrupt_handlers();
  // Data sets decoded by one run stay in memory for the next ones, until the sweep ends.
  const DataRetention keep_data;
  const auto started = std::chrono::steady_clock::now();
  std::size_t skipped = 0;
  std::string workers;
#ifdef COMMSIM_HAVE_MPI
  if (options.mpi) {
    const auto rank_zero_skipped = run_sweep_with_mpi(sweep);
    if (!rank_zero_skipped)
      return 0;  // a worker rank: rank 0 writes the summary and reports
    skipped = *rank_zero_skipped;
    workers = "MPI ranks";
  }
#endif
  if (!options.mpi) {
    ProgressBar progress(!options.quiet);
    skipped = run_on_threads(sweep, jobs, progress);
    workers = std::to_string(std::min(jobs, sweep.runs.size())) + " threads";
  }
  const auto summary = write_sweep_summary(sweep);
  if (interrupt_requested()) {
    std::cerr << "commsim sweep: interrupted; rerun the same command to finish the missing runs\n";
    return kInterruptedExitCode;
  }
  if (!options.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "commsim sweep: " << sweep.runs.size() << " runs (" << skipped
              << " already complete) in " << static_cast<int>(seconds * 10) / 10.0 << " s on "
              << workers << "; summary in " << summary.string() << "\n";
  }
  if (const std::size_t diverged = count_stop_reason(sweep, "diverged"); diverged > 0) {
    std::cerr << "commsim sweep: warning: " << diverged << " of " << sweep.runs.size()
              << " runs diverged (stop_reason \"diverged\" in " << summary.string() << ")\n";
  }
  return 0;
}

}  // namespace commsim
