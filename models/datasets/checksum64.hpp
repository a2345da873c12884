#pragma once
// A fast 64-bit checksum, xxHash64's algorithm (four multiply-rotate lanes
// over 8-byte words, then an avalanche), for detecting corrupt or truncated
// cache files: not cryptographic, several GB/s where zlib's crc32 gives about
// 0.5 GB/s. Fed in pieces (add) it gives the same value as in one call.
#include <cstddef>
#include <cstdint>

namespace commsim {

class Checksum64 {
 public:
  explicit Checksum64(std::uint64_t seed = 0);
  void add(const void* data, std::size_t bytes);
  std::uint64_t value() const;

 private:
  static constexpr std::size_t kBlockBytes = 32;
  void add_block(const unsigned char* block);

  std::uint64_t seed_;
  std::uint64_t lanes_[4];
  unsigned char pending_[kBlockBytes] = {};
  std::size_t pending_bytes_ = 0;
  std::uint64_t total_bytes_ = 0;
};

std::uint64_t checksum64(const void* data, std::size_t bytes, std::uint64_t seed = 0);

}  // namespace commsim
