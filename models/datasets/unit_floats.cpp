#include "models/datasets/unit_floats.hpp"

#include <sys/mman.h>

#include <bit>
#include <cmath>
#include <cstdint>

namespace commsim {

namespace {
constexpr std::uintptr_t kHugePageBytes = std::uintptr_t{1} << 21;

// Asks Linux for 2 MiB pages over the untouched room of a large array: one
// page fault per 2 MiB instead of per 4 KiB (hundreds of milliseconds for
// Fashion-MNIST's 188 MB on a virtual machine). Only advice: failures are
// harmless.
void advise_huge_pages(const void* begin, std::size_t bytes) {
  const auto first =
      (reinterpret_cast<std::uintptr_t>(begin) + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  const auto last = (reinterpret_cast<std::uintptr_t>(begin) + bytes) & ~(kHugePageBytes - 1);
  if (last > first)
    ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}
}  // namespace

std::vector<float> unit_floats(std::span<const std::uint8_t> bytes) {
  // Reserved, then appended: resize() would first zero 4 bytes per value.
  std::vector<float> values;
  values.reserve(bytes.size());
  advise_huge_pages(values.data(), bytes.size() * sizeof(float));
  for (const std::uint8_t byte : bytes)
    values.push_back(unit_float(byte));
  return values;
}

bool unit_bytes_of(std::span<const float> values, std::vector<std::uint8_t>& bytes) {
  bytes.resize(values.size());
  for (std::size_t k = 0; k < values.size(); ++k) {
    const float value = values[k];
    if (!(value >= 0.0f && value <= 1.0f))
      return false;
    const auto byte = static_cast<std::uint8_t>(std::lround(value * 255.0f));
    if (std::bit_cast<std::uint32_t>(unit_float(byte)) != std::bit_cast<std::uint32_t>(value))
      return false;
    bytes[k] = byte;
  }
  return true;
}

}  // namespace commsim
