#pragma once
// Length of the Elias-omega code of n >= 1 (QSGD's coding): L(1) = 1,
// L(n) = bitlen(n) + L(bitlen(n) - 1) for n > 1, the terminating 0 counted once.
#include <cstdint>

namespace commsim {

std::int64_t elias_omega_bits(std::uint64_t n);

}  // namespace commsim
