// top-k: the k largest magnitudes, smaller index
// first among ties; k*(b_idx + b_f) bits through the shared sparse encoder.
#include <algorithm>

#include "models/compressors/base_messages.hpp"
#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/sparse_encoder.hpp"
#include "models/compressors/top_k_select.hpp"

namespace commsim {

Encoded encode_top_k(std::span<const float> v, std::span<const std::size_t> support,
                     BitWidths widths) {
  std::vector<float> values;
  values.reserve(support.size());
  for (std::size_t i : support)
    values.push_back(v[i]);
  return encode_sparse(support, values, v.size(), {widths.index_bits, widths.value_bits, 0});
}

Encoded encode_top_k(std::span<const float> v, std::size_t k, BitWidths widths) {
  return encode_top_k(v, top_k_indices(v, k), widths);
}

namespace {

class TopK final : public Compressor {
 public:
  TopK(std::size_t k, BitWidths widths) : k_(k), widths_(widths) {}
  std::string name() const override { return "top_k"; }
  bool unbiased() const override { return false; }
  Encoded encode(std::span<const float> v, Rng& /*rng*/) const override {
    return encode_top_k(v, k_, widths_);
  }
  // Always min(k, d) entries, whatever the values.
  std::optional<std::int64_t> size_only_bits(std::int64_t d) const override {
    return sparse_bits(std::min(static_cast<std::int64_t>(k_), d),
                       {widths_.index_bits, widths_.value_bits, 0});
  }

 private:
  std::size_t k_;
  BitWidths widths_;
};

}  // namespace

PluginInfo top_k_info() {
  return {"top_k", "Keeps the k largest magnitudes (ties: smaller index); k*(b_idx + b_f) bits",
          concat_params({sparsity_params(), bit_width_params()}), "biased; k is clamped to [1, d]"};
}

std::unique_ptr<Compressor> make_top_k(const Params& params, std::size_t dimension) {
  return std::make_unique<TopK>(read_count(params, dimension), read_bit_widths(params, dimension));
}

}  // namespace commsim
