// QSGD: Q_s(v)_i = ||v||_2 * sign(v_i) * xi_i / s with xi_i the
// stochastic rounding of s|v_i|/||v||_2 to an integer level; unbiased.
// coding "fixed": b_f + d*(1 + ceil(log2(s+1))) bits (dense alternative).
// coding "elias": b_f for the norm, then per non-zero in index order
// Elias-omega(gap) + 1 sign bit + Elias-omega(xi), gap = index+1 for the
// first, index - previous after; counted by encoding, not by the bound.
// Without values (size-only tasks) the Elias size is the expected-size bound
// of the QSGD paper (Alistarh et al. 2017, Theorem 3.4), see elias_bound_bits.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "models/compressors/catalog.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/elias_omega.hpp"
#include "sim/kernel/coordinate_coins.hpp"

namespace commsim {

namespace {

class Qsgd final : public Compressor {
 public:
  Qsgd(std::int64_t levels, bool elias, std::int64_t value_bits)
      : levels_(levels), elias_(elias), value_bits_(value_bits) {}
  std::string name() const override { return "qsgd"; }
  bool unbiased() const override { return true; }
  Encoded encode(std::span<const float> v, Rng& rng) const override {
    return elias_ ? quantize<true>(v, rng) : quantize<false>(v, rng);
  }
  std::optional<std::int64_t> size_only_bits(std::int64_t d) const override {
    return elias_ ? elias_bound_bits(d) : fixed_bits(static_cast<std::size_t>(d));
  }

 private:
  // One pass for the norm, one for the levels, in float (the precision of the
  // decoded message). The coins are counter-based, one per coordinate whether
  // used or not, so the fixed-width pass has no sequential state and no
  // data-dependent branch; Elias coding adds the per-non-zero bit count.
  template <bool kElias>
  Encoded quantize(std::span<const float> v, Rng& rng) const {
    double sum_squares = 0.0;
    for (float x : v)
      sum_squares += static_cast<double>(x) * x;
    const double norm = std::sqrt(sum_squares);
    Encoded out;
    out.decoded.assign(v.size(), 0.0f);
    out.payload_bits = kElias ? value_bits_ : fixed_bits(v.size());
    if (norm == 0.0)
      return out;
    if (!std::isfinite(norm)) {  // a NaN or infinite entry: a diverged run, decoded as NaN
      std::fill(out.decoded.begin(), out.decoded.end(), std::numeric_limits<float>::quiet_NaN());
      out.nonzeros = static_cast<std::int64_t>(v.size());
      return out;
    }
    const auto s = static_cast<float>(levels_);  // exact: levels <= 2^24
    const auto levels_per_unit = static_cast<float>(static_cast<double>(levels_) / norm);
    const auto unit_per_level = static_cast<float>(norm / static_cast<double>(levels_));
    std::size_t nonzeros = 0;
    std::int64_t elias_bits = 0;
    std::size_t previous = 0;  // 1-based index of the previous non-zero, 0 before the first
    float* decoded = out.decoded.data();
    CoordinateCoins(rng).for_each_chunk(
        v.size(), [&](std::size_t first, std::span<const float> coins) {
          std::size_t chunk_nonzeros = 0;
          std::array<float, CoordinateCoins::kChunk> levels;
          for (std::size_t j = 0; j < coins.size(); ++j) {
            const std::size_t i = first + j;
            const float r = std::min(std::fabs(v[i]) * levels_per_unit, s);
            const auto floor_level = static_cast<float>(static_cast<std::int32_t>(r));
            const float level = floor_level + (coins[j] < r - floor_level ? 1.0f : 0.0f);
            // + 0.0f turns the -0.0 of a negative coordinate at level 0 into +0.0.
            decoded[i] = std::copysign(level * unit_per_level, v[i]) + 0.0f;
            chunk_nonzeros += level != 0.0f;
            levels[j] = level;
          }
          nonzeros += chunk_nonzeros;
          if constexpr (kElias) {
            for (std::size_t j = 0; j < coins.size(); ++j) {
              if (levels[j] == 0.0f)
                continue;
              const std::size_t i = first + j;
              elias_bits += elias_omega_bits(i + 1 - previous) + 1 +
                            elias_omega_bits(static_cast<std::uint64_t>(levels[j]));
              previous = i + 1;
            }
          }
        });
    out.nonzeros = static_cast<std::int64_t>(nonzeros);
    out.payload_bits += elias_bits;
    return out;
  }

  // The realised Elias size depends on the values; without them we charge
  // QSGD's bound on its expectation (Alistarh et al. 2017, Theorem 3.4) with
  // m = s(s + sqrt d), the bound on the expected non-zeros:
  //   b_f + ceil((3 + 1.5 log2(2(s^2 + d) / m)) * m),
  // the theorem's o(1) dropped and its 32-bit norm replaced by b_f. It bounds
  // this encoder's mean size from above (gap, sign and level codes as in the
  // paper); for s^2 well above d it is loose and coding "fixed" is smaller.
  std::int64_t elias_bound_bits(std::int64_t d) const {
    if (d <= 0)
      return value_bits_;
    const auto s = static_cast<double>(levels_);
    const auto n = static_cast<double>(d);
    const double nonzeros = s * (s + std::sqrt(n));
    const double per_nonzero = 3.0 + 1.5 * std::log2(2.0 * (s * s + n) / nonzeros);
    return value_bits_ + static_cast<std::int64_t>(std::ceil(per_nonzero * nonzeros));
  }
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
                              .at_least(1)
                              .at_most(1 << 24),
                          ParamSpec::choice("coding", {"fixed", "elias"}, "fixed",
                                            "fixed: b_f + d*(1 + ceil(log2(s+1))) bits; elias: "
                                            "Elias-omega gaps and levels (size-only tasks: "
                                            "QSGD's expected-size bound)")},
                         value_width_params()}),
          "unbiased; variance <= min(d/s^2, sqrt(d)/s) ||v||^2"};
}

std::unique_ptr<Compressor> make_qsgd(const Params& params, std::size_t /*dimension*/) {
  return std::make_unique<Qsgd>(params.integer("levels"), params.text("coding") == "elias",
                                read_value_bits(params));
}

}  // namespace commsim
