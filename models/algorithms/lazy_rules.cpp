#include "models/algorithms/lazy_rules.hpp"

#include <algorithm>
#include <cmath>

namespace commsim {

double squared_norm(const std::vector<double>& v) {
  double sum = 0.0;
  for (const double x : v)
    sum += x * x;
  return sum;
}

double lazy_trigger_budget(const std::deque<double>& recent_changes, double alpha, int workers,
                           const std::vector<double>& xi) {
  double weighted = 0.0;
  const std::size_t terms = std::min(recent_changes.size(), xi.size());
  for (std::size_t d = 0; d < terms; ++d)
    weighted += xi[d] * recent_changes[d];
  return weighted / (alpha * alpha * static_cast<double>(workers) * static_cast<double>(workers));
}

LaqQuantized laq_quantize(const std::vector<double>& gradient,
                          const std::vector<double>& last_uploaded, int bits) {
  LaqQuantized result;
  for (std::size_t i = 0; i < gradient.size(); ++i) {
    result.radius = std::max(result.radius, std::fabs(gradient[i] - last_uploaded[i]));
  }
  const double tau = 1.0 / (std::ldexp(1.0, bits) - 1.0);
  const double radius = result.radius;
  result.innovation.resize(gradient.size());
  result.error.resize(gradient.size());
  for (std::size_t i = 0; i < gradient.size(); ++i) {
    // Nearest grid point: q in {0, ..., 2^b - 1}.
    const double q =
        radius > 0
            ? std::floor((gradient[i] - last_uploaded[i] + radius) / (2 * tau * radius) + 0.5)
            : 0.0;
    result.innovation[i] = radius > 0 ? 2 * tau * radius * q - radius : 0.0;
    result.error[i] = last_uploaded[i] + result.innovation[i] - gradient[i];
  }
  return result;
}

}  // namespace commsim
