#pragma once
// |g| sorted from largest to smallest: CAT's one sort per message.
// An LSD radix sort on the bit patterns (for non-negative floats they order
// like the values), three passes of 11 bits: O(d), several times faster than
// a comparison sort at d = 10^6 (docs/performance.md).
#include <span>
#include <vector>

namespace commsim {

// Into `sorted` (resized to g.size()): a caller that sorts every message
// keeps one buffer, so a large sort does not page-fault fresh memory.
void descending_magnitudes(std::span<const float> g, std::vector<float>& sorted);
std::vector<float> descending_magnitudes(std::span<const float> g);

}  // namespace commsim
