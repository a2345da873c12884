#pragma once
// Double quantization (synchronous): workers send their gradient
// quantized with b bits, grid step delta = ||a||_inf / (2^(b-1) - 1) and
// stochastic rounding to the two neighbouring grid points (unbiased):
// d*b + b_f bits. The server averages, steps, and sends the model quantized
// the same way with b_x bits: d*b_x + b_f bits per worker. Workers compute
// their next gradients at that quantized model. AsyLPG's asynchrony and SVRG
// epochs are not modelled.
#include <cstddef>
#include <span>
#include <vector>

#include "models/compressors/collective.hpp"

namespace commsim {

// Q_{delta,b}(a): the unbiased stochastic rounding onto the b-bit grid.
std::vector<float> low_precision_quantize(std::span<const float> a, std::int64_t bits, Rng& rng);

class DoubleQuantization final : public CollectiveCompressor {
 public:
  DoubleQuantization(std::int64_t gradient_bits, std::int64_t model_bits, std::int64_t value_bits)
      : gradient_bits_(gradient_bits), model_bits_(model_bits), value_bits_(value_bits) {}
  CollectiveResult exchange(const std::vector<std::vector<float>>& inputs, std::int64_t round,
                            Rng& rng) override;
  std::optional<ModelDownlink> downlink(const std::vector<float>& model, Rng& rng) override;

 private:
  std::int64_t gradient_bits_;
  std::int64_t model_bits_;
  std::int64_t value_bits_;
};

}  // namespace commsim
