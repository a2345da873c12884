#pragma once
// Integer arithmetic behind the constructions: logarithms, base-b digits and
// factorizations. A floating-point log mis-rounds exact powers
// (log(243, 3) = 4.999...), so nothing here uses one.
#include <cstdint>
#include <optional>
#include <vector>

namespace commsim {

// ceil(log2 n) for n >= 1, as the bit length of n - 1.
int ceil_log2(std::int64_t n);
bool is_power_of_two(std::int64_t n);
std::int64_t integer_power(std::int64_t base, int exponent);

// Divide out f = k+1, k, ..., 2 (largest first) as often as each
// goes, then sort ascending. Empty for n = 1; nullopt when a prime factor of n
// exceeds k+1 (n is not (k+1)-smooth).
std::optional<std::vector<std::int64_t>> greedy_factors(std::int64_t n, std::int64_t k);

// The largest divisor of n whose prime factors are all <= bound.
std::int64_t smooth_part(std::int64_t n, std::int64_t bound);
// The largest prime factor of n >= 2.
std::int64_t largest_prime_factor(std::int64_t n);
// Every divisor of n, ascending.
std::vector<std::int64_t> divisors(std::int64_t n);

// A non-zero digit of n in some base: value * base^position.
struct Digit {
  std::int64_t value;
  int position;
};
// Non-zero digits of n >= 1 in `base` >= 2, most significant first.
std::vector<Digit> nonzero_digits(std::int64_t n, std::int64_t base);

}  // namespace commsim
