#include "models/compressors/clt_k.hpp"

#include "models/compressors/collective_catalog.hpp"
#include "models/compressors/top_k_select.hpp"

namespace commsim {

CyclicLocalTopK::CyclicLocalTopK(NodeId workers, std::size_t dimension, std::size_t k, double beta,
                                 BitWidths widths)
    : k_(k),
      beta_(beta),
      widths_(widths),
      errors_(static_cast<std::size_t>(workers), std::vector<float>(dimension, 0.0f)) {}

CollectiveResult CyclicLocalTopK::exchange(const std::vector<std::vector<float>>& inputs,
                                           std::int64_t round, Rng& /*rng*/) {
  const std::size_t n = inputs.size();
  const std::size_t d = inputs.front().size();
  std::vector<std::vector<float>> accumulated(n, std::vector<float>(d));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j)
      accumulated[i][j] = errors_[i][j] + inputs[i][j];
  }
  const auto leader = static_cast<NodeId>(round % static_cast<std::int64_t>(n));
  const auto support = top_k_indices(accumulated[static_cast<std::size_t>(leader)], k_);

  CollectiveResult result;
  result.update.assign(d, 0.0f);
  for (std::size_t j : support) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i)
      sum += accumulated[i][j];
    result.update[j] = static_cast<float>(sum / static_cast<double>(n));
  }
  // Low-pass-filtered error feedback; the sent entries leave m - C(m) = 0.
  const auto beta = static_cast<float>(beta_);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j : support)
      accumulated[i][j] = 0.0f;
    for (std::size_t j = 0; j < d; ++j)
      errors_[i][j] = (1.0f - beta) * errors_[i][j] + beta * accumulated[i][j];
  }
  const auto kept = static_cast<std::int64_t>(support.size());
  result.phases = {CollectivePhase::worker_broadcast(leader, kept * widths_.index_bits),
                   CollectivePhase::all_reduce(kept, widths_.value_bits)};
  return result;
}

PluginInfo clt_k_info() {
  return {"clt_k",
          "ScaleCom cyclic local top-k (collective): leader t mod n broadcasts its top-k indices "
          "(k*b_idx bits), all workers all-reduce their k values there; low-pass error feedback",
          concat_params(
              {sparsity_params(),
               {ParamSpec::real("beta", 1.0,
                                "low-pass error feedback: e <- (1-beta) e + beta (m - C(m)); 1 is "
                                "classic error feedback")
                    .above(0)
                    .at_most(1)},
               bit_width_params()}),
          "collective: only algorithm ps_sgd (mode sync) or allreduce"};
}

std::unique_ptr<Compressor> make_clt_k(const Params& params, std::size_t dimension) {
  const std::size_t k = read_count(params, dimension);
  const double beta = params.real("beta");
  const BitWidths widths = read_bit_widths(params, dimension);
  return std::make_unique<CollectiveMethod>(
      "clt_k",
      CollectiveTraits{"every worker sends its values on the support chosen by the round's leader",
                       true, true, false},
      [=](NodeId workers, Fabric, std::uint64_t) {
        return std::make_unique<CyclicLocalTopK>(workers, dimension, k, beta, widths);
      });
}

}  // namespace commsim
