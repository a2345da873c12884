#pragma once
// The network's bit, frame and joule counters, kept per node, per logical
// link and in total by subscribing to the network's hooks.
#include <cstdint>
#include <vector>

#include "sim/net/network_hooks.hpp"
#include "sim/net/traffic_counters.hpp"

namespace commsim {

class TrafficRecorder {
 public:
  TrafficRecorder(NetworkHooks& hooks, NodeId nodes);

  void add_link() { link_counters_.emplace_back(); }
  const TrafficCounters& totals() const { return totals_; }
  const TrafficCounters& node(NodeId node) const {
    return node_counters_[static_cast<std::size_t>(node)];
  }
  const TrafficCounters& link(LinkId link) const {
    return link_counters_[static_cast<std::size_t>(link)];
  }

 private:
  void record(const TransmissionRecord& record);
  void count(NodeId node, const TrafficCounters& delta);

  TrafficCounters totals_;
  std::vector<TrafficCounters> node_counters_;
  std::vector<TrafficCounters> link_counters_;
};

}  // namespace commsim
