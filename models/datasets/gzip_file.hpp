#pragma once
// Reads a whole gzip-compressed file (zlib also passes plain files through
// unchanged, so an already gunzipped IDX file reads the same).
#include <cstdint>
#include <string>
#include <vector>

namespace commsim {

// Throws InputError at `where` (a JSON path) naming the file when it cannot be
// opened or its compressed data are corrupt.
std::vector<std::uint8_t> read_gzip_file(const std::string& file, const std::string& where);

}  // namespace commsim
