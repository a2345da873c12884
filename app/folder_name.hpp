#pragma once
// Names that become folders: a scenario's or sweep's "name" (results/NAME)
// and the run ids of a sweep (SWEEP_FOLDER/RUN_ID). A folder name never
// leaves its parent: no separator, not "." or "..", no control character,
// and bounded in length.
#include <cstddef>
#include <string>

namespace commsim {

// Well below the 255 bytes most file systems allow, and above the longest run
// id of the shipped sweeps (171), whose folder names must not change.
inline constexpr std::size_t kMaxFolderNameBytes = 200;

// What a user-given name may be, for error messages.
std::string folder_name_rule();
// Throws InputError at `path` when `name` cannot be a folder name.
void check_folder_name(const std::string& name, const std::string& path);
// Turns any text into a folder name: separators and control characters
// become '_', "." and ".." become "_" and "__", and a text over the limit
// keeps its start and a hash of the whole, so that long names stay unique.
std::string safe_folder_name(const std::string& text);

}  // namespace commsim
