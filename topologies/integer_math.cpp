#include "topologies/integer_math.hpp"

#include <algorithm>

namespace commsim {

int ceil_log2(std::int64_t n) {
  int bits = 0;
  for (auto value = static_cast<std::uint64_t>(n - 1); value != 0; value >>= 1)
    ++bits;
  return bits;
}

bool is_power_of_two(std::int64_t n) {
  return n >= 1 && (n & (n - 1)) == 0;
}

std::int64_t integer_power(std::int64_t base, int exponent) {
  std::int64_t result = 1;
  for (int i = 0; i < exponent; ++i)
    result *= base;
  return result;
}

std::optional<std::vector<std::int64_t>> greedy_factors(std::int64_t n, std::int64_t k) {
  std::vector<std::int64_t> factors;
  std::int64_t rest = n;
  // No factor can exceed what is left, so the scan starts at min(k+1, rest).
  for (std::int64_t f = std::min(k + 1, rest); f >= 2 && rest > 1;) {
    if (rest % f == 0) {
      factors.push_back(f);
      rest /= f;
      f = std::min(f, rest);
    } else {
      --f;
    }
  }
  if (rest != 1)
    return std::nullopt;
  std::sort(factors.begin(), factors.end());
  return factors;
}

std::int64_t smooth_part(std::int64_t n, std::int64_t bound) {
  std::int64_t part = 1;
  std::int64_t rest = n;
  for (std::int64_t p = 2; p * p <= rest; ++p) {
    while (rest % p == 0) {
      rest /= p;
      if (p <= bound)
        part *= p;
    }
  }
  if (rest > 1 && rest <= bound)
    part *= rest;  // the one prime factor above sqrt(n)
  return part;
}

std::int64_t largest_prime_factor(std::int64_t n) {
  std::int64_t largest = 1;
  for (std::int64_t p = 2; p * p <= n; ++p) {
    for (; n % p == 0; n /= p)
      largest = p;
  }
  return n > 1 ? n : largest;
}

std::vector<std::int64_t> divisors(std::int64_t n) {
  std::vector<std::int64_t> small, large;
  for (std::int64_t d = 1; d * d <= n; ++d) {
    if (n % d != 0)
      continue;
    small.push_back(d);
    if (d * d != n)
      large.push_back(n / d);
  }
  small.insert(small.end(), large.rbegin(), large.rend());
  return small;
}

std::vector<Digit> nonzero_digits(std::int64_t n, std::int64_t base) {
  std::vector<Digit> digits;
  for (int position = 0; n > 0; ++position, n /= base) {
    if (n % base != 0)
      digits.push_back({n % base, position});
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

}  // namespace commsim
