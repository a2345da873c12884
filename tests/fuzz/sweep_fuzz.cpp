// Fuzzes the sweep expander (grid, zip, repeat, dotted-path overrides) and
// the validation `commsim sweep` applies to the expanded runs. A "base" given
// as a file path is skipped: the target stays off the file system.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/scenario.hpp"
#include "app/sweep.hpp"
#include "fuzz_limits.hpp"
#include "sim/params/input_error.hpp"

namespace {
constexpr std::size_t kRunsResolved = 3;  // validating every run adds little but time
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json sweep = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (sweep.is_discarded() ||
      (sweep.is_object() && sweep.contains("base") && sweep["base"].is_string()))
    return 0;
  // Large grids are refused by expand_sweep (tested in sweep_test); building
  // up to that limit only slows the fuzzer down.
  if (sweep.is_object() && commsim::fuzz::sweep_runs(sweep) > commsim::fuzz::kMaxSweepRuns)
    return 0;
  try {
    const commsim::SweepPlan plan = commsim::expand_sweep(sweep, ".", "fuzz");
    if (!plan.runs.empty() && commsim::select_shard(plan.runs, 1, 1).size() != plan.runs.size())
      __builtin_trap();
    for (std::size_t k = 0; k < plan.runs.size() && k < kRunsResolved; ++k) {
      if (!commsim::fuzz::small_enough(plan.runs[k].scenario))
        continue;
      try {
        (void)commsim::resolve_scenario(plan.runs[k].scenario, plan.runs[k].id);
      } catch (const commsim::InputError&) {
      }
    }
  } catch (const commsim::InputError&) {
  }
  return 0;
}
