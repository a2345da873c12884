#include "models/compressors/sparse_encoder.hpp"

namespace commsim {

std::int64_t sparse_bits(std::int64_t entries, const SparseLayout& layout) {
  return entries * (layout.index_bits + layout.value_bits) + layout.extra_bits;
}

Encoded encode_sparse(std::span<const std::size_t> indices, std::span<const float> values,
                      std::size_t dimension, const SparseLayout& layout) {
  Encoded out;
  out.decoded.assign(dimension, 0.0f);
  for (std::size_t j = 0; j < indices.size(); ++j)
    out.decoded[indices[j]] = values[j];
  out.nonzeros = static_cast<std::int64_t>(indices.size());
  out.payload_bits = sparse_bits(out.nonzeros, layout);
  return out;
}

}  // namespace commsim
