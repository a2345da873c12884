// Fuzzes what `commsim validate` does with a scenario file: parse the JSON,
// then resolve it against every registry (which builds the topology and the
// link model). An InputError is the expected answer to bad input; any other
// exception, a crash, a sanitizer report, a hang or a huge allocation is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/scenario.hpp"
#include "fuzz_limits.hpp"
#include "sim/params/input_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const nlohmann::json raw = commsim::parse_scenario_json(text, "fuzz.json");
    // An edge_list file is read at validation; its parser has its own target,
    // and a path such as /dev/zero would only test the operating system.
    if (raw.contains("topology") && raw["topology"].is_object() && raw["topology"].contains("file"))
      return 0;
    if (!commsim::fuzz::small_enough(raw))
      return 0;
    const commsim::Scenario scenario = commsim::resolve_scenario(raw, "fuzz");
    // The resolved scenario is what a run writes out: it must serialise.
    (void)scenario.resolved.dump();
  } catch (const commsim::InputError&) {
  }
  return 0;
}
