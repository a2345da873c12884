#pragma once
// Sizes the fuzz targets leave alone. A ring of 10^7 nodes is valid input that
// takes gigabytes and minutes to build: a question of resource limits, not of
// parsing, and it would only drown the fuzzer in timeouts.
#include <cstdint>

#include <nlohmann/json.hpp>

namespace commsim::fuzz {

constexpr std::int64_t kMaxNodes = 1000;
constexpr std::uint64_t kMaxSweepRuns = 1000;

inline bool small_enough(const nlohmann::json& scenario) {
  return !(scenario.is_object() && scenario.contains("nodes") && scenario["nodes"].is_number() &&
           scenario["nodes"].get<double>() > kMaxNodes);
}

// The number of runs a sweep expands to (grid x zip x repeat), saturated.
inline std::uint64_t sweep_runs(const nlohmann::json& sweep) {
  std::uint64_t runs = 1;
  auto multiply = [&](std::uint64_t factor) { runs = runs > kMaxSweepRuns ? runs : runs * factor; };
  std::uint64_t zip_length = 1;
  if (sweep.contains("grid") && sweep["grid"].is_object())
    for (const auto& [path, values] : sweep["grid"].items())
      multiply(values.is_array() ? values.size() : 1);
  if (sweep.contains("zip") && sweep["zip"].is_object())
    for (const auto& [path, values] : sweep["zip"].items())
      if (values.is_array() && values.size() > zip_length)
        zip_length = values.size();
  multiply(zip_length);
  if (sweep.contains("repeat") && sweep["repeat"].is_number_unsigned())
    multiply(sweep["repeat"].get<std::uint64_t>());
  return runs;
}

}  // namespace commsim::fuzz
