#include "models/compressors/double_quant.hpp"

#include <algorithm>
#include <cmath>

#include "models/compressors/collective_catalog.hpp"
#include "models/compressors/compressor_params.hpp"
#include "sim/kernel/coordinate_coins.hpp"

namespace commsim {

std::vector<float> low_precision_quantize(std::span<const float> a, std::int64_t bits, Rng& rng) {
  float largest = 0.0f;
  for (float x : a)
    largest = std::max(largest, std::fabs(x));
  std::vector<float> out(a.size(), 0.0f);
  if (largest == 0.0f)
    return out;
  // delta = ||a||_inf / (2^(b-1) - 1); |a_i| / delta <= 2^(b-1) - 1.
  const double levels = std::ldexp(1.0, static_cast<int>(bits - 1)) - 1.0;
  const double delta = static_cast<double>(largest) / levels;
  CoordinateCoins(rng).for_each_chunk(
      a.size(), [&](std::size_t first, std::span<const float> coins) {
        for (std::size_t j = 0; j < coins.size(); ++j) {
          const std::size_t i = first + j;
          const double scaled = std::min(std::fabs(static_cast<double>(a[i])) / delta, levels);
          const double lower = std::floor(scaled);
          const double level = coins[j] < scaled - lower ? lower + 1.0 : lower;
          out[i] = static_cast<float>(std::copysign(level * delta, static_cast<double>(a[i])));
        }
      });
  return out;
}

CollectiveResult DoubleQuantization::exchange(const std::vector<std::vector<float>>& inputs,
                                              std::int64_t /*round*/, Rng& rng) {
  const std::size_t n = inputs.size();
  const std::size_t d = inputs.front().size();
  std::vector<double> sum(d, 0.0);
  for (const auto& gradient : inputs) {
    const auto quantized = low_precision_quantize(gradient, gradient_bits_, rng);
    for (std::size_t i = 0; i < d; ++i)
      sum[i] += quantized[i];
  }
  CollectiveResult result;
  result.update.resize(d);
  for (std::size_t i = 0; i < d; ++i)
    result.update[i] = static_cast<float>(sum[i] / static_cast<double>(n));
  const std::int64_t bits = static_cast<std::int64_t>(d) * gradient_bits_ + value_bits_;
  result.phases = {CollectivePhase::gather(std::vector<std::int64_t>(n, bits))};
  return result;
}

std::optional<ModelDownlink> DoubleQuantization::downlink(const std::vector<float>& model,
                                                          Rng& rng) {
  return ModelDownlink{low_precision_quantize(model, model_bits_, rng),
                       static_cast<std::int64_t>(model.size()) * model_bits_ + value_bits_};
}

PluginInfo double_quant_info() {
  return {"double_quant",
          "Double quantization, synchronous (collective): gradients up with b bits (d*b + b_f), "
          "the model "
          "down with b_x bits (d*b_x + b_f), unbiased stochastic rounding on a grid of step "
          "||a||_inf/(2^(b-1)-1)",
          concat_params(
              {{ParamSpec::integer("bits", 8, "b: bits per gradient entry (sign included)")
                    .at_least(2)
                    .at_most(32),
                ParamSpec::integer("model_bits", 8, "b_x: bits per model entry on the downlink")
                    .at_least(2)
                    .at_most(32)},
               value_width_params()}),
          "collective: only algorithm ps_sgd (mode sync); AsyLPG's asynchrony, SVRG epochs, "
          "sparsification "
          "and acceleration are not modelled"};
}

std::unique_ptr<Compressor> make_double_quant(const Params& params, std::size_t /*dimension*/) {
  const std::int64_t bits = params.integer("bits");
  const std::int64_t model_bits = params.integer("model_bits");
  const std::int64_t value_bits = read_value_bits(params);
  return std::make_unique<CollectiveMethod>(
      "double_quant",
      CollectiveTraits{
          "it quantizes the server's model on the way down as well as the gradients on the way up",
          true, false, false},
      [=](NodeId, Fabric, std::uint64_t) {
        return std::make_unique<DoubleQuantization>(bits, model_bits, value_bits);
      });
}

}  // namespace commsim
