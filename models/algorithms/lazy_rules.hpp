#pragma once
// The trigger rules of LAG and LAQ (Chen et al. 2018; Sun et al. 2019), as
// pure functions so they can be tested against worked values.
#include <cstdint>
#include <deque>
#include <vector>

namespace commsim {

// B^k = (1 / (alpha^2 M^2)) sum_{d=1..D} xi_d ||theta^{k+1-d} - theta^{k-d}||^2,
// with `recent_changes` the squared norms of the last parameter changes,
// newest first (fewer than D early on: only the available ones count).
double lazy_trigger_budget(const std::deque<double>& recent_changes, double alpha, int workers,
                           const std::vector<double>& xi);

// LAQ's b-bit quantization of the innovation g - q_last on a uniform grid of
// radius R = ||g - q_last||_inf centred at q_last.
struct LaqQuantized {
  std::vector<double> innovation;  // delta Q = 2 tau R q - R
  std::vector<double> error;       // Q - g
  double radius = 0.0;
};
LaqQuantized laq_quantize(const std::vector<double>& gradient,
                          const std::vector<double>& last_uploaded, int bits);

double squared_norm(const std::vector<double>& v);

}  // namespace commsim
