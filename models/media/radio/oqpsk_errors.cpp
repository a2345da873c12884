#include "models/media/radio/oqpsk_errors.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace commsim {

double oqpsk_bit_error_rate(double sinr) {
  // (-1)^k C(16, k) for k = 2 .. 16.
  static constexpr double kSignedBinomial[17] = {1,    -16,    120,   -560,   1820, -4368,
                                                 8008, -11440, 12870, -11440, 8008, -4368,
                                                 1820, -560,   120,   -16,    1};
  double sum = 0.0;
  for (int k = 2; k <= 16; ++k)
    sum += kSignedBinomial[k] * std::exp(20.0 * sinr * (1.0 / k - 1.0));
  return std::clamp(sum * 8.0 / 15.0 / 16.0, 0.0, 1.0);
}

double oqpsk_log_success(double sinr, double bits) {
  const double ber = oqpsk_bit_error_rate(sinr);
  if (ber >= 1.0)
    return -std::numeric_limits<double>::infinity();
  return bits * std::log1p(-ber);
}

}  // namespace commsim
