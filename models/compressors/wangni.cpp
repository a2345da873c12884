// Wangni et al. sparsifier (CAT's variant C): keep g_i with
// probability p_i = min(1, lambda |g_i|) water-filled to sum p_i = k, send
// g_i / p_i; unbiased. Realized payload nnz*(b_idx + b_f) through
// the shared sparse encoder.
#include "models/compressors/base_messages.hpp"
#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/sparse_encoder.hpp"
#include "models/compressors/water_filling.hpp"

namespace commsim {

Encoded encode_water_filled(std::span<const float> v, std::size_t k, BitWidths widths, Rng& rng,
                            double scale) {
  return encode_water_filled(v, water_filling(v, static_cast<double>(k)), widths, rng, scale);
}

Encoded encode_water_filled(std::span<const float> v, const WaterFilling& plan, BitWidths widths,
                            Rng& rng, double scale) {
  std::vector<std::size_t> indices;
  std::vector<float> values;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double p = plan.probabilities[i];
    if (p <= 0.0 || !rng.bernoulli(p))
      continue;
    indices.push_back(i);
    values.push_back(static_cast<float>(scale * static_cast<double>(v[i]) / p));
  }
  return encode_sparse(indices, values, v.size(), {widths.index_bits, widths.value_bits, 0});
}

namespace {

class Wangni final : public Compressor {
 public:
  Wangni(std::size_t k, BitWidths widths) : k_(k), widths_(widths) {}
  std::string name() const override { return "wangni"; }
  bool unbiased() const override { return true; }
  Encoded encode(std::span<const float> v, Rng& rng) const override {
    return encode_water_filled(v, k_, widths_, rng);
  }

 private:
  std::size_t k_;
  BitWidths widths_;
};

}  // namespace

PluginInfo wangni_info() {
  return {"wangni",
          "Unbiased sparsification, p_i = min(1, lambda|g_i|) with sum p_i = k; nnz*(b_idx + b_f) "
          "bits",
          concat_params({sparsity_params(), bit_width_params()}),
          "unbiased; k is the expected number of kept entries, clamped to [1, d]"};
}

std::unique_ptr<Compressor> make_wangni(const Params& params, std::size_t dimension) {
  return std::make_unique<Wangni>(read_count(params, dimension),
                                  read_bit_widths(params, dimension));
}

}  // namespace commsim
