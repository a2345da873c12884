#include "models/compressors/cost_probe.hpp"

#include <stdexcept>

namespace commsim {

CostMetric cost_metric_from_name(const std::string& name) {
  if (name == "bits")
    return CostMetric::kBits;
  if (name == "packets")
    return CostMetric::kPackets;
  if (name == "time")
    return CostMetric::kTime;
  if (name == "joules")
    return CostMetric::kJoules;
  throw std::invalid_argument("unknown cost metric \"" + name + "\"");
}

CostProbe::CostProbe(CostMetric metric, std::shared_ptr<const LinkModel> link)
    : metric_(metric), link_(std::move(link)) {
  if (metric_ != CostMetric::kBits && !link_)
    throw std::invalid_argument("a link cost probe needs a link model");
}

double CostProbe::operator()(std::int64_t payload_bits) const {
  if (metric_ == CostMetric::kBits)
    return static_cast<double>(payload_bits);
  // Expected cost (mean backoff, no losses): the sender cannot know the draw.
  const LinkCost cost = link_->expected_cost(payload_bits, Transmission::kUnicast);
  switch (metric_) {
    case CostMetric::kPackets:
      return static_cast<double>(cost.frames);
    case CostMetric::kTime:
      return static_cast<double>(cost.delivery);  // integer ns: exact, so ties stay ties
    case CostMetric::kJoules:
      return cost.sender_energy_j + cost.receiver_energy_j;
    case CostMetric::kBits:
      break;
  }
  return static_cast<double>(payload_bits);
}

}  // namespace commsim
