#pragma once
// Simulated time is an integer count of nanoseconds. No floating-point clock:
// equal inputs must give bit-identical event orders on every platform.
#include <cmath>
#include <cstdint>
#include <limits>

namespace commsim {

using SimTime = std::int64_t;  // nanoseconds since the start of the run

inline constexpr SimTime kNanosecondsPerSecond = 1'000'000'000;
inline constexpr SimTime kSimTimeMax = std::numeric_limits<SimTime>::max();

// Rounds to the nearest nanosecond. Durations computed from doubles (bits / rate)
// are converted once, here, so that the clock itself stays integer.
inline SimTime seconds_to_simtime(double seconds) {
  return static_cast<SimTime>(std::llround(seconds * 1e9));
}
inline constexpr SimTime microseconds(std::int64_t us) {
  return us * 1000;
}
inline constexpr double simtime_to_seconds(SimTime t) {
  return static_cast<double>(t) / 1e9;
}

}  // namespace commsim
