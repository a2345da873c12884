#pragma once
// The hold-model workload shared by every simulator under test: P pending
// events; each popped event schedules one new event at now + Exp(mean 1 s), so
// the queue size stays P. All simulators read the same precomputed delays, so
// they see bit-identical workloads and the cost of drawing is left out of the
// comparison (it would be equal on both sides anyway and only dilute it).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/kernel/rng.hpp"
#include "sim/kernel/sim_time.hpp"

namespace commsim::bench {

inline constexpr std::int64_t kHoldsPerRun = 1'000'000;

class HoldDelays {
 public:
  // 2^16 delays (512 KiB) are read sequentially, which the hardware prefetcher
  // hides; the repetition period is far longer than any correlation that could
  // matter to a priority queue.
  static constexpr std::size_t kSize = std::size_t{1} << 16;

  explicit HoldDelays(std::uint64_t seed = 1) : table_(kSize) {
    Rng rng(seed, "hold-model-delays");
    for (SimTime& delay : table_)
      delay = seconds_to_simtime(rng.exponential(1.0));
  }

  // Nanoseconds, like commsim's SimTime and ns-3's default time resolution.
  SimTime next() {
    const SimTime delay = table_[index_];
    index_ = (index_ + 1) & (kSize - 1);
    return delay;
  }

 private:
  std::vector<SimTime> table_;
  std::size_t index_ = 0;
};

}  // namespace commsim::bench
