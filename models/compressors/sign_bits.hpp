#pragma once
// One sign bit per entry: +1 or -1; a zero cannot be sent as such
// and maps to +1 or -1 with equal probability, as signSGD reference code does.
#include <span>
#include <vector>

#include "sim/kernel/rng.hpp"

namespace commsim {

// Fills out[i] = scale * sign(v[i]) in one pass.
void scaled_signs(std::span<const float> v, float scale, Rng& rng, std::vector<float>& out);

}  // namespace commsim
