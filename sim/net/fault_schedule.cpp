#include "sim/net/fault_schedule.hpp"

#include <algorithm>
#include <array>

namespace commsim {

namespace {

std::uint64_t directed_id(NodeId from, NodeId to) {
  return static_cast<std::uint64_t>(from) * 0x100000000ULL + static_cast<std::uint32_t>(to);
}

// The combined state of several timelines (a link's schedule and its random
// process): down when any of them is.
template <std::size_t N>
bool up_throughout(const std::array<const OutageTimeline*, N>& timelines, SimTime from_time,
                   SimTime to_time) {
  for (const OutageTimeline* t : timelines) {
    if (t != nullptr && t->next_outage(from_time).down <= to_time)
      return false;
  }
  return true;
}

template <std::size_t N>
SimTime up_again(const std::array<const OutageTimeline*, N>& timelines, SimTime at) {
  // Step over outages until no timeline is down; each step moves forward.
  for (bool moved = true; moved;) {
    moved = false;
    for (const OutageTimeline* t : timelines) {
      if (t == nullptr)
        continue;
      const Outage outage = t->next_outage(at);
      if (outage.down > at)
        continue;
      if (outage.up == kSimTimeMax)
        return kSimTimeMax;
      at = outage.up;
      moved = true;
    }
  }
  return at;
}

}  // namespace

FaultSchedule::FaultSchedule(const FaultConfig& config, std::uint64_t seed)
    : config_(config), seed_(seed) {
  for (const NodeOutage& o : config.node_outages)
    nodes_[o.node].add({o.down, o.up});
  for (const LinkOutage& o : config.link_outages) {
    scheduled_links_[directed_id(o.from, o.to)].add({o.down, o.up});
  }
}

FaultSchedule FaultSchedule::nodes_renumbered(const std::vector<NodeId>& to_global) const {
  FaultConfig config = config_;
  config.link_outages.clear();
  config.link_failure_rate_per_s = 0.0;
  config.node_outages.clear();
  for (NodeId local = 0; local < static_cast<NodeId>(to_global.size()); ++local) {
    for (const NodeOutage& o : config_.node_outages) {
      if (o.node == to_global[static_cast<std::size_t>(local)])
        config.node_outages.push_back({local, o.down, o.up});
    }
  }
  FaultSchedule renumbered(config, seed_);
  renumbered.stream_node_ = to_global;
  return renumbered;
}

const OutageTimeline* FaultSchedule::node_timeline(NodeId node) const {
  auto found = nodes_.find(node);
  if (config_.node_crash_rate_per_s <= 0.0)
    return found == nodes_.end() ? nullptr : &found->second;
  if (found == nodes_.end())
    found = nodes_.emplace(node, OutageTimeline{}).first;
  if (!found->second.has_random()) {
    const NodeId stream =
        stream_node_.empty() ? node : stream_node_[static_cast<std::size_t>(node)];
    found->second.set_random(Rng(seed_, "faults.node", static_cast<std::uint64_t>(stream)),
                             config_.node_crash_rate_per_s, config_.mean_node_recovery_s);
  }
  return &found->second;
}

const OutageTimeline* FaultSchedule::scheduled_link_timeline(NodeId from, NodeId to) const {
  const auto found = scheduled_links_.find(directed_id(from, to));
  return found == scheduled_links_.end() ? nullptr : &found->second;
}

const OutageTimeline* FaultSchedule::random_link_timeline(NodeId from, NodeId to) const {
  if (config_.link_failure_rate_per_s <= 0.0)
    return nullptr;
  // An edge's stream is named by its lower endpoint first, so both directions
  // share one process.
  const std::uint64_t id = config_.link_failure_unit == LinkFailureUnit::kEdge
                               ? directed_id(std::min(from, to), std::max(from, to))
                               : directed_id(from, to);
  auto found = random_links_.find(id);
  if (found == random_links_.end()) {
    found = random_links_.emplace(id, OutageTimeline{}).first;
    found->second.set_random(Rng(seed_, "faults.link", id), config_.link_failure_rate_per_s,
                             config_.mean_link_down_s);
  }
  return &found->second;
}

bool FaultSchedule::node_up(NodeId node, SimTime at) const {
  return node_up_throughout(node, at, at);
}

bool FaultSchedule::link_up(NodeId from, NodeId to, SimTime at) const {
  return link_up_throughout(from, to, at, at);
}

bool FaultSchedule::node_up_throughout(NodeId node, SimTime from_time, SimTime to_time) const {
  return up_throughout(std::array{node_timeline(node)}, from_time, to_time);
}

bool FaultSchedule::link_up_throughout(NodeId from, NodeId to, SimTime from_time,
                                       SimTime to_time) const {
  return up_throughout(
      std::array{scheduled_link_timeline(from, to), random_link_timeline(from, to)}, from_time,
      to_time);
}

SimTime FaultSchedule::node_up_again(NodeId node, SimTime at) const {
  return up_again(std::array{node_timeline(node)}, at);
}

SimTime FaultSchedule::link_up_again(NodeId from, NodeId to, SimTime at) const {
  return up_again(std::array{scheduled_link_timeline(from, to), random_link_timeline(from, to)},
                  at);
}

SimTime FaultSchedule::node_next_crash(NodeId node, SimTime at) const {
  const OutageTimeline* timeline = node_timeline(node);
  if (timeline == nullptr)
    return kSimTimeMax;
  const Outage outage = timeline->next_outage(at);
  return std::max(outage.down, at);
}

}  // namespace commsim
