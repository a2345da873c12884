#pragma once
// The last line `commsim run` prints for people: how the run ended, what it
// cost, the task's main metric and the target's outcome, rounded to three
// significant digits (the files keep every digit).
#include <string>

#include <nlohmann/json.hpp>

#include "app/run_result.hpp"

namespace commsim {

std::string final_report(const RunResult& result, const nlohmann::json& resolved_scenario);

}  // namespace commsim
