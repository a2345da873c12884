#pragma once
// The one sparse encoder: m (index, value) pairs
// cost m*(b_idx + b_v) bits plus any accompanying scalars or seed. top_k,
// rand_k, sq and wangni all build their messages here.
#include <cstddef>
#include <cstdint>
#include <span>

#include "models/compressors/compressor.hpp"

namespace commsim {

struct SparseLayout {
  std::int64_t index_bits = 0;  // b_idx per entry (0 when indices come from a shared seed)
  std::int64_t value_bits = 0;  // b_v per entry: b_f, 1 for a sign, ...
  std::int64_t extra_bits = 0;  // scalars (b_f each) and shared seeds (32), once per message
};

// Payload of `entries` (index, value) pairs: entries*(b_idx + b_v) + extra.
// encode_sparse charges it, and the fixed-k compressors declare their
// size-only bits with it, so both use the one formula.
std::int64_t sparse_bits(std::int64_t entries, const SparseLayout& layout);

// indices[j] receives values[j] in a dense vector of `dimension` entries.
Encoded encode_sparse(std::span<const std::size_t> indices, std::span<const float> values,
                      std::size_t dimension, const SparseLayout& layout);

}  // namespace commsim
