#pragma once
// Parameters shared by the compressor family: the widths of an index and of a
// value (b_idx and b_f), the sparsity level k (`ratio` or `k`),
// and the error-feedback options every kind accepts (EF-SGD, ScaleCom's filter).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/params/params.hpp"

namespace commsim {

struct BitWidths {
  std::int64_t index_bits = 0;   // b_idx
  std::int64_t value_bits = 32;  // b_f
};

// ceil(log2 n) for n >= 1 (0 for n <= 1).
std::int64_t ceil_log2(std::uint64_t n);

std::vector<ParamSpec> bit_width_params();    // index_bits, value_bits
std::vector<ParamSpec> value_width_params();  // value_bits only (dense compressors)
std::vector<ParamSpec> sparsity_params();     // ratio, k
// error_feedback, error_feedback_beta: read by the algorithms, not by the
// compressors (which stay stateless); the registry adds them to every kind.
std::vector<ParamSpec> error_feedback_params();

BitWidths read_bit_widths(const Params& params, std::size_t dimension);
std::int64_t read_value_bits(const Params& params);
// k from `k` or `ratio * d` (floor), clamped to [1, d]; both given is an error.
std::size_t read_count(const Params& params, std::size_t dimension);

// Concatenates declaration lists (registry entries combine the shared ones).
std::vector<ParamSpec> concat_params(std::vector<std::vector<ParamSpec>> groups);

}  // namespace commsim
