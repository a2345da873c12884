#include "app/bottleneck.hpp"

namespace commsim {

std::optional<Bottleneck> BottleneckTracker::next(const Medium& medium, SimTime now) {
  const std::vector<PhysicalLinkUsage> links = medium.physical_links(now);
  if (links.empty())
    return std::nullopt;
  previous_bits_.resize(links.size(), 0.0);
  const double seconds = simtime_to_seconds(now - previous_time_);
  std::optional<Bottleneck> busiest;
  for (std::size_t l = 0; l < links.size(); ++l) {
    const double bits = links[l].carried_bits - previous_bits_[l];
    previous_bits_[l] = links[l].carried_bits;
    if (seconds <= 0.0)
      continue;
    const double utilisation = bits / (links[l].bandwidth_bps * seconds);
    // Ties go to the first link, so the column is the same on every run.
    if (!busiest || utilisation > busiest->utilisation)
      busiest = Bottleneck{links[l].name, utilisation};
  }
  previous_time_ = now;
  return busiest;
}

}  // namespace commsim
