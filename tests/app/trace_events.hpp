#pragma once
// Reading a trace.json in tests: its events whose name starts with a prefix.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace commsim::testing {

inline std::vector<nlohmann::json> named(const nlohmann::json& trace, const std::string& prefix) {
  std::vector<nlohmann::json> found;
  for (const auto& event : trace["traceEvents"]) {
    if (event["name"].get<std::string>().rfind(prefix, 0) == 0)
      found.push_back(event);
  }
  return found;
}

}  // namespace commsim::testing
