#pragma once
// Writes a file so that readers see either the old file or the whole new one:
// write a temporary file beside it, flush, then rename over the target.
#include <string>

namespace commsim {

void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace commsim
