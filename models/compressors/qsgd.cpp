// QSGD (spec §5.1): Q_s(v)_i = ||v||_2 * sign(v_i) * xi_i / s with xi_i the
// stochastic rounding of s|v_i|/||v||_2 to an integer level; unbiased.
// coding "fixed": b_f + d*(1 + ceil(log2(s+1))) bits (dense alternative).
// coding "elias": b_f for the norm, then per non-zero in index order
// Elias-omega(gap) + 1 sign bit + Elias-omega(xi), gap = index+1 for the
// first, index - previous after; counted by encoding, not by the bound.
#include <algorithm>
#include <cmath>

#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/elias_omega.hpp"

namespace commsim {

namespace {

class Qsgd final : public Compressor {
 public:
  Qsgd(std::int64_t levels, bool elias, std::int64_t value_bits)
      : levels_(levels), elias_(elias), value_bits_(value_bits) {}
  std::string name() const override { return "qsgd"; }
  bool unbiased() const override { return true; }
  Encoded encode(std::span<const float> v, Rng& rng) const override {
    double sum_squares = 0.0;
    for (float x : v)
      sum_squares += static_cast<double>(x) * x;
    const double norm = std::sqrt(sum_squares);
    const double s = static_cast<double>(levels_);
    Encoded out;
    out.decoded.assign(v.size(), 0.0f);
    std::int64_t elias_bits = 0;
    std::size_t previous = 0;  // 1-based index of the previous non-zero, 0 before the first
    for (std::size_t i = 0; i < v.size() && norm > 0.0; ++i) {
      const double r = s * std::fabs(static_cast<double>(v[i])) / norm;
      double level = std::min(std::floor(r), s);
      if (level < s && rng.bernoulli(r - level))
        level += 1.0;
      if (level == 0.0)
        continue;
      const double magnitude = norm * level / s;
      out.decoded[i] = static_cast<float>(v[i] < 0.0f ? -magnitude : magnitude);
      ++out.nonzeros;
      elias_bits += elias_omega_bits(i + 1 - previous) + 1 +
                    elias_omega_bits(static_cast<std::uint64_t>(level));
      previous = i + 1;
    }
    out.payload_bits = elias_ ? value_bits_ + elias_bits : fixed_bits(v.size());
    return out;
  }

 private:
  std::int64_t fixed_bits(std::size_t d) const {
    return value_bits_ +
           static_cast<std::int64_t>(d) * (1 + ceil_log2(static_cast<std::uint64_t>(levels_) + 1));
  }
  std::int64_t levels_;
  bool elias_;
  std::int64_t value_bits_;
};

}  // namespace

PluginInfo qsgd_info() {
  return {"qsgd",
          "QSGD stochastic quantization to s levels of ||v||_2; fixed-width or Elias-omega coding",
          concat_params({{ParamSpec::integer("levels", 15,
                                             "quantization levels s (CHOCO's b bits: s = 2^b - 1)")
                              .at_least(1),
                          ParamSpec::choice("coding", {"fixed", "elias"}, "fixed",
                                            "fixed: b_f + d*(1 + ceil(log2(s+1))) bits; elias: "
                                            "Elias-omega gaps and levels (spec 5.1)")},
                         value_width_params()}),
          "unbiased; variance <= min(d/s^2, sqrt(d)/s) ||v||^2"};
}

std::unique_ptr<Compressor> make_qsgd(const Params& params, std::size_t /*dimension*/) {
  return std::make_unique<Qsgd>(params.integer("levels"), params.text("coding") == "elias",
                                read_value_bits(params));
}

}  // namespace commsim
