#pragma once
// A link model for tests: every message takes fixed times and joules, so
// expected schedules and counters can be computed by hand.
#include "sim/net/link_model.hpp"

namespace commsim::testing {

class FixedLink : public LinkModel {
 public:
  explicit FixedLink(SimTime delivery, SimTime busy = -1, bool delivered = true)
      : delivery_(delivery), busy_(busy < 0 ? delivery : busy), delivered_(delivered) {}
  std::string name() const override { return "fixed"; }
  LinkCost cost(std::int64_t bits, Rng&, Transmission mode) const override {
    return expected_cost(bits, mode);
  }
  LinkCost expected_cost(std::int64_t bits, Transmission) const override {
    LinkCost cost;
    cost.delivery = delivery_;
    cost.sender_busy = busy_;
    cost.frames = 2;
    cost.wire_bytes = payload_bytes_of(bits) + 10;  // 10 bytes of framing per message
    cost.sender_energy_j = 1.0;
    cost.receiver_energy_j = 0.5;
    cost.delivered = delivered_;
    return cost;
  }

 private:
  SimTime delivery_, busy_;
  bool delivered_;
};

}  // namespace commsim::testing
