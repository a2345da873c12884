#include "models/compressors/cat_levels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/compressors/magnitude_sort.hpp"

namespace commsim {

namespace {

// Variant A: alpha(T) = ||top_T(g)||^2 / ||g||^2 = S2(T)/S2(d).
void top_alphas(const std::vector<float>& a, std::vector<double>& alpha) {
  double s2 = 0.0;
  for (std::size_t t = 0; t < a.size(); ++t) {
    s2 += static_cast<double>(a[t]) * a[t];
    alpha[t] = s2;
  }
  for (double& x : alpha)
    x /= s2;
}

// Variant B: alpha(T) = S1(T)^2 / (T ||g||^2).
void sparse_sign_alphas(const std::vector<float>& a, std::vector<double>& alpha) {
  double s1 = 0.0;
  double s2 = 0.0;
  for (std::size_t t = 0; t < a.size(); ++t) {
    s1 += a[t];
    s2 += static_cast<double>(a[t]) * a[t];
    alpha[t] = s1 * s1 / static_cast<double>(t + 1);
  }
  for (double& x : alpha)
    x /= s2;
}

// Variant C: alpha(T) = ||g||^2 / sum_i g_i^2/p_i with the water-filled p of
// budget T. If the s largest are saturated,
// sum g^2/p = S2(s) + (||g||_1 - S1(s))^2 / (T - s), and s never decreases
// with T, so one sweep serves every T. The saturation test and the running
// rest are computed exactly as water_filling.cpp does, so s(T) agrees with
// the message the wangni encoder builds.
void water_filled_alphas(std::span<const float> g, const std::vector<float>& a,
                         std::vector<double>& alpha) {
  double l1 = 0.0;  // in index order, as water_filling() sums it
  for (float x : g)
    l1 += std::fabs(static_cast<double>(x));
  double total2 = 0.0;
  for (float x : a)
    total2 += static_cast<double>(x) * x;
  double rest = l1;         // ||g||_1 - S1(s)
  double saturated2 = 0.0;  // S2(s)
  std::size_t s = 0;
  for (std::size_t t = 0; t < a.size(); ++t) {
    const double budget = static_cast<double>(t + 1);
    while (s < a.size() && static_cast<double>(s) < budget && a[s] > 0.0f &&
           (budget - static_cast<double>(s)) * a[s] > rest) {
      rest -= a[s];
      saturated2 += static_cast<double>(a[s]) * a[s];
      ++s;
    }
    const bool all_kept = s == a.size() || a[s] == 0.0f || static_cast<double>(s) >= budget;
    const double variance =
        all_kept ? saturated2 : saturated2 + rest * rest / (budget - static_cast<double>(s));
    alpha[t] = variance > 0.0 ? std::min(1.0, total2 / variance) : 1.0;
  }
}

}  // namespace

void level_qualities(std::span<const float> g, CatBase base, LevelQualities& q) {
  descending_magnitudes(g, q.magnitudes);
  const std::vector<float>& a = q.magnitudes;
  q.nonzeros = static_cast<std::size_t>(std::find(a.begin(), a.end(), 0.0f) -
                                        a.begin());  // sorted: zeros come last
  q.alpha.resize(g.size());
  if (q.nonzeros == 0) {
    std::fill(q.alpha.begin(), q.alpha.end(), 1.0);
    return;
  }
  switch (base) {
    case CatBase::kTopK:
      top_alphas(a, q.alpha);
      break;
    case CatBase::kSparseSign:
      sparse_sign_alphas(a, q.alpha);
      break;
    case CatBase::kWaterFilled:
      water_filled_alphas(g, a, q.alpha);
      break;
  }
}

LevelQualities level_qualities(std::span<const float> g, CatBase base) {
  LevelQualities q;
  level_qualities(g, base, q);
  return q;
}

std::int64_t level_payload_bits(CatBase base, std::size_t level, BitWidths widths) {
  const auto t = static_cast<std::int64_t>(level);
  if (base == CatBase::kSparseSign)
    return t * (widths.index_bits + 1) + widths.value_bits;
  return t * (widths.index_bits + widths.value_bits);
}

std::size_t most_efficient_level(std::span<const double> alpha, std::span<const double> cost) {
  const std::size_t levels = std::min(alpha.size(), cost.size());
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t t = 0; t < levels; ++t)
    best = std::max(best, alpha[t] / cost[t]);
  const double threshold = best - kLevelTieTolerance * std::fabs(best);
  for (std::size_t t = 0; t < levels; ++t) {
    if (alpha[t] / cost[t] >= threshold)
      return t + 1;
  }
  return 1;
}

}  // namespace commsim
