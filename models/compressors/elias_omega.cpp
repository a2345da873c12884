#include "models/compressors/elias_omega.hpp"

#include <bit>

namespace commsim {

std::int64_t elias_omega_bits(std::uint64_t n) {
  std::int64_t bits = 1;  // terminating zero
  while (n > 1) {
    const auto width = static_cast<std::uint64_t>(std::bit_width(n));
    bits += static_cast<std::int64_t>(width);
    n = width - 1;
  }
  return bits;
}

}  // namespace commsim
