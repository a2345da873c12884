// Scaled sign (EF-SGD's compressor): (||v||_1/d) * sign(v); d + b_f bits.
#include <cmath>

#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/sign_bits.hpp"

namespace commsim {

namespace {

class ScaledSign final : public Compressor {
 public:
  explicit ScaledSign(std::int64_t value_bits) : value_bits_(value_bits) {}
  std::string name() const override { return "scaled_sign"; }
  bool unbiased() const override { return false; }
  Encoded encode(std::span<const float> v, Rng& rng) const override {
    double l1 = 0.0;
    for (float x : v)
      l1 += std::fabs(static_cast<double>(x));
    const double scale = v.empty() ? 0.0 : l1 / static_cast<double>(v.size());
    Encoded out;
    scaled_signs(v, static_cast<float>(scale), rng, out.decoded);
    out.nonzeros = scale > 0.0 ? static_cast<std::int64_t>(v.size()) : 0;
    out.payload_bits = bits(static_cast<std::int64_t>(v.size()));
    return out;
  }
  std::optional<std::int64_t> size_only_bits(std::int64_t d) const override { return bits(d); }

 private:
  // d signs and the scale ||v||_1/d.
  std::int64_t bits(std::int64_t d) const { return d + value_bits_; }
  std::int64_t value_bits_;
};

}  // namespace

PluginInfo scaled_sign_info() {
  return {"scaled_sign", "EF-SGD scaled sign: (||v||_1/d) sign(v); d + b_f bits",
          value_width_params(), "biased (use with error feedback)"};
}

std::unique_ptr<Compressor> make_scaled_sign(const Params& params, std::size_t /*dimension*/) {
  return std::make_unique<ScaledSign>(read_value_bits(params));
}

}  // namespace commsim
