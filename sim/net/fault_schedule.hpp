#pragma once
// Which nodes and links are up at a given simulated time: scheduled outages
// and crashes, plus random failure processes with seeded exponential times to
// failure and to repair. The network asks it on every send and delivery, the
// compute model on every step; algorithms may ask it too (a timeout policy, a
// recovered node deciding what to do). It holds no simulator events (see
// outage_timeline.hpp), so it can never keep a run alive on its own.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "sim/net/message.hpp"
#include "sim/net/outage_timeline.hpp"

namespace commsim {

// One directed link down over [down, up); up = kSimTimeMax: for good.
struct LinkOutage {
  NodeId from = 0;
  NodeId to = 0;
  SimTime down = 0;
  SimTime up = kSimTimeMax;
};

// One node crashed over [down, up); up = kSimTimeMax: never recovers.
struct NodeOutage {
  NodeId node = 0;
  SimTime down = 0;
  SimTime up = kSimTimeMax;
};

enum class LinkFailureUnit {
  kEdge,          // one failure process per undirected edge: both directions fail together
  kDirectedLink,  // one per directed link
};

struct FaultConfig {
  std::vector<LinkOutage> link_outages;  // directed; a both-ways outage is two entries
  std::vector<NodeOutage> node_outages;
  double link_failure_rate_per_s = 0.0;    // 0: no random link failures
  std::optional<double> mean_link_down_s;  // unset: a failed link stays down
  LinkFailureUnit link_failure_unit = LinkFailureUnit::kEdge;
  double node_crash_rate_per_s = 0.0;
  std::optional<double> mean_node_recovery_s;  // unset: a crashed node stays down

  bool any() const {
    return !link_outages.empty() || !node_outages.empty() || link_failure_rate_per_s > 0.0 ||
           node_crash_rate_per_s > 0.0;
  }
};

class FaultSchedule {
 public:
  FaultSchedule() = default;  // nothing ever fails
  // Random processes draw from the streams ("faults.node", node) and
  // ("faults.link", link or edge id) of `seed`.
  FaultSchedule(const FaultConfig& config, std::uint64_t seed);

  // The same node crashes and outages for a medium that numbers a subset of
  // the nodes itself: its node i is node `to_global[i]` here. Link faults are
  // left out (the Network applies them on its own links).
  FaultSchedule nodes_renumbered(const std::vector<NodeId>& to_global) const;

  bool any() const { return config_.any(); }
  const FaultConfig& config() const { return config_; }

  bool node_up(NodeId node, SimTime at) const;
  // The link itself, whatever its endpoints do.
  bool link_up(NodeId from, NodeId to, SimTime at) const;
  // Up at every instant of [from_time, to_time].
  bool node_up_throughout(NodeId node, SimTime from_time, SimTime to_time) const;
  bool link_up_throughout(NodeId from, NodeId to, SimTime from_time, SimTime to_time) const;
  // The first time >= at when the node is up (`at` itself when it is up);
  // kSimTimeMax when it never recovers.
  SimTime node_up_again(NodeId node, SimTime at) const;
  SimTime link_up_again(NodeId from, NodeId to, SimTime at) const;
  // The first time >= at when the node is down; kSimTimeMax when never.
  SimTime node_next_crash(NodeId node, SimTime at) const;

 private:
  const OutageTimeline* node_timeline(NodeId node) const;
  const OutageTimeline* scheduled_link_timeline(NodeId from, NodeId to) const;
  const OutageTimeline* random_link_timeline(NodeId from, NodeId to) const;

  FaultConfig config_;
  std::uint64_t seed_ = 0;
  std::vector<NodeId> stream_node_;  // renumbered: node i draws node stream_node_[i]'s crashes
  mutable std::map<NodeId, OutageTimeline> nodes_;                // created when first asked
  std::map<std::uint64_t, OutageTimeline> scheduled_links_;       // by directed link id
  mutable std::map<std::uint64_t, OutageTimeline> random_links_;  // by edge or link id
};

}  // namespace commsim
