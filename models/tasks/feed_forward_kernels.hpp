#pragma once
// The instruction-set variants of FeedForwardModel's numerics. The same
// source (feed_forward_kernels.cpp) is built portable (x86-64 baseline, or
// whatever the compiler targets) and, on x86-64, for x86-64-v3 (AVX2, FMA);
// the first call picks the best one this CPU runs. Both give the same
// learning, but not the same last bits: vector widths and fused
// multiply-adds change rounding. COMMSIM_KERNELS=portable in the environment
// pins the portable build, which the golden tests use.
#include <cstdint>
#include <span>

#include "models/tasks/feed_forward_model.hpp"

namespace commsim {

struct FeedForwardKernels {
  double (*add_gradient)(const FeedForwardModel& predictor, const Dataset& data,
                         std::span<const std::uint32_t> rows, std::span<const float> model,
                         std::span<float> gradient);
  BatchResult (*evaluate)(const FeedForwardModel& predictor, const Dataset& data,
                          std::span<const std::uint32_t> rows, std::span<const float> model);
  const char* name;  // "portable", "x86-64-v3"
};

namespace kernels_portable {
extern const FeedForwardKernels kKernels;
}
namespace kernels_x86_64_v3 {
extern const FeedForwardKernels kKernels;  // defined only when built (COMMSIM_HAVE_X86_64_V3)
}

// The variant in use: chosen once, from COMMSIM_KERNELS ("portable",
// "x86-64-v3", or unset/"auto": the best the CPU supports). An unknown name,
// or x86-64-v3 on a CPU without it, throws InputError naming the variable,
// the value and what this build and CPU allow.
const FeedForwardKernels& active_kernels();

}  // namespace commsim
