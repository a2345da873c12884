#include "models/datasets/gzip_file.hpp"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "sim/params/input_error.hpp"
#include "sim/params/input_file.hpp"

namespace commsim {

namespace {
constexpr std::size_t kMaxDeflateRatio = 1032;

// The uncompressed size, to allocate once: a gzip member ends with it (mod
// 2^32, RFC 1952 ISIZE); a plain file is its own size. Only a hint.
std::size_t expected_size(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  unsigned char magic[2] = {0, 0};
  in.read(reinterpret_cast<char*>(magic), 2);
  std::error_code error;
  const auto size = static_cast<std::size_t>(std::filesystem::file_size(file, error));
  if (!in || error)
    return 0;
  if (magic[0] != 0x1f || magic[1] != 0x8b)
    return size;
  unsigned char trailer[4] = {0, 0, 0, 0};
  in.seekg(-4, std::ios::end);
  in.read(reinterpret_cast<char*>(trailer), 4);
  const std::size_t announced = std::size_t{trailer[0]} | std::size_t{trailer[1]} << 8 |
                                std::size_t{trailer[2]} << 16 | std::size_t{trailer[3]} << 24;
  // A corrupt or hostile trailer may announce 4 GiB; deflate expands at most
  // about 1032:1, so a larger hint is a lie not worth allocating.
  return std::min(announced, size * kMaxDeflateRatio);
}
}  // namespace

std::vector<std::uint8_t> read_gzip_file(const std::string& file, const std::string& where) {
  check_input_file(file, where, "a data file");
  const std::unique_ptr<gzFile_s, decltype(&gzclose)> in(gzopen(file.c_str(), "rb"), &gzclose);
  if (!in)
    throw InputError(where, "cannot open " + file);
  gzbuffer(in.get(), 1 << 18);
  std::vector<std::uint8_t> bytes;
  bytes.reserve(expected_size(file) + 1);  // + 1: the final short read needs no reallocation
  constexpr std::size_t kChunkBytes = 1 << 20;
  for (;;) {
    const std::size_t used = bytes.size();
    const std::size_t room =
        bytes.capacity() > used ? std::min(bytes.capacity() - used, kChunkBytes) : kChunkBytes;
    bytes.resize(used + room);
    const int got = gzread(in.get(), bytes.data() + used, static_cast<unsigned>(room));
    if (got < 0) {
      int code = 0;
      throw InputError(where, file + ": corrupt gzip data (" + gzerror(in.get(), &code) + ")");
    }
    bytes.resize(used + static_cast<std::size_t>(got));
    if (got == 0)
      break;  // end of file
  }
  return bytes;
}

}  // namespace commsim
