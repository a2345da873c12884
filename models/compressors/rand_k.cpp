// rand-k: k uniformly chosen coordinates, scaled by d/k when
// unbiased. Indices cost b_idx each, or one 32-bit shared seed.
#include <algorithm>
#include <numeric>

#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/sparse_encoder.hpp"

namespace commsim {

namespace {

constexpr std::int64_t kSeedBits = 32;  // the shared seed costs 32 bits

class RandK final : public Compressor {
 public:
  RandK(std::size_t k, BitWidths widths, bool unbiased, bool shared_seed)
      : k_(k), widths_(widths), unbiased_(unbiased), shared_seed_(shared_seed) {}
  std::string name() const override { return "rand_k"; }
  bool unbiased() const override { return unbiased_; }
  Encoded encode(std::span<const float> v, Rng& rng) const override {
    const std::size_t d = v.size();
    const std::size_t k = std::min(k_, d);
    // Partial Fisher-Yates: the first k slots become a uniform k-subset.
    std::vector<std::size_t> order(d);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t j = 0; j < k; ++j) {
      std::swap(order[j], order[j + rng.uniform_below(d - j)]);
    }
    order.resize(k);
    const float scale =
        unbiased_ ? static_cast<float>(static_cast<double>(d) / static_cast<double>(k)) : 1.0f;
    std::vector<float> values;
    values.reserve(k);
    for (std::size_t i : order)
      values.push_back(scale * v[i]);
    return encode_sparse(order, values, d, layout());
  }
  // Always min(k, d) entries, whichever are drawn.
  std::optional<std::int64_t> size_only_bits(std::int64_t d) const override {
    return sparse_bits(std::min(static_cast<std::int64_t>(k_), d), layout());
  }

 private:
  SparseLayout layout() const {
    return shared_seed_ ? SparseLayout{0, widths_.value_bits, kSeedBits}
                        : SparseLayout{widths_.index_bits, widths_.value_bits, 0};
  }
  std::size_t k_;
  BitWidths widths_;
  bool unbiased_;
  bool shared_seed_;
};

}  // namespace

PluginInfo rand_k_info() {
  return {
      "rand_k",
      "k uniformly random coordinates (optionally scaled by d/k); k*(b_idx + b_f) bits, or "
      "k*b_f + 32 with a shared seed",
      concat_params({sparsity_params(),
                     bit_width_params(),
                     {ParamSpec::boolean("unbiased", false, "scale kept values by d/k"),
                      ParamSpec::boolean("shared_seed", false,
                                         "receiver regenerates the indices from a 32-bit seed")}}),
      "k is clamped to [1, d]"};
}

std::unique_ptr<Compressor> make_rand_k(const Params& params, std::size_t dimension) {
  return std::make_unique<RandK>(read_count(params, dimension), read_bit_widths(params, dimension),
                                 params.boolean("unbiased"), params.boolean("shared_seed"));
}

}  // namespace commsim
