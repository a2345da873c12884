#pragma once
// What differs from one run of the same scenario to the next: the host, when
// it started, how long it took, the command line and the thread count. It
// goes into provenance.json, the one file allowed to differ between reruns,
// so that series.csv, summary.json and scenario.resolved.json stay
// byte-identical. The build (version from git, build type, compiler) is
// deterministic per build and goes into summary.json instead.
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

namespace commsim {

struct RunProvenance {
  std::chrono::system_clock::time_point started = std::chrono::system_clock::now();
  double wall_s = 0.0;
  int threads = 1;          // the sweep's parallel runs; 1 for commsim run
  int compute_threads = 1;  // threads of each run's numerics (--threads)
};

// Kept once by main(): the command line as typed, arguments joined by spaces.
void set_command_line(int argc, const char* const* argv);

nlohmann::json provenance_json(const RunProvenance& provenance);
// The build that made a result: version, commit, dirty flag, build type,
// compiler, and the numerics kernels chosen for this CPU (see COMMSIM_KERNELS).
nlohmann::json build_json();

}  // namespace commsim
