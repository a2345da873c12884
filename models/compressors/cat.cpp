// CAT, communication-adaptive tuning (Khirirat et al.): at every encode the level T*
// that maximises alpha(T)/Cost(T) over all T = 1..d, then the base
// compressor's message at k = T*. Cost(T) is the cost probe's price of the
// level's payload P(T); it does not depend on the gradient, so it is
// tabulated once per compressor.
#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

#include "models/compressors/base_messages.hpp"
#include "models/compressors/cat_levels.hpp"
#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/cost_probe.hpp"
#include "models/compressors/top_k_select.hpp"
#include "models/compressors/water_filling.hpp"

namespace commsim {

namespace {

CatBase base_from_name(const std::string& name) {
  if (name == "sq")
    return CatBase::kSparseSign;
  if (name == "wangni")
    return CatBase::kWaterFilled;
  return CatBase::kTopK;
}

std::vector<double> level_costs(const CostProbe& probe, CatBase base, BitWidths widths,
                                std::size_t dimension) {
  std::vector<double> costs(dimension);
  for (std::size_t t = 1; t <= dimension; ++t)
    costs[t - 1] = probe(level_payload_bits(base, t, widths));
  return costs;
}

class Cat final : public AdaptiveCompressor {
 public:
  Cat(CatBase base, BitWidths widths, CostProbe probe, bool variance_step, bool common_level,
      std::vector<double> costs)
      : base_(base),
        widths_(widths),
        probe_(std::move(probe)),
        variance_step_(variance_step),
        common_level_(common_level),
        costs_(std::move(costs)) {}
  std::string name() const override { return "cat"; }
  // Variant C is unbiased unless its step is shrunk by alpha(T*).
  bool unbiased() const override { return base_ == CatBase::kWaterFilled && !variance_step_; }
  bool common_level() const override { return common_level_; }

  Encoded encode(std::span<const float> v, Rng& rng) const override {
    return encode_at_or_best(v, std::nullopt, rng);
  }
  Encoded encode_at(std::span<const float> v, std::size_t level, Rng& rng) const override {
    return encode_at_or_best(v, level, rng);
  }
  std::size_t best_level(std::span<const float> v) const override {
    if (v.empty())
      return 1;
    LevelQualities& q = scratch();
    level_qualities(v, base_, q);
    return most_efficient(v.size(), q);
  }

 private:
  // One criterion buffer per thread (alpha is 8 bytes per level): fresh
  // buffers per message cost more in page faults than the criterion.
  static LevelQualities& scratch() {
    thread_local LevelQualities q;
    return q;
  }

  // Levels 1..useful differ; above the non-zeros a wangni message sends every
  // non-zero, so alpha and expected payload equal those of T = nnz.
  std::size_t useful_levels(std::size_t dimension, const LevelQualities& q) const {
    return base_ == CatBase::kWaterFilled ? std::max<std::size_t>(q.nonzeros, 1) : dimension;
  }

  // T* = argmax alpha/Cost over the levels that differ; the
  // smallest T among ties, so larger levels that only repeat one lose.
  std::size_t most_efficient(std::size_t dimension, const LevelQualities& q) const {
    std::span<const double> costs = costs_;
    std::vector<double> other_size;  // only for a vector whose size was not announced
    if (dimension != costs_.size()) {
      other_size = level_costs(probe_, base_, widths_, dimension);
      costs = other_size;
    }
    const std::size_t useful = useful_levels(dimension, q);
    return most_efficient_level(std::span<const double>(q.alpha).first(useful),
                                costs.first(useful));
  }

  Encoded encode_at_or_best(std::span<const float> v, std::optional<std::size_t> imposed,
                            Rng& rng) const {
    if (v.empty())
      return Encoded{};
    LevelQualities& q = scratch();
    level_qualities(v, base_, q);
    const std::size_t level = imposed
                                  ? std::clamp<std::size_t>(*imposed, 1, useful_levels(v.size(), q))
                                  : most_efficient(v.size(), q);
    Encoded out = message(v, level, q.alpha[level - 1], q.magnitudes, rng);
    out.level = static_cast<std::int64_t>(level);
    return out;
  }

  // The base compressor's message at k = level, built from the magnitudes
  // the criterion sorted: the top-T support from the T-th largest magnitude
  // (the same indices top_k_indices selects), the water-filling from the
  // same sort.
  Encoded message(std::span<const float> v, std::size_t level, double alpha,
                  std::span<const float> magnitudes, Rng& rng) const {
    switch (base_) {
      case CatBase::kTopK:
        return encode_top_k(v, top_k_indices_at(v, level, magnitudes[level - 1]), widths_);
      case CatBase::kSparseSign:
        return encode_sparse_sign(v, top_k_indices_at(v, level, magnitudes[level - 1]), widths_);
      case CatBase::kWaterFilled:
        // gamma = lr/(1 + omega(T*)) = lr * alpha(T*).
        return encode_water_filled(v, water_filling(v, static_cast<double>(level), magnitudes),
                                   widths_, rng, variance_step_ ? alpha : 1.0);
    }
    return {};
  }

  CatBase base_;
  BitWidths widths_;
  CostProbe probe_;
  bool variance_step_;
  bool common_level_;
  std::vector<double> costs_;  // costs_[T - 1] = Cost(P(T)) for the announced dimension
};

// Every level must have a positive, finite price: CAT divides by it.
void check_costs(const Params& params, const std::vector<double>& costs, CatBase base,
                 BitWidths widths) {
  for (std::size_t t = 1; t <= costs.size(); ++t) {
    const double cost = costs[t - 1];
    if (cost > 0.0 && std::isfinite(cost))
      continue;
    std::ostringstream message;
    message << "the link prices a message of " << level_payload_bits(base, t, widths)
            << " payload bits (level T = " << t << ") at " << cost << " in cost \""
            << params.text("cost")
            << "\"; CAT maximises alpha/cost and needs every cost positive: choose another "
               "cost, or give the link a non-zero price in this metric (e.g. energy_per_bit_j)";
    throw params.error("cost", message.str());
  }
}

}  // namespace

PluginInfo cat_info() {
  return {"cat",
          "CAT: per message, the level T maximising alpha(T)/Cost(T) over all T for a base "
          "sparsifier (top_k, sq, wangni); cost in bits or from the link",
          concat_params(
              {{ParamSpec::choice("base", {"top_k", "sq", "wangni"}, "top_k",
                                  "compressor adapted: top_k (variant A), sq (B), wangni (C)"),
                ParamSpec::choice("cost", {"bits", "packets", "time", "joules"}, "bits",
                                  "Cost(T): payload bits, or the link's expected frames, delivery "
                                  "time, or sender + receiver joules"),
                ParamSpec::boolean("variance_step", true,
                                   "wangni base: scale the decoded vector by alpha(T*) = "
                                   "1/(1+omega), i.e. step lr/(1+omega) (biased then)"),
                ParamSpec::boolean("common_T", false,
                                   "ps_sgd sync only: the server picks one T for every worker "
                                   "from the previous round's aggregate and sends it with the "
                                   "model (+ceil(log2(d+1)) bits); false: each worker picks its "
                                   "own T")},
               bit_width_params()}),
          "biased, except wangni with variance_step false; Encoded level = T*"};
}

std::unique_ptr<Compressor> make_cat(const Params& params, std::size_t dimension,
                                     const std::shared_ptr<const LinkModel>& link) {
  const CatBase base = base_from_name(params.text("base"));
  const CostMetric metric = cost_metric_from_name(params.text("cost"));
  if (metric != CostMetric::kBits && !link) {
    throw params.error("cost", "got \"" + params.text("cost") +
                                   "\", which asks the link for prices, but no link model was "
                                   "given; use \"bits\" or build the compressor with the "
                                   "scenario's link");
  }
  const BitWidths widths = read_bit_widths(params, dimension);
  CostProbe probe(metric, link);
  std::vector<double> costs = level_costs(probe, base, widths, dimension);
  check_costs(params, costs, base, widths);
  return std::make_unique<Cat>(base, widths, std::move(probe), params.boolean("variance_step"),
                               params.boolean("common_T"), std::move(costs));
}

}  // namespace commsim
