#pragma once
// Decoding source files through the on-disk data cache: the first process to
// decode them (gzip IDX, LIBSVM text) writes the decoded arrays to a cache
// file (data_cache_file.hpp) in data_cache_folder(); later processes read
// that file instead. The key names the decoder and its version and every
// source file's canonical path, size and modification time, so a changed
// source (or decoder) is decoded again and its cache file replaced. Without
// a cache folder, when it cannot be written, or for a source modified in the
// last 2 seconds (file times are too coarse to tell a rewrite of the same
// size in the same tick), data are simply decoded.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "models/datasets/dataset.hpp"

namespace commsim {

// A decoder: its name (also the cache file's prefix) and a version to raise
// whenever what it produces from the same files changes.
struct DataDecoder {
  std::string name;
  int version = 1;
};

struct CachedParts {
  std::vector<Dataset> parts;
  bool from_cache = false;  // read from the cache file; false: decoded now
};

// The parts (`parts` of them) that `decode` makes of `sources`, or the same
// read from their cache file.
CachedParts decode_through_cache(const DataDecoder& decoder,
                                 const std::vector<std::string>& sources, std::size_t parts,
                                 const std::function<std::vector<Dataset>()>& decode);

}  // namespace commsim
