#pragma once
// Every JSON the command line reads (scenarios, sweeps, a sweep's base,
// --set values) goes through here: bounded in size and nesting before the
// recursive parser runs, and with duplicate keys refused, since the last
// one would silently win and hide a typo.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace commsim {

inline constexpr std::size_t kMaxJsonDepth = 64;
inline constexpr std::uintmax_t kMaxJsonFileBytes = 64ull << 20;

// Parses `text`; errors (invalid JSON, too deep, duplicate key) are
// InputErrors at `where`.
nlohmann::json parse_json_input(const std::string& text, const std::string& where);
// Whether `text` nests arrays and objects deeper than kMaxJsonDepth
// (brackets inside strings do not count).
bool json_too_deep(const std::string& text);
// Reads and parses a JSON file: a regular file of at most kMaxJsonFileBytes.
// `expected` names what it should be ("a scenario JSON file").
nlohmann::json read_json_input_file(const std::string& file, const std::string& expected);

}  // namespace commsim
