#include "models/compressors/compressor_params.hpp"

#include <algorithm>
#include <cmath>

namespace commsim {

namespace {
constexpr double kDefaultRatio = 0.01;
}

std::int64_t ceil_log2(std::uint64_t n) {
  std::int64_t bits = 0;
  while (bits < 64 && (std::uint64_t{1} << bits) < n)
    ++bits;
  return bits;
}

std::vector<ParamSpec> value_width_params() {
  return {ParamSpec::integer("value_bits", 32, "bits per transmitted real, b_f: 32 or 64")
              .at_least(32)
              .at_most(64)};
}

std::vector<ParamSpec> bit_width_params() {
  auto params = value_width_params();
  params.insert(params.begin(),
                ParamSpec::choice("index_bits", {"log2d", "32", "64"}, "log2d",
                                  "bits per index, b_idx: ceil(log2 d) or a fixed integer width"));
  return params;
}

std::vector<ParamSpec> sparsity_params() {
  return {
      ParamSpec::optional_real(
          "ratio",
          "kept fraction of d; k = max(1, floor(ratio*d)); default 0.01 when k is "
          "not given")
          .above(0)
          .at_most(1),
      ParamSpec::optional_integer("k", "kept entries (clamped to d); excludes ratio").at_least(1)};
}

std::vector<ParamSpec> error_feedback_params() {
  return {ParamSpec::boolean(
              "error_feedback", false,
              "algorithm side: compress p = v + e and keep e <- (1 - beta) e + beta (p - C(p)) "
              "per node (EF-SGD)"),
          ParamSpec::real(
              "error_feedback_beta", 1.0,
              "beta of the error memory: 1 = classic error feedback, < 1 = ScaleCom's low-pass "
              "filter")
              .above(0)
              .at_most(1)};
}

std::int64_t read_value_bits(const Params& params) {
  const std::int64_t bits = params.integer("value_bits");
  if (bits != 32 && bits != 64)
    throw params.error("value_bits", "must be 32 or 64");
  return bits;
}

BitWidths read_bit_widths(const Params& params, std::size_t dimension) {
  BitWidths widths;
  widths.value_bits = read_value_bits(params);
  const std::string index = params.text("index_bits");
  widths.index_bits = index == "log2d" ? ceil_log2(dimension) : std::stoll(index);
  return widths;
}

std::size_t read_count(const Params& params, std::size_t dimension) {
  if (params.has("k") && params.has("ratio")) {
    throw params.error(
        "k", "give either " + params.path() + ".k or " + params.path() + ".ratio, not both");
  }
  std::size_t k = 0;
  if (params.has("k")) {
    k = static_cast<std::size_t>(params.integer("k"));
  } else {
    const double ratio = params.has("ratio") ? params.real("ratio") : kDefaultRatio;
    k = static_cast<std::size_t>(std::floor(ratio * static_cast<double>(dimension)));
  }
  return std::min(std::max<std::size_t>(k, 1), dimension);
}

std::vector<ParamSpec> concat_params(std::vector<std::vector<ParamSpec>> groups) {
  std::vector<ParamSpec> all;
  for (auto& group : groups) {
    for (auto& spec : group)
      all.push_back(std::move(spec));
  }
  return all;
}

}  // namespace commsim
