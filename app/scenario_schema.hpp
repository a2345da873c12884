#pragma once
// A JSON Schema (draft 2020-12) of scenario files, generated from the same
// registries that validate them, so that editors complete and check a
// scenario as it is typed. commsim's own validation stays the authority
// (it also checks what a schema cannot: node ids against the node count,
// topology requirements, algorithm x compressor combinations).
#include <nlohmann/json.hpp>

namespace commsim {

nlohmann::json scenario_schema();

}  // namespace commsim
