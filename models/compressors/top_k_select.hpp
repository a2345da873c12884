#pragma once
// Indices of the k largest |v_i| (spec §0.2): among equal magnitudes the
// smaller index wins. O(d) expected via std::nth_element; the result is in
// increasing index order.
#include <cstddef>
#include <span>
#include <vector>

namespace commsim {

std::vector<std::size_t> top_k_indices(std::span<const float> v, std::size_t k);

}  // namespace commsim
