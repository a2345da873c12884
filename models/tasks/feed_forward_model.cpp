#include "models/tasks/feed_forward_model.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "models/tasks/feed_forward_kernels.hpp"
#include "sim/params/input_error.hpp"
#include "sim/params/params.hpp"

namespace commsim {

namespace {

bool cpu_has_x86_64_v3() {
#if defined(COMMSIM_HAVE_X86_64_V3)
  __builtin_cpu_init();
  // x86-64-v3's features that both GCC and clang can ask for; the rest of
  // the level (F16C, LZCNT, MOVBE) comes with AVX2 on every CPU that has it.
  return __builtin_cpu_supports("avx") && __builtin_cpu_supports("avx2") &&
         __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi") &&
         __builtin_cpu_supports("bmi2");
#else
  return false;
#endif
}

const FeedForwardKernels& choose_kernels() {
  const char* requested = std::getenv("COMMSIM_KERNELS");
  const std::string wanted = requested == nullptr ? "auto" : requested;
  const bool v3 = cpu_has_x86_64_v3();
#if defined(COMMSIM_HAVE_X86_64_V3)
  if (v3 && (wanted == "auto" || wanted == "x86-64-v3"))
    return kernels_x86_64_v3::kKernels;
#endif
  if (wanted == "auto" || wanted == "portable" || wanted.empty())
    return kernels_portable::kKernels;
  std::string allowed = "\"auto\" or \"portable\"";
  if (v3)
    allowed += " or \"x86-64-v3\"";
  throw InputError("environment variable COMMSIM_KERNELS",
                   "got " + quote_value(wanted) + ", expected " + allowed + " on this CPU");
}

}  // namespace

const FeedForwardKernels& active_kernels() {
  static const FeedForwardKernels& kernels = choose_kernels();
  return kernels;
}

FeedForwardModel::FeedForwardModel(std::vector<std::size_t> layer_sizes, const OutputLoss& loss,
                                   bool bias)
    : sizes_(std::move(layer_sizes)), bias_(bias), loss_(loss) {
  if (sizes_.size() < 2)
    throw std::logic_error("a feed-forward model needs an input and an output layer");
  for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
    offsets_.push_back(dimension_);
    dimension_ += sizes_[l + 1] * sizes_[l] + (bias_ ? sizes_[l + 1] : 0);
  }
}

double FeedForwardModel::add_gradient(const Dataset& data, std::span<const std::uint32_t> rows,
                                      std::span<const float> model,
                                      std::span<float> gradient) const {
  return active_kernels().add_gradient(*this, data, rows, model, gradient);
}

BatchResult FeedForwardModel::evaluate(const Dataset& data, std::span<const std::uint32_t> rows,
                                       std::span<const float> model) const {
  return active_kernels().evaluate(*this, data, rows, model);
}

double FeedForwardModel::gradient_flops_per_sample(double input_nonzeros) const {
  // Per layer: forward 2*in*out + out (bias), weight gradient 2*in*out, bias
  // gradient out (no bias terms when bias-free); layers above the first also
  // pass the gradient down (2*in*out) and every hidden unit costs 2 (ReLU, its
  // mask).
  double flops = loss_.flops_per_sample(sizes_.back());
  for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
    const double in = l == 0 ? input_nonzeros : static_cast<double>(sizes_[l]);
    const double out = static_cast<double>(sizes_[l + 1]);
    flops += 4.0 * in * out + (bias_ ? 2.0 * out : 0.0);
    if (l > 0)
      flops += 2.0 * in * out + 2.0 * in;
  }
  return flops;
}

std::vector<float> FeedForwardModel::initial_model(Rng& rng, bool random) const {
  std::vector<float> model(dimension_, 0.0f);
  if (!random)
    return model;
  for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
    const bool output_layer = l + 2 == sizes_.size();
    const double scale = std::sqrt((output_layer ? 1.0 : 2.0) / static_cast<double>(sizes_[l]));
    const std::size_t weights = sizes_[l + 1] * sizes_[l];
    for (std::size_t k = 0; k < weights; ++k) {
      model[offsets_[l] + k] = static_cast<float>(scale * rng.normal());
    }
  }
  return model;
}

}  // namespace commsim
