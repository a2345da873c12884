#pragma once
// Seeded random streams. Every consumer gets its own stream, named by
// (run seed, purpose, index), so that no result depends on the order in which
// streams are used, on thread count or on sweep order. The distributions are
// written here rather than taken from <random>, whose distributions differ
// between standard libraries; std::mt19937_64 itself is fully specified.
#include <cstdint>
#include <random>
#include <string_view>

namespace commsim {

class Rng {
 public:
  Rng(std::uint64_t seed, std::string_view purpose, std::uint64_t index = 0);

  std::uint64_t next_u64() { return engine_(); }
  // Uniform in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, bound) without modulo bias; bound > 0.
  std::uint64_t uniform_below(std::uint64_t bound);
  // Standard normal (Box-Muller, one value per call).
  double normal();
  double exponential(double mean);
  bool bernoulli(double probability) { return uniform01() < probability; }

 private:
  std::mt19937_64 engine_;
};

// Uniform integer in [0, bound) without modulo bias (Lemire's rejection on the
// 128-bit product), for any generator with next_u64(); bound > 0.
template <class Generator>
std::uint64_t lemire_below(Generator& generator, std::uint64_t bound) {
  __extension__ using Uint128 = unsigned __int128;  // GCC and Clang; marked for -Wpedantic
  Uint128 product = static_cast<Uint128>(generator.next_u64()) * bound;
  auto low = static_cast<std::uint64_t>(product);
  if (low < bound) {
    const std::uint64_t threshold = -bound % bound;
    while (low < threshold) {
      product = static_cast<Uint128>(generator.next_u64()) * bound;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

// SplitMix64 finaliser: the mixing step used to derive stream seeds.
std::uint64_t mix64(std::uint64_t value);
// FNV-1a of a purpose name, so streams are named, not numbered by hand.
std::uint64_t hash_name(std::string_view name);

}  // namespace commsim
