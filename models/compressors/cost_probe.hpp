#pragma once
// What a message of P payload bits costs in the metric an adaptive compressor
// (CAT) optimises: the bits themselves, or the outgoing link's
// expected frames, delivery time or joules (sim/net/link_model.hpp). Only the
// ratio alpha(T)/Cost(T) matters, so each metric keeps its natural unit.
#include <cstdint>
#include <memory>
#include <string>

#include "sim/net/link_model.hpp"

namespace commsim {

enum class CostMetric {
  kBits,     // P itself; needs no link
  kPackets,  // LinkCost::frames
  kTime,     // LinkCost::delivery, in nanoseconds: what the receiver waits for
  kJoules,   // sender + receiver energy of one unicast message
};

CostMetric cost_metric_from_name(const std::string& name);  // "bits", "packets", "time", "joules"

class CostProbe {
 public:
  // `link` may be null only for kBits.
  CostProbe(CostMetric metric, std::shared_ptr<const LinkModel> link);
  double operator()(std::int64_t payload_bits) const;
  CostMetric metric() const { return metric_; }

 private:
  CostMetric metric_;
  std::shared_ptr<const LinkModel> link_;
};

}  // namespace commsim
