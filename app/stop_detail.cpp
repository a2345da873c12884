#include "app/stop_detail.hpp"

#include <algorithm>
#include <sstream>

#include "app/number_format.hpp"

namespace commsim {

namespace {

constexpr std::size_t kListedAtMost = 8;

template <class Item, class Write>
void write_list(std::ostringstream& out, const std::vector<Item>& items, Write write) {
  for (std::size_t k = 0; k < items.size() && k < kListedAtMost; ++k) {
    if (k > 0)
      out << ", ";
    write(items[k]);
  }
  if (items.size() > kListedAtMost)
    out << " and " << items.size() - kListedAtMost << " more";
}

void write_until(std::ostringstream& out, SimTime up_again) {
  if (up_again == kSimTimeMax) {
    out << " for good";
  } else {
    out << " until " << format_seconds(up_again) << " s";
  }
}

void write_losses(std::ostringstream& out, const TrafficCounters& totals) {
  out << totals.messages_lost << " of " << totals.messages << " messages lost ("
      << totals.lost_channel << " channel, " << totals.lost_link_down << " link down, "
      << totals.lost_node_crashed << " crashed node)";
}

void write_faults(std::ostringstream& out, const StallContext& c) {
  const FaultSchedule& faults = c.network.faults();
  if (!faults.any())
    return;
  std::vector<NodeId> nodes_down;
  for (NodeId node = 0; node < c.network.nodes(); ++node) {
    if (!faults.node_up(node, c.end_time))
      nodes_down.push_back(node);
  }
  std::vector<std::pair<NodeId, NodeId>> links_down;
  for (const auto& [from, to] : c.links) {
    if (!faults.link_up(from, to, c.end_time))
      links_down.emplace_back(from, to);
  }
  out << "; nodes down: ";
  if (nodes_down.empty())
    out << "none";
  write_list(out, nodes_down, [&](NodeId node) {
    out << node;
    write_until(out, faults.node_up_again(node, c.end_time));
  });
  out << "; links down: ";
  if (links_down.empty())
    out << "none";
  write_list(out, links_down, [&](const std::pair<NodeId, NodeId>& link) {
    out << link.first << " -> " << link.second;
    write_until(out, faults.link_up_again(link.first, link.second, c.end_time));
  });
  out << "; compute steps abandoned: " << c.compute.abandoned_steps();
}

// Nodes that sent the least are the ones still waiting for something (or
// down): a synchronous node sends round r only after it received round r - 1.
void write_progress(std::ostringstream& out, const Network& network) {
  std::int64_t lowest = 0;
  std::int64_t highest = -1;
  for (NodeId node = 0; node < network.nodes(); ++node) {
    const std::int64_t round = network.highest_round_sent(node);
    lowest = node == 0 ? round : std::min(lowest, round);
    highest = std::max(highest, round);
  }
  if (highest < 0) {
    out << "; no node sent anything";
    return;
  }
  if (lowest == highest) {
    out << "; every node sent up to round " << highest;
    return;
  }
  std::vector<NodeId> behind;
  for (NodeId node = 0; node < network.nodes(); ++node) {
    if (network.highest_round_sent(node) == lowest)
      behind.push_back(node);
  }
  out << "; furthest round sent: " << highest << ", node" << (behind.size() > 1 ? "s " : " ");
  write_list(out, behind, [&](NodeId node) { out << node; });
  if (lowest < 0) {
    out << " sent nothing";
  } else {
    out << " only up to round " << lowest;
  }
}

}  // namespace

std::string stalled_detail(const StallContext& c) {
  std::ostringstream out;
  out << "no events left at " << format_seconds(c.end_time) << " s after round "
      << c.rounds_completed << " of " << c.max_rounds << ": ";
  write_losses(out, c.network.totals());
  write_faults(out, c);
  write_progress(out, c.network);
  return out.str();
}

}  // namespace commsim
