#include "models/compressors/top_k_select.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace commsim {

std::vector<std::size_t> top_k_indices(std::span<const float> v, std::size_t k) {
  k = std::min(k, v.size());
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // A strict total order, so the chosen set does not depend on the library.
  const auto before = [&v](std::size_t a, std::size_t b) {
    const float ma = std::fabs(v[a]);
    const float mb = std::fabs(v[b]);
    return ma > mb || (ma == mb && a < b);
  };
  if (k < order.size()) {
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                     before);
  }
  order.resize(k);
  std::sort(order.begin(), order.end());
  return order;
}

std::vector<std::size_t> top_k_indices_at(std::span<const float> v, std::size_t k,
                                          float kth_magnitude) {
  std::vector<std::size_t> above;  // |v_i| > kth, at most k - 1 of them
  std::vector<std::size_t> ties;   // |v_i| == kth, the first k only
  above.reserve(k);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const float magnitude = std::fabs(v[i]);
    if (magnitude > kth_magnitude)
      above.push_back(i);
    else if (magnitude == kth_magnitude && ties.size() < k)
      ties.push_back(i);
  }
  ties.resize(std::min(ties.size(), k - std::min(k, above.size())));
  std::vector<std::size_t> chosen(above.size() + ties.size());
  std::merge(above.begin(), above.end(), ties.begin(), ties.end(), chosen.begin());
  return chosen;
}

}  // namespace commsim
