#include "models/datasets/checksum64.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace commsim {

namespace {
constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t kPrime3 = 0x165667B19E3779F9ULL;
constexpr std::uint64_t kPrime4 = 0x85EBCA77C2B2AE63ULL;
constexpr std::uint64_t kPrime5 = 0x27D4EB2F165667C5ULL;

std::uint64_t word_at(const unsigned char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  return word;
}

std::uint64_t half_word_at(const unsigned char* p) {
  std::uint32_t word = 0;
  std::memcpy(&word, p, sizeof word);
  return word;
}

std::uint64_t mix_round(std::uint64_t lane, std::uint64_t word) {
  return std::rotl(lane + word * kPrime2, 31) * kPrime1;
}

std::uint64_t merge_lane(std::uint64_t hash, std::uint64_t lane) {
  return (hash ^ mix_round(0, lane)) * kPrime1 + kPrime4;
}
}  // namespace

Checksum64::Checksum64(std::uint64_t seed)
    : seed_(seed), lanes_{seed + kPrime1 + kPrime2, seed + kPrime2, seed, seed - kPrime1} {}

void Checksum64::add_block(const unsigned char* block) {
  for (int k = 0; k < 4; ++k)
    lanes_[k] = mix_round(lanes_[k], word_at(block + 8 * k));
}

void Checksum64::add(const void* data, std::size_t bytes) {
  if (bytes == 0)
    return;  // an empty array may have no address: memcpy must not see it
  const auto* p = static_cast<const unsigned char*>(data);
  total_bytes_ += bytes;
  if (pending_bytes_ > 0) {
    const std::size_t taken = std::min(bytes, kBlockBytes - pending_bytes_);
    std::memcpy(pending_ + pending_bytes_, p, taken);
    pending_bytes_ += taken;
    p += taken;
    bytes -= taken;
    if (pending_bytes_ < kBlockBytes)
      return;
    add_block(pending_);
    pending_bytes_ = 0;
  }
  for (; bytes >= kBlockBytes; p += kBlockBytes, bytes -= kBlockBytes)
    add_block(p);
  if (bytes > 0)
    std::memcpy(pending_, p, bytes);
  pending_bytes_ = bytes;
}

std::uint64_t Checksum64::value() const {
  std::uint64_t hash = 0;
  if (total_bytes_ >= kBlockBytes) {
    hash = std::rotl(lanes_[0], 1) + std::rotl(lanes_[1], 7) + std::rotl(lanes_[2], 12) +
           std::rotl(lanes_[3], 18);
    for (const std::uint64_t lane : lanes_)
      hash = merge_lane(hash, lane);
  } else {
    hash = seed_ + kPrime5;
  }
  hash += total_bytes_;
  const unsigned char* p = pending_;
  const unsigned char* const end = pending_ + pending_bytes_;
  for (; end - p >= 8; p += 8)
    hash = std::rotl(hash ^ mix_round(0, word_at(p)), 27) * kPrime1 + kPrime4;
  if (end - p >= 4) {
    hash = std::rotl(hash ^ (half_word_at(p) * kPrime1), 23) * kPrime2 + kPrime3;
    p += 4;
  }
  for (; p < end; ++p)
    hash = std::rotl(hash ^ (*p * kPrime5), 11) * kPrime1;
  hash ^= hash >> 33;
  hash *= kPrime2;
  hash ^= hash >> 29;
  hash *= kPrime3;
  hash ^= hash >> 32;
  return hash;
}

std::uint64_t checksum64(const void* data, std::size_t bytes, std::uint64_t seed) {
  Checksum64 sum(seed);
  sum.add(data, bytes);
  return sum.value();
}

}  // namespace commsim
