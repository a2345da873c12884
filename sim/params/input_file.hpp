#pragma once
// Files a user names (scenarios, sweeps, edge lists, positions, data sets)
// are read only when they are regular files: a directory, a FIFO or a
// device such as /dev/zero would give a misleading parse error or never end.
#include <cstdint>
#include <string>

namespace commsim {

inline constexpr std::uintmax_t kNoFileSizeLimit = UINTMAX_MAX;

// Throws InputError at `where` when `file` exists but is not a regular file
// or is larger than `max_bytes`; `expected` says what it should be ("a
// scenario JSON file"). A missing file is left to the reader's "cannot open".
void check_input_file(const std::string& file, const std::string& where,
                      const std::string& expected, std::uintmax_t max_bytes = kNoFileSizeLimit);

}  // namespace commsim
