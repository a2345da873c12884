#pragma once
// Variance-optimal keep probabilities for an expected budget (Wangni et al.):
// p_i = min(1, lambda |g_i|) with lambda chosen so that sum_i p_i = T.
// If T >= the number of non-zeros, every non-zero gets p = 1.
#include <cstddef>
#include <span>
#include <vector>

namespace commsim {

struct WaterFilling {
  double lambda = 0.0;        // scale of the unsaturated probabilities
  std::size_t saturated = 0;  // s: how many of the largest |g_i| have p = 1
  std::vector<double> probabilities;
};

WaterFilling water_filling(std::span<const float> g, double budget);
// The same with |g| already sorted from largest to smallest (CAT has it).
WaterFilling water_filling(std::span<const float> g, double budget,
                           std::span<const float> descending_magnitudes);

}  // namespace commsim
