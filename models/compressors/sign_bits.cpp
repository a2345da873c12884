#include "models/compressors/sign_bits.hpp"

namespace commsim {

void scaled_signs(std::span<const float> v, float scale, Rng& rng, std::vector<float>& out) {
  out.resize(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    const bool negative = v[i] < 0.0f || (v[i] == 0.0f && rng.bernoulli(0.5));
    out[i] = negative ? -scale : scale;
  }
}

}  // namespace commsim
