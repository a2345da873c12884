#include "models/compressors/count_sketch.hpp"

#include <algorithm>

#include "models/compressors/collective_catalog.hpp"
#include "models/compressors/top_k_select.hpp"

namespace commsim {

SketchedSgd::SketchedSgd(NodeId workers, std::size_t dimension, Fabric fabric,
                         SketchedSgdSettings settings, SketchHashes hashes)
    : fabric_(fabric),
      settings_(settings),
      hashes_(std::move(hashes)),
      momentum_(static_cast<std::size_t>(workers), std::vector<float>(dimension, 0.0f)),
      accumulated_(static_cast<std::size_t>(workers), std::vector<float>(dimension, 0.0f)) {}

CollectiveResult SketchedSgd::exchange(const std::vector<std::vector<float>>& inputs,
                                       std::int64_t /*round*/, Rng& /*rng*/) {
  const std::size_t n = inputs.size();
  const std::size_t d = inputs.front().size();
  const auto rho = static_cast<float>(settings_.rho);
  CountSketchTable summed(hashes_);
  for (std::size_t w = 0; w < n; ++w) {
    for (std::size_t i = 0; i < d; ++i) {
      momentum_[w][i] = rho * momentum_[w][i] + inputs[w][i];
      accumulated_[w][i] += momentum_[w][i];
    }
    summed.add(accumulated_[w]);  // = the sum of the workers' sketches (linearity)
  }
  std::vector<float> estimates(d);
  for (std::size_t i = 0; i < d; ++i)
    estimates[i] = summed.estimate(i);
  candidates_ = top_k_indices(estimates, settings_.candidates);

  // Second round: the exact sum at the candidates, then its top-k.
  std::vector<float> exact(candidates_.size());
  for (std::size_t c = 0; c < candidates_.size(); ++c) {
    double sum = 0.0;
    for (std::size_t w = 0; w < n; ++w)
      sum += accumulated_[w][candidates_[c]];
    exact[c] = static_cast<float>(sum);
  }
  CollectiveResult result;
  result.update.assign(d, 0.0f);
  for (std::size_t c : top_k_indices(exact, settings_.k)) {
    const std::size_t i = candidates_[c];
    result.update[i] = exact[c] / static_cast<float>(n);
    for (std::size_t w = 0; w < n; ++w)
      momentum_[w][i] = accumulated_[w][i] = 0.0f;
  }

  const auto& widths = settings_.widths;
  const auto sketch_values = static_cast<std::int64_t>(hashes_.buckets.size() * hashes_.columns);
  const auto candidate_count = static_cast<std::int64_t>(candidates_.size());
  const auto kept = static_cast<std::int64_t>(std::min(settings_.k, candidates_.size()));
  if (fabric_ == Fabric::kServer) {
    const std::vector<std::int64_t> sketch_bits(n, sketch_values * widths.value_bits);
    const std::vector<std::int64_t> value_bits(n, candidate_count * widths.value_bits);
    result.phases = {
        CollectivePhase::gather(sketch_bits),
        CollectivePhase::server_broadcast(candidate_count * widths.index_bits),
        CollectivePhase::gather(value_bits),
        CollectivePhase::server_broadcast(kept * (widths.index_bits + widths.value_bits))};
  } else {
    result.phases = {CollectivePhase::all_reduce(sketch_values, widths.value_bits),
                     CollectivePhase::all_reduce(candidate_count, widths.value_bits)};
  }
  return result;
}

PluginInfo count_sketch_info() {
  return {
      "count_sketch",
      "Sketched-SGD (collective): workers sketch their momentum-accumulated gradients (r x c count "
      "sketch), the summed sketch names P2*k candidates, a second round fetches their exact "
      "values, "
      "the top-k is applied and reset",
      concat_params(
          {sparsity_params(),
           {ParamSpec::integer("sketch_rows", 5, "rows r of the count sketch").at_least(1),
            ParamSpec::optional_integer("sketch_columns",
                                        "columns c of the count sketch; default k")
                .at_least(1),
            ParamSpec::integer("candidate_factor", 4,
                               "P2: the second round fetches P2*k candidates")
                .at_least(1),
            ParamSpec::real("rho", 0.9,
                            "worker momentum: u <- rho u + g (set algorithm.momentum 0)")
                .at_least(0)
                .at_most(0.999)},
           bit_width_params()}),
      "collective: only algorithm ps_sgd (mode sync) or allreduce, with algorithm.momentum 0"};
}

std::unique_ptr<Compressor> make_count_sketch(const Params& params, std::size_t dimension) {
  SketchedSgdSettings settings;
  settings.k = read_count(params, dimension);
  settings.candidates = std::min(
      dimension, settings.k * static_cast<std::size_t>(params.integer("candidate_factor")));
  settings.rho = params.real("rho");
  settings.widths = read_bit_widths(params, dimension);
  const auto rows = static_cast<std::size_t>(params.integer("sketch_rows"));
  const std::size_t columns = params.has("sketch_columns")
                                  ? static_cast<std::size_t>(params.integer("sketch_columns"))
                                  : settings.k;
  return std::make_unique<CollectiveMethod>(
      "count_sketch",
      CollectiveTraits{
          "its second round asks every worker for the candidates found in the summed sketch", true,
          true, true},
      [=](NodeId workers, Fabric fabric, std::uint64_t seed) {
        return std::make_unique<SketchedSgd>(workers, dimension, fabric, settings,
                                             SketchHashes::random(rows, columns, dimension, seed));
      });
}

}  // namespace commsim
