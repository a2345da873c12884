#pragma once
// The IDX format of MNIST and Fashion-MNIST (LeCun et al.): a 4-byte magic
// number (0, 0, element type, number of dimensions), one big-endian uint32 per
// dimension, then the elements in row-major order. Only unsigned bytes (type
// 0x08) are supported, which is what both data sets use.
#include <cstdint>
#include <string>
#include <vector>

namespace commsim {

struct IdxArray {
  std::vector<std::uint32_t> dimensions;
  std::vector<std::uint8_t> values;  // product(dimensions) bytes
};

// Parses an IDX image held in memory (its buffer becomes the values); `file`
// only names it in errors.
IdxArray parse_idx(std::vector<std::uint8_t> bytes, const std::string& file,
                   const std::string& where);

// Reads a (gzip-compressed or plain) IDX file; throws InputError at `where`
// naming the file on a bad magic number, a wrong size or unsupported types.
IdxArray read_idx_file(const std::string& file, const std::string& where);

}  // namespace commsim
