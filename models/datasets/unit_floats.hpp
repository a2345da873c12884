#pragma once
// Bytes 0..255 (image pixels) as floats in [0, 1]: value / 255. The one
// definition of that scaling, used both when decoding IDX files and when
// reading the data cache, so the two give the same bits.
#include <cstdint>
#include <span>
#include <vector>

namespace commsim {

inline float unit_float(std::uint8_t value) {
  return static_cast<float>(value) / 255.0f;
}

// Allocated once and written once (no zero-filling pass before the values).
std::vector<float> unit_floats(std::span<const std::uint8_t> bytes);

// The bytes back, when every value is exactly unit_float of one (bit for
// bit); false otherwise (and `bytes` is then unspecified).
bool unit_bytes_of(std::span<const float> values, std::vector<std::uint8_t>& bytes);

}  // namespace commsim
