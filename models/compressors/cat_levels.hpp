#pragma once
// CAT's criterion: the quality alpha(T) of every level T = 1..d of
// one gradient, the payload P(T) of each level, and T* = argmax alpha/Cost.
// alpha comes from one descending sort of |g| (a radix sort, O(d)) and prefix
// sums, O(d) for all T together; the messages themselves are built in
// base_messages.hpp.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "models/compressors/compressor_params.hpp"

namespace commsim {

enum class CatBase {
  kTopK,         // variant A, top_T
  kSparseSign,   // variant B, S+Q
  kWaterFilled,  // variant C, unbiased water-filled sparsifier (Wangni et al.)
};

struct LevelQualities {
  std::vector<double> alpha;      // alpha[T - 1] = alpha(T), T = 1..d, in [0, 1]
  std::vector<float> magnitudes;  // |g| from largest to smallest
  std::size_t nonzeros = 0;       // non-zero entries of g
};

// For a zero vector every alpha is 1: no level loses anything, the cheapest wins.
// Into `q`, reusing its buffers: CAT keeps one per thread, since fresh 8 MB
// and 4 MB buffers per message at d = 10^6 cost more in page faults than the
// criterion itself (docs/performance.md).
void level_qualities(std::span<const float> g, CatBase base, LevelQualities& q);
LevelQualities level_qualities(std::span<const float> g, CatBase base);

// P(T) in bits; for kWaterFilled the expected payload E[nnz] = T (while T <= nnz).
std::int64_t level_payload_bits(CatBase base, std::size_t level, BitWidths widths);

// Efficiencies that differ by less than this fraction of the best are a tie,
// so that rounding in the prefix sums cannot decide between equal levels.
inline constexpr double kLevelTieTolerance = 1e-9;

// T* in 1..alpha.size() maximising alpha[T-1]/cost[T-1] (costs > 0); among
// ties the smallest T.
std::size_t most_efficient_level(std::span<const double> alpha, std::span<const double> cost);

}  // namespace commsim
