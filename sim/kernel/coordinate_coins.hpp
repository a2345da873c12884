#pragma once
// One uniform coin per coordinate of a vector, counter-based: the coin of
// coordinate i is a pure function of (key, i), computed by Random123's
// Philox2x64-10 (Salmon et al., SC'11; the Philox family is cuRAND's, JAX's
// and TensorFlow's counter-based generator): one call, 128 bits, gives the
// coins of four coordinates, 24 bits each from disjoint bit ranges.
// (Philox4x32-10 also gives four coins per call, at 1.8x the cost here: 20
// 32x32-bit multiplies per call against 10 of 64x64 bits.) A pass that
// rounds every coordinate stochastically (qsgd, terngrad, double_quant) then
// carries no sequential generator state: one std::mt19937_64 draw per
// coordinate cost ten times the read of the vector. The key is one draw of the caller's Rng,
// so the coins stay tied to the run's named streams and seed.
#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "sim/kernel/rng.hpp"

namespace commsim {

class CoordinateCoins {
 public:
  explicit CoordinateCoins(Rng& rng) : key_{{rng.next_u64()}} {}

  // Coins for coordinates first .. first + out.size() - 1, each uniform in
  // [0, 1) with 24 random bits (exact in a float). `first` must be a
  // multiple of kPerBlock.
  void fill(std::size_t first, std::span<float> out) const {
    const r123::Philox2x64 philox;
    for (std::size_t done = 0; done < out.size(); done += kPerBlock) {
      const r123::Philox2x64::ctr_type counter = {{(first + done) / kPerBlock, 0}};
      const r123::Philox2x64::ctr_type bits = philox(counter, key_);
      const std::array<float, kPerBlock> coins = {unit(bits.v[0] >> 40), unit(bits.v[0] >> 8),
                                                  unit(bits.v[1] >> 40), unit(bits.v[1] >> 8)};
      const std::size_t in_block = std::min(kPerBlock, out.size() - done);
      std::copy_n(coins.begin(), in_block, out.begin() + static_cast<std::ptrdiff_t>(done));
    }
  }

  static constexpr std::size_t kPerBlock = 4;
  static constexpr std::size_t kChunk = 256;  // a multiple of kPerBlock

  // Calls body(first, coins) for consecutive chunks of at most kChunk
  // coordinates covering 0 .. count - 1, coins[j] being coordinate first+j's.
  // Keep running totals in locals of the body's inner loop and add them up
  // per chunk: a total captured by reference and updated per coordinate
  // lives in memory and serialises the loop.
  template <class Body>
  void for_each_chunk(std::size_t count, Body&& body) const {
    std::array<float, kChunk> coins;
    for (std::size_t first = 0; first < count; first += kChunk) {
      const std::span<float> chunk = std::span(coins).first(std::min(kChunk, count - first));
      fill(first, chunk);
      body(first, std::span<const float>(chunk));
    }
  }

 private:
  // The low 24 bits of `bits`, scaled to [0, 1).
  static float unit(std::uint64_t bits) {
    return static_cast<float>(static_cast<std::uint32_t>(bits) & 0xffffffu) * 0x1.0p-24f;
  }
  r123::Philox2x64::key_type key_;
};

}  // namespace commsim
