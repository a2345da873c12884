// TernGrad: s = ||g||_inf, g~_i = s sign(g_i) b_i with
// b_i ~ Bernoulli(|g_i|/s); unbiased; 2d + b_f bits (one layer, one scalar).
#include <algorithm>
#include <cmath>

#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"
#include "sim/kernel/coordinate_coins.hpp"

namespace commsim {

namespace {

float largest_magnitude(std::span<const float> v) {
  float largest = 0.0f;
  for (float x : v)
    largest = std::max(largest, std::fabs(x));
  return largest;
}

class TernGrad final : public Compressor {
 public:
  explicit TernGrad(std::int64_t value_bits) : value_bits_(value_bits) {}
  std::string name() const override { return "terngrad"; }
  bool unbiased() const override { return true; }
  Encoded encode(std::span<const float> v, Rng& rng) const override {
    const float scale = largest_magnitude(v);
    Encoded out;
    out.decoded.assign(v.size(), 0.0f);
    if (scale > 0.0f) {
      std::size_t nonzeros = 0;
      CoordinateCoins(rng).for_each_chunk(
          v.size(), [&](std::size_t first, std::span<const float> coins) {
            std::size_t chunk_nonzeros = 0;
            for (std::size_t j = 0; j < coins.size(); ++j) {
              const std::size_t i = first + j;
              const bool kept = coins[j] * scale < std::fabs(v[i]);
              out.decoded[i] = kept ? std::copysign(scale, v[i]) : 0.0f;
              chunk_nonzeros += kept;
            }
            nonzeros += chunk_nonzeros;
          });
      out.nonzeros = static_cast<std::int64_t>(nonzeros);
    }
    out.payload_bits = bits(static_cast<std::int64_t>(v.size()));
    return out;
  }
  std::optional<std::int64_t> size_only_bits(std::int64_t d) const override { return bits(d); }

 private:
  // Two bits per ternary entry and the scale s.
  std::int64_t bits(std::int64_t d) const { return 2 * d + value_bits_; }
  std::int64_t value_bits_;
};

}  // namespace

PluginInfo terngrad_info() {
  return {"terngrad", "TernGrad: ternary {-s, 0, s} with s = ||v||_inf; 2d + b_f bits",
          value_width_params(), "unbiased; no gradient clipping"};
}

std::unique_ptr<Compressor> make_terngrad(const Params& params, std::size_t /*dimension*/) {
  return std::make_unique<TernGrad>(read_value_bits(params));
}

}  // namespace commsim
