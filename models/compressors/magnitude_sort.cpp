#include "models/compressors/magnitude_sort.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

namespace commsim {

namespace {

constexpr int kDigitBits = 11;
constexpr std::uint32_t kDigitMask = (1u << kDigitBits) - 1;
constexpr int kPasses = 3;  // 3 * 11 >= 32

}  // namespace

void descending_magnitudes(std::span<const float> g, std::vector<float>& sorted) {
  // ~bits(|x|) ascending is |x| descending. The key buffers are reused per
  // thread: fresh 4 MB buffers cost a page fault per page on every call,
  // which was half the sort's time at d = 10^6.
  thread_local std::vector<std::uint32_t> keys;
  thread_local std::vector<std::uint32_t> scratch;
  keys.resize(g.size());
  scratch.resize(g.size());
  std::array<std::array<std::size_t, kDigitMask + 1>, kPasses> counts{};
  for (std::size_t i = 0; i < g.size(); ++i) {
    const std::uint32_t key = ~std::bit_cast<std::uint32_t>(std::fabs(g[i]));
    keys[i] = key;
    for (int pass = 0; pass < kPasses; ++pass)
      ++counts[pass][(key >> (pass * kDigitBits)) & kDigitMask];
  }
  for (int pass = 0; pass < kPasses; ++pass) {
    std::size_t offset = 0;
    for (std::size_t& count : counts[pass]) {
      const std::size_t here = count;
      count = offset;
      offset += here;
    }
    for (std::uint32_t key : keys)
      scratch[counts[pass][(key >> (pass * kDigitBits)) & kDigitMask]++] = key;
    keys.swap(scratch);
  }
  sorted.resize(g.size());
  for (std::size_t i = 0; i < g.size(); ++i)
    sorted[i] = std::bit_cast<float>(~keys[i]);
}

std::vector<float> descending_magnitudes(std::span<const float> g) {
  std::vector<float> sorted;
  descending_magnitudes(g, sorted);
  return sorted;
}

}  // namespace commsim
