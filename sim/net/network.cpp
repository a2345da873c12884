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
      unused_stream_(seed, "unused"),
      node_counters_(static_cast<std::size_t>(nodes)),
      highest_round_sent_(static_cast<std::size_t>(nodes), -1),
      faults_(std::make_shared<const FaultSchedule>()) {
  radio_rng_ = RngStreams(seed, "radio", static_cast<std::size_t>(nodes));
}

Rng& Network::stream_for(Link& link, bool radio) {
  if (!link.model->draws_randomness()) return unused_stream_;
  if (!radio) return *link.rng;
  return radio_rng_[static_cast<std::size_t>(link.from)];
}

void Network::set_faults(std::shared_ptr<const FaultSchedule> faults) {
  faults_ = faults ? std::move(faults) : std::make_shared<const FaultSchedule>();
}

void Network::add_link(NodeId from, NodeId to, std::shared_ptr<const LinkModel> model) {
  if (from < 0 || to < 0 || from >= nodes() || to >= nodes() || from == to) {
    throw std::logic_error("Network::add_link: bad endpoints");
  }
  if (has_link(from, to)) throw std::logic_error("Network::add_link: duplicate link");
  // Each link's stream is named by its endpoints, so adding links in another
  // order does not change any draw.
  const auto id = static_cast<std::uint64_t>(from) * 0x100000000ULL + static_cast<std::uint32_t>(to);
  auto rng = model->draws_randomness() ? std::make_unique<Rng>(seed_, "link", id) : nullptr;
  links_.push_back(Link{from, to, std::move(model), std::move(rng), 0, {}});
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
                      std::int64_t payload_bits, const LinkCost& cost,
                      const std::vector<std::optional<LossReason>>& losses) {
  TrafficCounters sent;
  sent.messages = 1;
  for (const auto& loss : losses) {
    if (loss) sent.count_loss(*loss);
  }
  sent.payload_bits = payload_bits;
  sent.wire_bits = cost.wire_bytes * 8;
  sent.frames = cost.frames;
  sent.sender_energy_j = cost.sender_energy_j;
  const double receivers_energy_j = cost.receiver_energy_j * static_cast<double>(receivers.size());
  sent.receiver_energy_j = receivers_energy_j;

  totals_.add(sent);
  if (link != nullptr) link->counters.add(sent);
  TrafficCounters as_sender = sent;
  as_sender.receiver_energy_j = 0.0;
  node_counters_[sender].add(as_sender);
  for (const NodeId receiver : receivers) {
    node_counters_[receiver].receiver_energy_j += cost.receiver_energy_j;
  }
}

std::optional<LossReason> Network::loss_reason(const Message& message, NodeId receiver,
                                               SimTime start, bool channel_delivered) const {
  const SimTime end = simulator_.now();
  if (faults_->any()) {
    if (!faults_->node_up_throughout(message.from, start, end) ||
        !faults_->node_up_throughout(receiver, start, end)) {
      return LossReason::kNodeCrashed;
    }
    if (!faults_->link_up_throughout(message.from, receiver, start, end)) {
      return LossReason::kLinkDown;
    }
  }
  if (!channel_delivered) return LossReason::kChannel;
  return std::nullopt;
}

void Network::finish(Link* link, const Message& message, const std::vector<NodeId>& receivers,
                     const LinkCost& cost) {
  const SimTime start = simulator_.now() - (cost.delivered ? cost.delivery : cost.sender_busy);
  std::vector<std::optional<LossReason>> losses;
  losses.reserve(receivers.size());
  for (const NodeId receiver : receivers) {
    losses.push_back(loss_reason(message, receiver, start, cost.delivered));
  }
  account(link, message.from, receivers, message.payload_bits, cost, losses);
  for (std::size_t k = 0; k < receivers.size(); ++k) {
    Message copy = message;
    copy.to = receivers[k];
    if (!losses[k]) {
      if (deliver_) deliver_(copy);
    } else if (lose_) {
      lose_(copy, *losses[k]);
    }
  }
}

void Network::drop_from_crashed_sender(Link* link, const Message& message,
                                       const std::vector<NodeId>& receivers) {
  // Nothing goes on the wire; the copies are counted lost when the send happens.
  simulator_.schedule_at(simulator_.now(), [this, link, message, receivers] {
    LinkCost nothing;
    nothing.delivered = false;
    const std::vector<std::optional<LossReason>> losses(receivers.size(),
                                                        LossReason::kNodeCrashed);
    account(link, message.from, receivers, 0, nothing, losses);
    for (const NodeId receiver : receivers) {
      Message copy = message;
      copy.to = receiver;
      if (lose_) lose_(copy, LossReason::kNodeCrashed);
    }
  });
}

void Network::send(Message message) {
  Link& link = link_for(message.from, message.to);
  auto& highest = highest_round_sent_[message.from];
  highest = std::max(highest, message.round);
  if (faults_->any() && !faults_->node_up(message.from, simulator_.now())) {
    drop_from_crashed_sender(&link, message, {message.to});
    return;
  }
  const LinkCost cost =
      link.model->cost(message.payload_bits, stream_for(link, shared_interface_), Transmission::kUnicast);
  const SimTime start = reserve(link, cost.sender_busy);
  const SimTime done = start + (cost.delivered ? cost.delivery : cost.sender_busy);
  Link* link_pointer = &link;
  // Captures stay within the event queue's inline size (see event_queue.hpp):
  // the start is recomputed from the end.
  simulator_.schedule_at(done, [this, link_pointer, cost, message = std::move(message)] {
    finish(link_pointer, message, {message.to}, cost);
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
  auto& highest = highest_round_sent_[message.from];
  highest = std::max(highest, message.round);
  if (faults_->any() && !faults_->node_up(message.from, simulator_.now())) {
    drop_from_crashed_sender(nullptr, message, receivers);
    return;
  }
  const LinkCost cost =
      first.model->cost(message.payload_bits, stream_for(first, true), Transmission::kBroadcast);
  const SimTime start = reserve(first, cost.sender_busy);
  const SimTime done = start + (cost.delivered ? cost.delivery : cost.sender_busy);
  simulator_.schedule_at(done, [this, cost, message, receivers] {
    finish(nullptr, message, receivers, cost);
  });
}

}  // namespace commsim
