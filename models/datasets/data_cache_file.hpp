#pragma once
// One cache file of decoded data: the Dataset arrays of a source (its parts,
// e.g. Fashion-MNIST's training and test sets), so a later process reads them
// instead of decompressing or parsing the source again.
//
// Layout (native byte order; every section starts at a multiple of 8 bytes):
//   header    "CSIMDATA", layout version (u32), byte-order mark 0x01020304
//             (u32), key bytes, part count, body bytes, body checksum (u64s)
//   body      the key (text naming the source files, their sizes and
//             modification times), one descriptor per part (samples,
//             features, classes, sparse, dense encoding and the sizes of its
//             five arrays, u64s), then the arrays themselves.
// The checksum (checksum64) covers the header before it and the whole body.
// Dense values that are all exactly byte / 255 (images) are stored as the
// bytes: 4x smaller.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "models/datasets/dataset.hpp"

namespace commsim {

// Raise whenever the layout above changes: older files are then ignored.
inline constexpr std::uint32_t kDataCacheLayoutVersion = 1;

// Writes a temporary file in the same folder (a name no other process or
// thread uses) and renames it over `file`, so readers see the old file or the
// new one, never half of one. Throws std::runtime_error naming the file and
// the reason when the folder cannot be written.
void write_data_cache_file(const std::filesystem::path& file, const std::string& key,
                           std::span<const Dataset> parts);

// The parts stored in `file`, or nothing when the file is absent, has another
// layout version, byte order or key (its source changed: stale), or is
// truncated or corrupt (size, checksum or arrays do not add up).
std::optional<std::vector<Dataset>> read_data_cache_file(const std::filesystem::path& file,
                                                         const std::string& key);

}  // namespace commsim
