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

}  // namespace commsim
