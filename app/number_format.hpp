#pragma once
// Number formatting for output files: shortest round-trip for doubles, exact
// decimal seconds for the integer clock. Locale-independent.
#include <optional>
#include <string>

#include "sim/kernel/sim_time.hpp"

namespace commsim {

std::string format_double(double value);
std::string format_optional(const std::optional<double>& value);  // "" when absent
std::string format_seconds(SimTime time);                         // 1715264000 -> "1.715264"
// For people, not files: three significant digits (0.0011986 -> "0.0012", 2.5e-14 -> "2.5e-14").
std::string format_rounded(double value);

}  // namespace commsim
