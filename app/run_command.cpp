// `commsim run` and `commsim validate`.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "app/command_line.hpp"
#include "app/experiment.hpp"
#include "app/explain.hpp"
#include "app/final_report.hpp"
#include "app/interrupt.hpp"
#include "app/memory_budget.hpp"
#include "app/number_format.hpp"
#include "app/progress_bar.hpp"
#include "app/run_output.hpp"
#include "app/scenario.hpp"
#include "sim/kernel/work_pool.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

namespace {

struct ScenarioOptions {
  std::string file;
  std::vector<std::string> overrides;
  std::string out;
  bool quiet = false;
  std::string max_memory;
  bool explain = false;
  int threads = 0;
};

bool parse_scenario_options(const Arguments& arguments, const std::string& usage, bool with_output,
                            ScenarioOptions& parsed) {
  po::options_description options("options");
  options.add_options()("scenario", po::value(&parsed.file)->required(), "scenario JSON file")(
      "set", po::value(&parsed.overrides)->composing(), "PATH=VALUE override, e.g. topology.k=3");
  if (with_output) {
    options.add_options()("out", po::value(&parsed.out), "output folder (default: results/NAME)")(
        "quiet,q", po::bool_switch(&parsed.quiet), "no progress bar, no final report")(
        "max-memory", po::value(&parsed.max_memory),
        "refuse a run estimated to need more, e.g. 8G (default: 3/4 of physical memory)")(
        "threads", po::value(&parsed.threads),
        "threads for the numerics (gradients); outputs do not depend on it (default: all cores)");
  } else {
    options.add_options()("explain", po::bool_switch(&parsed.explain),
                          "print what each node ends up with: its FLOP rate, its link model "
                          "and where it comes from, what the medium gives it");
  }
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  if (!parse_command_line(arguments, usage, options, positional, values))
    return false;
  if (values.count("threads") && parsed.threads < 1) {
    throw InputError("--threads",
                     "got " + std::to_string(parsed.threads) + ", expected an integer >= 1");
  }
  return true;
}

Scenario load(const ScenarioOptions& options) {
  const nlohmann::json raw = load_scenario_json(options.file, options.overrides);
  try {
    return resolve_scenario(raw, std::filesystem::path(options.file).stem().string());
  } catch (const InputError& error) {
    throw InputError(options.file, error.what());  // prefix the file: "f.json: topology.k: ..."
  }
}

}  // namespace

int validate_command(const Arguments& arguments) {
  ScenarioOptions options;
  if (!parse_scenario_options(arguments,
                              "commsim validate SCENARIO.json [--set PATH=VALUE]... [--explain]",
                              false, options)) {
    return 0;
  }
  const Scenario scenario = load(options);
  std::cout << options.file << ": valid (" << scenario.nodes << " nodes, topology "
            << scenario.topology->kind() << ", link " << scenario.link->name() << ")\n";
  if (options.explain)
    std::cout << explain_scenario(scenario);
  return 0;
}

int run_command(const Arguments& arguments) {
  ScenarioOptions options;
  if (!parse_scenario_options(arguments,
                              "commsim run SCENARIO.json [--set PATH=VALUE]... [--out DIR] "
                              "[--quiet] [--max-memory SIZE] [--threads N]",
                              true, options)) {
    return 0;
  }
  const Scenario scenario = load(options);
  const std::string out = options.out.empty() ? "results/" + scenario.name : options.out;
  const std::uint64_t memory_limit_bytes =
      options.max_memory.empty() ? 0 : parse_memory_size(options.max_memory, "--max-memory");

  install_interrupt_handlers();
  ProgressBar progress(!options.quiet);
  RunProvenance provenance;
  provenance.compute_threads = static_cast<int>(default_threads(options.threads));
  const auto started = std::chrono::steady_clock::now();
  const RunResult result = run_experiment(
      scenario,
      [&](const SeriesRow& row, std::int64_t max_rounds) {
        std::ostringstream text;
        text << "round " << row.round << "/" << max_rounds << "  sim " << format_seconds(row.time)
             << " s";
        progress.update(static_cast<double>(row.round) / static_cast<double>(max_rounds),
                        text.str());
      },
      memory_limit_bytes, 1, static_cast<unsigned>(provenance.compute_threads));
  progress.finish();
  provenance.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  write_run_outputs(out, result, scenario.resolved, provenance);

  if (!options.quiet) {
    std::cout << "commsim: " << scenario.name << ": " << final_report(result, scenario.resolved)
              << "\ncommsim: results in " << out
              << "/ (series.csv, summary.json, scenario.resolved.json)\n";
  }
  if (result.stop_reason == "interrupted") {
    std::cerr << "commsim: interrupted; the rows so far are in " << out
              << " (summary.json: complete false)\n";
    return kInterruptedExitCode;
  }
  if (result.stop_reason == "diverged") {
    std::cerr << "commsim: warning: run " << scenario.name << " diverged: " << result.stop_detail
              << "; its rows so far are kept (summary.json: complete false)\n";
  } else if (!result.complete) {
    std::cerr << "commsim: warning: run " << scenario.name << " ended incomplete ("
              << result.stop_reason << "); see summary.json\n";
  }
  return 0;
}

}  // namespace commsim
