#pragma once
// The messages of the three compressors CAT adapts (its variants A, B, C), as free
// functions: the fixed-k compressors (top_k.cpp, sq.cpp, wangni.cpp) and CAT
// (cat.cpp) build them with the same code, so a CAT message at level T has
// exactly the bits and values of the base compressor with k = T.
#include <cstddef>
#include <span>

#include "models/compressors/compressor.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/water_filling.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim {

// top_k(v): k*(b_idx + b_f) bits.
Encoded encode_top_k(std::span<const float> v, std::size_t k, BitWidths widths);
// The same message on a support already chosen (increasing indices).
Encoded encode_top_k(std::span<const float> v, std::span<const std::size_t> support,
                     BitWidths widths);

// S+Q: a*sign(v_i) on the top-k support, a = ||v_T||_1/k;
// k*(b_idx + 1) + b_f bits.
Encoded encode_sparse_sign(std::span<const float> v, std::size_t k, BitWidths widths);
Encoded encode_sparse_sign(std::span<const float> v, std::span<const std::size_t> support,
                           BitWidths widths);

// Wangni: v_i/p_i with probability p_i = min(1, lambda|v_i|), sum p_i = k,
// every sent value multiplied by `scale` (1 for the unbiased sparsifier);
// realized nnz*(b_idx + b_f) bits.
Encoded encode_water_filled(std::span<const float> v, std::size_t k, BitWidths widths, Rng& rng,
                            double scale = 1.0);
// The same message from probabilities already water-filled for v.
Encoded encode_water_filled(std::span<const float> v, const WaterFilling& plan, BitWidths widths,
                            Rng& rng, double scale = 1.0);

}  // namespace commsim
