#include "models/datasets/unit_floats.hpp"

#include <bit>
#include <boost/iterator/transform_iterator.hpp>
#include <cmath>

namespace commsim {

std::vector<float> unit_floats(std::span<const std::uint8_t> bytes) {
  // Reserved, then appended: resize() would first zero 4 bytes per value.
  std::vector<float> values;
  values.reserve(bytes.size());
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
