#include "models/compressors/water_filling.hpp"

#include <algorithm>
#include <cmath>

#include "models/compressors/magnitude_sort.hpp"

namespace commsim {

WaterFilling water_filling(std::span<const float> g, double budget) {
  return water_filling(g, budget, descending_magnitudes(g));
}

WaterFilling water_filling(std::span<const float> g, double budget, std::span<const float> sorted) {
  double l1 = 0.0;  // in index order
  for (float x : g)
    l1 += std::fabs(static_cast<double>(x));
  // Closed form: the smallest s with (T - s) a_(s+1) <= ||g||_1 - S1(s).
  WaterFilling result;
  double rest = l1;  // ||g||_1 - S1(s)
  std::size_t s = 0;
  while (s < sorted.size() && static_cast<double>(s) < budget && sorted[s] > 0.0f &&
         (budget - static_cast<double>(s)) * sorted[s] > rest) {
    rest -= sorted[s];
    ++s;
  }
  result.saturated = s;
  const bool all_kept = s == sorted.size() || static_cast<double>(s) >= budget || rest <= 0.0;
  result.lambda = all_kept ? 0.0 : (budget - static_cast<double>(s)) / rest;
  result.probabilities.resize(g.size());
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double magnitude = std::fabs(static_cast<double>(g[i]));
    result.probabilities[i] =
        magnitude == 0.0 ? 0.0 : (all_kept ? 1.0 : std::min(1.0, result.lambda * magnitude));
  }
  return result;
}

}  // namespace commsim
