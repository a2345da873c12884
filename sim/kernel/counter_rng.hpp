#pragma once
// A named random stream with 32 bytes of state, made in nanoseconds: draw i
// of stream (seed, purpose, index) is a pure function of those and i
// (Random123's Philox2x64-10, two draws per call). For components with many
// instances that each draw little, such as one radio's CSMA backoffs, where a
// std::mt19937_64 (2.5 KB, microseconds to seed) per instance would cost more
// than the draws. Same distributions as Rng.
#include <Random123/philox.h>

#include <cstdint>
#include <string_view>

#include "sim/kernel/rng.hpp"

namespace commsim {

class CounterRng {
 public:
  CounterRng() = default;
  CounterRng(std::uint64_t seed, std::string_view purpose, std::uint64_t index = 0)
      : key_{{mix64(mix64(mix64(seed) ^ hash_name(purpose)) ^ index)}} {}

  std::uint64_t next_u64() {
    if (buffered_) {
      buffered_ = false;
      return buffer_;
    }
    const r123::Philox2x64 philox;
    const r123::Philox2x64::ctr_type bits = philox({{counter_++, 0}}, key_);
    buffer_ = bits.v[1];
    buffered_ = true;
    return bits.v[0];
  }
  double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  std::uint64_t uniform_below(std::uint64_t bound) { return lemire_below(*this, bound); }
  bool bernoulli(double probability) { return uniform01() < probability; }

 private:
  r123::Philox2x64::key_type key_{{0}};
  std::uint64_t counter_ = 0;
  std::uint64_t buffer_ = 0;
  bool buffered_ = false;
};

}  // namespace commsim
