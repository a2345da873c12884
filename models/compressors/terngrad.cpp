// TernGrad (spec §5.2): s = ||g||_inf, g~_i = s sign(g_i) b_i with
// b_i ~ Bernoulli(|g_i|/s); unbiased; 2d + b_f bits (one layer, one scalar).
#include <algorithm>
#include <cmath>

#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"

namespace commsim {

namespace {

class TernGrad final : public Compressor {
 public:
  explicit TernGrad(std::int64_t value_bits) : value_bits_(value_bits) {}
  std::string name() const override { return "terngrad"; }
  bool unbiased() const override { return true; }
  Encoded encode(std::span<const float> v, Rng& rng) const override {
    float scale = 0.0f;
    for (float x : v)
      scale = std::max(scale, std::fabs(x));
    Encoded out;
    out.decoded.assign(v.size(), 0.0f);
    for (std::size_t i = 0; i < v.size() && scale > 0.0f; ++i) {
      if (!rng.bernoulli(static_cast<double>(std::fabs(v[i])) / scale))
        continue;
      out.decoded[i] = v[i] < 0.0f ? -scale : scale;
      ++out.nonzeros;
    }
    out.payload_bits = 2 * static_cast<std::int64_t>(v.size()) + value_bits_;
    return out;
  }

 private:
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
