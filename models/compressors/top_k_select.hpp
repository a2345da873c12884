#pragma once
// Indices of the k largest |v_i|: among equal magnitudes the
// smaller index wins. O(d) expected via std::nth_element; the result is in
// increasing index order.
#include <cstddef>
#include <span>
#include <vector>

namespace commsim {

std::vector<std::size_t> top_k_indices(std::span<const float> v, std::size_t k);

// The same indices when the k-th largest magnitude is already known (CAT has
// sorted |v|): every |v_i| > kth_magnitude, then the smallest indices with
// |v_i| == kth_magnitude up to k. One pass, no selection; 1 <= k <= v.size().
std::vector<std::size_t> top_k_indices_at(std::span<const float> v, std::size_t k,
                                          float kth_magnitude);

}  // namespace commsim
