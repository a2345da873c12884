#include "models/compressors/sign_bits.hpp"

#include <cmath>

namespace commsim {

void scaled_signs(std::span<const float> v, float scale, Rng& rng, std::vector<float>& out) {
  out.resize(v.size());
  // Branch-free (vectorised) for the non-zeros: a branch on a random sign
  // mispredicts half the time. Zeros are rare; their coins are drawn in index
  // order afterwards, exactly as one loop would draw them.
  std::size_t zeros = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    out[i] = std::copysign(scale, v[i]);
    zeros += v[i] == 0.0f;
  }
  for (std::size_t i = 0; zeros > 0 && i < v.size(); ++i) {
    if (v[i] != 0.0f)
      continue;
    out[i] = rng.bernoulli(0.5) ? -scale : scale;
    --zeros;
  }
}

}  // namespace commsim
