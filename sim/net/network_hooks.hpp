#pragma once
// Where observers of the network (counters, energy accounting, traces) hear
// what happens, instead of being wired into it: every hook keeps a list of
// subscribers and calls them in the order they subscribed.
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "sim/net/medium.hpp"

namespace commsim {

// A transmission as the Network settled it: the medium's report plus, per
// receiver, why the copy was lost (faults first, then the channel), or
// nullopt when it was delivered.
struct TransmissionRecord {
  const MediumReport& report;
  std::span<const std::optional<LossReason>> outcomes;
};

class NetworkHooks {
 public:
  using Started = std::function<void(const Message& message, LinkId link, SimTime start)>;
  using Ended = std::function<void(const TransmissionRecord& record)>;
  using Counted = std::function<void(NodeId node, const TrafficCounters& delta)>;
  using Delivered = std::function<void(const Message& message)>;
  using Lost = std::function<void(const Message& message, LossReason reason)>;
  using MediumDetail = std::function<void(const MediumEvent& event)>;

  void on_transmission_started(Started hook) { started_.push_back(std::move(hook)); }
  void on_transmission_ended(Ended hook) { ended_.push_back(std::move(hook)); }
  void on_count(Counted hook) { counted_.push_back(std::move(hook)); }
  void on_delivered(Delivered hook) { delivered_.push_back(std::move(hook)); }
  void on_lost(Lost hook) { lost_.push_back(std::move(hook)); }
  // A shared medium's frame and packet detail (sim/net/medium_events.hpp);
  // media build these events only once someone subscribed here.
  void on_medium_event(MediumDetail hook) {
    medium_detail_.push_back(std::move(hook));
    detail_observed_ = true;
  }

  void transmission_started(const Message& message, LinkId link, SimTime start) const {
    for (const auto& hook : started_)
      hook(message, link, start);
  }
  void transmission_ended(const TransmissionRecord& record) const {
    for (const auto& hook : ended_)
      hook(record);
  }
  void counted(NodeId node, const TrafficCounters& delta) const {
    for (const auto& hook : counted_)
      hook(node, delta);
  }
  void delivered(const Message& message) const {
    for (const auto& hook : delivered_)
      hook(message);
  }
  void lost(const Message& message, LossReason reason) const {
    for (const auto& hook : lost_)
      hook(message, reason);
  }
  void medium_event(const MediumEvent& event) const {
    for (const auto& hook : medium_detail_)
      hook(event);
  }
  // Stays at this address for the hooks' lifetime (MediumListener::detail_observed).
  const bool& detail_observed() const { return detail_observed_; }

 private:
  std::vector<Started> started_;
  std::vector<Ended> ended_;
  std::vector<Counted> counted_;
  std::vector<Delivered> delivered_;
  std::vector<Lost> lost_;
  std::vector<MediumDetail> medium_detail_;
  bool detail_observed_ = false;
};

}  // namespace commsim
