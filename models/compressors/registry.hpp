#pragma once
// The compressor registry. Only `none` (float32 values, d x 32 bits) exists so
// far; the compressor family (top-k, QSGD, sign, CAT, ...) plugs in here.
#include "sim/params/param_spec.hpp"
#include "sim/params/registry.hpp"

namespace commsim {

struct CompressorFactory {};  // factories arrive with the compressor family

const Registry<CompressorFactory>& compressor_registry();

}  // namespace commsim
