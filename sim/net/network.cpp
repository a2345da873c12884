#include "sim/net/network.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace commsim {

Network::Network(Simulator& simulator, NodeId nodes, NetworkOptions options, std::uint64_t seed)
    : simulator_(simulator),
      shared_interface_(options.shared_interface || options.broadcast),
      broadcast_(options.broadcast),
      seed_(seed),
      out_links_(static_cast<std::size_t>(nodes)),
      radio_busy_until_(static_cast<std::size_t>(nodes), 0),
      node_counters_(static_cast<std::size_t>(nodes)) {
  radio_rng_.reserve(static_cast<std::size_t>(nodes));
  for (NodeId node = 0; node < nodes; ++node) radio_rng_.emplace_back(seed, "radio", node);
}

void Network::add_link(NodeId from, NodeId to, std::shared_ptr<const LinkModel> model) {
  if (from < 0 || to < 0 || from >= nodes() || to >= nodes() || from == to) {
    throw std::logic_error("Network::add_link: bad endpoints");
  }
  if (has_link(from, to)) throw std::logic_error("Network::add_link: duplicate link");
  // Each link's stream is named by its endpoints, so adding links in another
  // order does not change any draw.
  const auto id = static_cast<std::uint64_t>(from) * 0x100000000ULL + static_cast<std::uint32_t>(to);
  links_.push_back(Link{from, to, std::move(model), Rng(seed_, "link", id), 0, {}});
  auto& out = out_links_[static_cast<std::size_t>(from)];
  const auto position = std::lower_bound(out.begin(), out.end(), std::make_pair(to, std::int64_t{0}));
  out.insert(position, {to, static_cast<std::int64_t>(links_.size() - 1)});
}

std::int64_t Network::link_index(NodeId from, NodeId to) const {
  if (from < 0 || from >= nodes()) return -1;
  const auto& out = out_links_[static_cast<std::size_t>(from)];
  const auto position = std::lower_bound(
      out.begin(), out.end(), to, [](const auto& entry, NodeId value) { return entry.first < value; });
  return (position != out.end() && position->first == to) ? position->second : -1;
}

Network::Link& Network::link_for(NodeId from, NodeId to) {
  const std::int64_t index = link_index(from, to);
  if (index < 0) {
    throw std::logic_error("Network: no link " + std::to_string(from) + " -> " + std::to_string(to));
  }
  return links_[static_cast<std::size_t>(index)];
}

const TrafficCounters& Network::link_counters(NodeId from, NodeId to) const {
  return const_cast<Network*>(this)->link_for(from, to).counters;
}

const LinkModel* Network::link_model(NodeId from, NodeId to) const {
  const std::int64_t index = link_index(from, to);
  return index < 0 ? nullptr : links_[static_cast<std::size_t>(index)].model.get();
}

SimTime Network::link_free_at(NodeId from, NodeId to) const {
  if (shared_interface_) return std::max(simulator_.now(), radio_busy_until_[from]);
  const std::int64_t index = link_index(from, to);
  if (index < 0) return simulator_.now();
  return std::max(simulator_.now(), links_[static_cast<std::size_t>(index)].busy_until);
}

SimTime Network::reserve(Link& link, SimTime busy) {
  SimTime& busy_until = shared_interface_ ? radio_busy_until_[link.from] : link.busy_until;
  const SimTime start = std::max(simulator_.now(), busy_until);
  busy_until = start + busy;
  return start;
}

void Network::account(Link* link, NodeId sender, const std::vector<NodeId>& receivers,
                      std::int64_t payload_bits, const LinkCost& cost) {
  TrafficCounters sent;
  sent.messages = 1;
  sent.messages_lost = cost.delivered ? 0 : 1;
  sent.payload_bits = payload_bits;
  sent.wire_bits = cost.wire_bytes * 8;
  sent.frames = cost.frames;
  sent.sender_energy_j = cost.sender_energy_j;
  const double receivers_energy_j = cost.receiver_energy_j * static_cast<double>(receivers.size());
  sent.receiver_energy_j = receivers_energy_j;

  auto add = [](TrafficCounters& into, const TrafficCounters& from) {
    into.messages += from.messages;
    into.messages_lost += from.messages_lost;
    into.payload_bits += from.payload_bits;
    into.wire_bits += from.wire_bits;
    into.frames += from.frames;
    into.sender_energy_j += from.sender_energy_j;
    into.receiver_energy_j += from.receiver_energy_j;
  };
  add(totals_, sent);
  if (link != nullptr) add(link->counters, sent);
  TrafficCounters as_sender = sent;
  as_sender.receiver_energy_j = 0.0;
  add(node_counters_[sender], as_sender);
  for (const NodeId receiver : receivers) {
    node_counters_[receiver].receiver_energy_j += cost.receiver_energy_j;
  }
}

void Network::send(Message message) {
  Link& link = link_for(message.from, message.to);
  Rng& rng = shared_interface_ ? radio_rng_[message.from] : link.rng;
  const LinkCost cost = link.model->cost(message.payload_bits, rng, Transmission::kUnicast);
  const SimTime start = reserve(link, cost.sender_busy);
  const SimTime done = start + (cost.delivered ? cost.delivery : cost.sender_busy);
  Link* link_pointer = &link;
  simulator_.schedule_at(done, [this, link_pointer, cost, message = std::move(message)] {
    account(link_pointer, message.from, {message.to}, message.payload_bits, cost);
    if (cost.delivered) {
      if (deliver_) deliver_(message);
    } else if (lose_) {
      lose_(message);
    }
  });
}

void Network::multicast(const Message& message, const std::vector<NodeId>& receivers) {
  if (receivers.empty()) return;
  if (!broadcast_ || receivers.size() == 1) {
    for (const NodeId receiver : receivers) {
      Message copy = message;
      copy.to = receiver;
      send(std::move(copy));
    }
    return;
  }
  // One frame sequence on the air, heard by every receiver; the sender's radio
  // is busy once. The first receiver's link supplies the cost model.
  Link& first = link_for(message.from, receivers.front());
  for (const NodeId receiver : receivers) link_for(message.from, receiver);  // every link must exist
  const LinkCost cost =
      first.model->cost(message.payload_bits, radio_rng_[message.from], Transmission::kBroadcast);
  const SimTime start = reserve(first, cost.sender_busy);
  const SimTime done = start + (cost.delivered ? cost.delivery : cost.sender_busy);
  simulator_.schedule_at(done, [this, cost, message, receivers] {
    account(nullptr, message.from, receivers, message.payload_bits, cost);
    for (const NodeId receiver : receivers) {
      Message copy = message;
      copy.to = receiver;
      if (cost.delivered) {
        if (deliver_) deliver_(copy);
      } else if (lose_) {
        lose_(copy);
      }
    }
  });
}

}  // namespace commsim
