#include "models/datasets/idx_file.hpp"

#include <cstdio>

#include "models/datasets/gzip_file.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

namespace {
constexpr std::uint8_t kUnsignedByteType = 0x08;
constexpr std::size_t kMaxDimensions = 4;

std::string hex_magic(const std::vector<std::uint8_t>& bytes) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3]);
  return text;
}
}  // namespace

IdxArray parse_idx(std::vector<std::uint8_t> bytes, const std::string& file,
                   const std::string& where) {
  if (bytes.size() < 4)
    throw InputError(where, file + ": too short for an IDX file");
  const std::size_t rank = bytes[3];
  if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != kUnsignedByteType || rank == 0 ||
      rank > kMaxDimensions) {
    throw InputError(where, file + ": bad IDX magic number " + hex_magic(bytes) +
                                ", expected 0x000008NN (unsigned bytes, NN = 1.." +
                                std::to_string(kMaxDimensions) + " dimensions)");
  }
  const std::size_t header_bytes = 4 + 4 * rank;
  if (bytes.size() < header_bytes)
    throw InputError(where, file + ": IDX header is truncated");
  IdxArray array;
  const std::uint64_t data_bytes = bytes.size() - header_bytes;
  // Four 32-bit sizes can wrap a 64-bit product around to the data size of a
  // file that holds almost nothing: an overflow is an error of its own.
  std::uint64_t elements = 1;
  bool overflow = false;
  std::string announced;
  for (std::size_t k = 0; k < rank; ++k) {
    const std::uint8_t* p = bytes.data() + 4 + 4 * k;
    const std::uint32_t size = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
                               (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
    array.dimensions.push_back(size);
    announced += (k == 0 ? "" : " x ") + std::to_string(size);
    overflow = overflow || __builtin_mul_overflow(elements, size, &elements);
  }
  if (overflow || data_bytes != elements) {
    throw InputError(where, file + ": the header announces " + announced +
                                (overflow || rank == 1 ? "" : " = " + std::to_string(elements)) +
                                " bytes of data, but the file holds " + std::to_string(data_bytes));
  }
  bytes.erase(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(header_bytes));
  array.values = std::move(bytes);
  return array;
}

IdxArray read_idx_file(const std::string& file, const std::string& where) {
  return parse_idx(read_gzip_file(file, where), file, where);
}

}  // namespace commsim
