// Identity: every value sent at full width, d*b_f bits.
#include <algorithm>

#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"

namespace commsim {

namespace {

class NoCompression final : public Compressor {
 public:
  explicit NoCompression(std::int64_t value_bits) : value_bits_(value_bits) {}
  std::string name() const override { return "none"; }
  bool unbiased() const override { return true; }
  Encoded encode(std::span<const float> v, Rng& /*rng*/) const override {
    Encoded out;
    out.decoded.assign(v.begin(), v.end());
    out.payload_bits = bits(static_cast<std::int64_t>(v.size()));
    out.nonzeros = static_cast<std::int64_t>(
        std::count_if(v.begin(), v.end(), [](float x) { return x != 0.0f; }));
    return out;
  }
  std::optional<std::int64_t> size_only_bits(std::int64_t d) const override { return bits(d); }

 private:
  std::int64_t bits(std::int64_t d) const { return d * value_bits_; }
  std::int64_t value_bits_;
};

}  // namespace

PluginInfo none_info() {
  return {"none", "No compression: every value sent at full width (d * value_bits bits)",
          value_width_params(), ""};
}

std::unique_ptr<Compressor> make_none(const Params& params, std::size_t /*dimension*/) {
  return std::make_unique<NoCompression>(read_value_bits(params));
}

}  // namespace commsim
