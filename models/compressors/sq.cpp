// S+Q (CAT variant B): the top-T support, one sign bit per kept
// entry and one scalar a = ||g_T||_1 / T; decoded a * sign(g_i) on the
// support. T*(b_idx + 1) + b_f bits through the shared sparse encoder. A zero
// inside the support (T above the number of non-zeros) is sent as +a.
#include <algorithm>
#include <cmath>

#include "models/compressors/base_messages.hpp"
#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/sparse_encoder.hpp"
#include "models/compressors/top_k_select.hpp"

namespace commsim {

namespace {
// An index and one sign bit per entry, one scalar a per message.
SparseLayout sign_layout(BitWidths widths) {
  return {widths.index_bits, 1, widths.value_bits};
}
}  // namespace

Encoded encode_sparse_sign(std::span<const float> v, std::span<const std::size_t> support,
                           BitWidths widths) {
  double l1 = 0.0;
  for (std::size_t i : support)
    l1 += std::fabs(static_cast<double>(v[i]));
  const auto scale =
      static_cast<float>(support.empty() ? 0.0 : l1 / static_cast<double>(support.size()));
  std::vector<float> values;
  values.reserve(support.size());
  for (std::size_t i : support)
    values.push_back(v[i] < 0.0f ? -scale : scale);
  return encode_sparse(support, values, v.size(), sign_layout(widths));
}

Encoded encode_sparse_sign(std::span<const float> v, std::size_t k, BitWidths widths) {
  return encode_sparse_sign(v, top_k_indices(v, k), widths);
}

namespace {

class SparseSign final : public Compressor {
 public:
  SparseSign(std::size_t k, BitWidths widths) : k_(k), widths_(widths) {}
  std::string name() const override { return "sq"; }
  bool unbiased() const override { return false; }
  Encoded encode(std::span<const float> v, Rng& /*rng*/) const override {
    return encode_sparse_sign(v, k_, widths_);
  }
  // Always min(k, d) signs on the top-k support, whatever the values.
  std::optional<std::int64_t> size_only_bits(std::int64_t d) const override {
    return sparse_bits(std::min(static_cast<std::int64_t>(k_), d), sign_layout(widths_));
  }

 private:
  std::size_t k_;
  BitWidths widths_;
};

}  // namespace

PluginInfo sq_info() {
  return {"sq", "S+Q: top-k support, signs and one scalar ||g_T||_1/T; k*(b_idx + 1) + b_f bits",
          concat_params({sparsity_params(), bit_width_params()}), "biased; k is clamped to [1, d]"};
}

std::unique_ptr<Compressor> make_sq(const Params& params, std::size_t dimension) {
  return std::make_unique<SparseSign>(read_count(params, dimension),
                                      read_bit_widths(params, dimension));
}

}  // namespace commsim
