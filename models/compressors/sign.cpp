// signSGD: d sign bits, decoded sign(v) in {-1, +1} with unit
// scale (the step size supplies the magnitude); biased.
#include "models/compressors/catalog.hpp"
#include "models/compressors/sign_bits.hpp"

namespace commsim {

namespace {

class Sign final : public Compressor {
 public:
  std::string name() const override { return "sign"; }
  bool unbiased() const override { return false; }
  Encoded encode(std::span<const float> v, Rng& rng) const override {
    Encoded out;
    scaled_signs(v, 1.0f, rng, out.decoded);
    out.nonzeros = static_cast<std::int64_t>(v.size());
    out.payload_bits = bits(static_cast<std::int64_t>(v.size()));
    return out;
  }
  std::optional<std::int64_t> size_only_bits(std::int64_t d) const override { return bits(d); }

 private:
  static std::int64_t bits(std::int64_t d) { return d; }  // one sign bit per entry
};

}  // namespace

PluginInfo sign_info() {
  return {"sign",
          "signSGD: sign(v) in {-1, +1}, unit scale (zeros sent as a random sign); d bits",
          {},
          "biased"};
}

std::unique_ptr<Compressor> make_sign(const Params& /*params*/, std::size_t /*dimension*/) {
  return std::make_unique<Sign>();
}

}  // namespace commsim
