#pragma once
// |g| sorted from largest to smallest: CAT's one sort per message (spec §1.2).
// An LSD radix sort on the bit patterns (for non-negative floats they order
// like the values), three passes of 11 bits: O(d), several times faster than
// a comparison sort at d = 10^6 (docs/performance.md).
#include <span>
#include <vector>

namespace commsim {

std::vector<float> descending_magnitudes(std::span<const float> g);

}  // namespace commsim
