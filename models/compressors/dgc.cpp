#include "models/compressors/dgc.hpp"

#include "models/compressors/collective_catalog.hpp"
#include "models/compressors/top_k_select.hpp"

namespace commsim {

DeepGradientCompression::DeepGradientCompression(NodeId workers, std::size_t dimension,
                                                 Fabric fabric, std::size_t k, double momentum,
                                                 BitWidths widths)
    : fabric_(fabric),
      k_(k),
      momentum_factor_(momentum),
      widths_(widths),
      momentum_(static_cast<std::size_t>(workers), std::vector<float>(dimension, 0.0f)),
      accumulated_(static_cast<std::size_t>(workers), std::vector<float>(dimension, 0.0f)) {}

CollectiveResult DeepGradientCompression::exchange(const std::vector<std::vector<float>>& inputs,
                                                   std::int64_t /*round*/, Rng& /*rng*/) {
  const std::size_t n = inputs.size();
  const std::size_t d = inputs.front().size();
  const auto m = static_cast<float>(momentum_factor_);
  const std::int64_t entry_bits = widths_.index_bits + widths_.value_bits;
  std::vector<double> sum(d, 0.0);
  std::vector<bool> in_union(d, false);
  std::vector<std::int64_t> message_bits;
  for (std::size_t w = 0; w < n; ++w) {
    auto& u = momentum_[w];
    auto& v = accumulated_[w];
    for (std::size_t i = 0; i < d; ++i) {
      u[i] = m * u[i] + inputs[w][i];
      v[i] += u[i];
    }
    const auto sent = top_k_indices(v, k_);
    for (std::size_t i : sent) {
      sum[i] += v[i];
      in_union[i] = true;
      u[i] = v[i] = 0.0f;
    }
    message_bits.push_back(static_cast<std::int64_t>(sent.size()) * entry_bits);
  }
  CollectiveResult result;
  result.update.resize(d);
  std::int64_t union_size = 0;
  for (std::size_t i = 0; i < d; ++i) {
    result.update[i] = static_cast<float>(sum[i] / static_cast<double>(n));
    union_size += in_union[i] ? 1 : 0;
  }
  if (fabric_ == Fabric::kServer) {
    result.phases = {CollectivePhase::gather(message_bits),
                     CollectivePhase::server_broadcast(union_size * entry_bits)};
  } else {
    result.phases = {CollectivePhase::all_gather(message_bits)};
  }
  return result;
}

PluginInfo dgc_info() {
  return {
      "dgc",
      "Deep Gradient Compression (collective): momentum correction, exact top-k of the accumulated "
      "velocity, momentum factor masking; k*(b_idx + b_f) bits per worker, all-gathered",
      concat_params(
          {sparsity_params(),
           {ParamSpec::real("momentum", 0.9,
                            "momentum correction m: u <- m u + g (set algorithm.momentum 0)")
                .at_least(0)
                .at_most(0.999)},
           bit_width_params()}),
      "collective: only algorithm ps_sgd (mode sync) or allreduce, with algorithm.momentum 0; no "
      "warm-up "
      "schedule, no sampled threshold, no clipping"};
}

std::unique_ptr<Compressor> make_dgc(const Params& params, std::size_t dimension) {
  const std::size_t k = read_count(params, dimension);
  const double momentum = params.real("momentum");
  const BitWidths widths = read_bit_widths(params, dimension);
  return std::make_unique<CollectiveMethod>(
      "dgc",
      CollectiveTraits{
          "it keeps momentum and accumulated velocity per worker and sums the workers' sparse "
          "messages before the step",
          true, true, true},
      [=](NodeId workers, Fabric fabric, std::uint64_t) {
        return std::make_unique<DeepGradientCompression>(workers, dimension, fabric, k, momentum,
                                                         widths);
      });
}

}  // namespace commsim
