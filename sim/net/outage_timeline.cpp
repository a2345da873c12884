#include "sim/net/outage_timeline.hpp"

#include <algorithm>

namespace commsim {

SimTime saturating_add(SimTime at, SimTime duration) {
  return duration >= kSimTimeMax - at ? kSimTimeMax : at + duration;
}

namespace {

// Seconds drawn from a distribution to SimTime, saturating: a mean of years
// must not overflow the nanosecond clock.
SimTime duration_of(double seconds) {
  constexpr double kLongestSeconds = 9.0e9;  // about 285 years; int64 ns holds 292
  return seconds >= kLongestSeconds ? kSimTimeMax : seconds_to_simtime(seconds);
}

// The first outage in a sorted, disjoint list whose end lies after `at`.
Outage first_ending_after(const std::vector<Outage>& outages, SimTime at) {
  const auto found = std::upper_bound(outages.begin(), outages.end(), at,
                                      [](SimTime t, const Outage& o) { return t < o.up; });
  return found == outages.end() ? Outage{} : *found;
}

}  // namespace

void OutageTimeline::add(Outage outage) {
  if (outage.up <= outage.down)
    return;  // empty
  auto position =
      std::lower_bound(scheduled_.begin(), scheduled_.end(), outage,
                       [](const Outage& a, const Outage& b) { return a.down < b.down; });
  position = scheduled_.insert(position, outage);
  // Merge with neighbours that touch or overlap, so the list stays disjoint.
  std::vector<Outage> merged;
  for (const Outage& o : scheduled_) {
    if (!merged.empty() && o.down <= merged.back().up) {
      merged.back().up = std::max(merged.back().up, o.up);
    } else {
      merged.push_back(o);
    }
  }
  scheduled_ = std::move(merged);
}

void OutageTimeline::set_random(Rng rng, double failure_rate_per_s,
                                std::optional<double> mean_down_s) {
  if (failure_rate_per_s <= 0.0)
    return;
  random_process_ = RandomProcess{std::move(rng), 1.0 / failure_rate_per_s, mean_down_s};
}

void OutageTimeline::draw_until(SimTime at) const {
  if (!random_process_)
    return;
  RandomProcess& p = *random_process_;
  // Draw until the last outage ends after `at`: then every outage that
  // contains `at` or starts after it up to that end is known.
  while (!p.permanent && p.known_until <= at) {
    const SimTime down = saturating_add(p.known_until, duration_of(p.rng.exponential(p.mean_up_s)));
    SimTime up = kSimTimeMax;
    if (p.mean_down_s)
      up = saturating_add(down, duration_of(p.rng.exponential(*p.mean_down_s)));
    if (down == kSimTimeMax) {
      p.permanent = true;  // the next failure is beyond the clock
      break;
    }
    // An outage of zero length (a draw rounded to 0 ns) changes nothing.
    if (up > down)
      random_.push_back({down, up});
    p.known_until = up;
    p.permanent = up == kSimTimeMax;
  }
}

Outage OutageTimeline::next_outage(SimTime at) const {
  draw_until(at);
  const Outage scheduled = first_ending_after(scheduled_, at);
  const Outage random = first_ending_after(random_, at);
  return scheduled.down <= random.down ? scheduled : random;
}

}  // namespace commsim
