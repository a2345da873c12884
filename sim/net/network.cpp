#include "sim/net/network.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "sim/net/point_to_point_medium.hpp"

namespace commsim {

Network::Network(Simulator& simulator, NodeId nodes, NetworkOptions options, std::uint64_t seed)
    : simulator_(simulator),
      nodes_(nodes),
      broadcast_(options.broadcast),
      out_links_(static_cast<std::size_t>(nodes)),
      highest_round_sent_(static_cast<std::size_t>(nodes), -1),
      faults_(std::make_shared<const FaultSchedule>()),
      recorder_(hooks_, nodes),
      medium_(std::make_unique<PointToPointMedium>(
          simulator, static_cast<MediumListener&>(*this), nodes,
          options.shared_interface || options.broadcast, seed)) {}

Network::~Network() = default;

void Network::set_medium(const MediumFactory& make) {
  if (!links_.empty())
    throw std::logic_error("Network::set_medium: links were already added");
  medium_ = make(static_cast<MediumListener&>(*this));
  medium_->set_faults(faults_.get());
}

void Network::set_faults(std::shared_ptr<const FaultSchedule> faults) {
  faults_ = faults ? std::move(faults) : std::make_shared<const FaultSchedule>();
  medium_->set_faults(faults_.get());
}

void Network::add_link(NodeId from, NodeId to, std::shared_ptr<const LinkModel> model) {
  if (from < 0 || to < 0 || from >= nodes() || to >= nodes() || from == to) {
    throw std::logic_error("Network::add_link: bad endpoints");
  }
  if (has_link(from, to))
    throw std::logic_error("Network::add_link: duplicate link");
  const auto link = static_cast<LinkId>(links_.size());
  links_.push_back(Link{from, to});
  recorder_.add_link();
  medium_->add_link(link, from, to, std::move(model));
  auto& out = out_links_[static_cast<std::size_t>(from)];
  const auto position = std::lower_bound(out.begin(), out.end(), std::make_pair(to, LinkId{0}));
  out.insert(position, {to, link});
}

LinkId Network::link_index(NodeId from, NodeId to) const {
  if (from < 0 || from >= nodes())
    return -1;
  const auto& out = out_links_[static_cast<std::size_t>(from)];
  const auto position =
      std::lower_bound(out.begin(), out.end(), to,
                       [](const auto& entry, NodeId value) { return entry.first < value; });
  return (position != out.end() && position->first == to) ? position->second : -1;
}

LinkId Network::link_for(NodeId from, NodeId to) const {
  const LinkId index = link_index(from, to);
  if (index < 0) {
    throw std::logic_error("Network: no link " + std::to_string(from) + " -> " +
                           std::to_string(to));
  }
  return index;
}

const TrafficCounters& Network::link_counters(NodeId from, NodeId to) const {
  return recorder_.link(link_for(from, to));
}

TrafficCounters Network::totals() const {
  TrafficCounters totals = recorder_.totals();
  for (NodeId node = 0; node < nodes_; ++node) {
    totals.radio.add(medium_->energy(node, simulator_.now()));
  }
  return totals;
}

TrafficCounters Network::node_counters(NodeId node) const {
  TrafficCounters counters = recorder_.node(node);
  counters.radio.add(medium_->energy(node, simulator_.now()));
  return counters;
}

void Network::note_round(const Message& message) {
  auto& highest = highest_round_sent_[message.from];
  highest = std::max(highest, message.round);
}

bool Network::sender_down(const Message& message) const {
  return faults_->any() && !faults_->node_up(message.from, simulator_.now());
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
  if (!channel_delivered)
    return LossReason::kChannel;
  return std::nullopt;
}

void Network::transmission_started(const Message& message, LinkId link, SimTime start) {
  hooks_.transmission_started(message, link, start);
}

void Network::count(NodeId node, const TrafficCounters& delta) {
  hooks_.counted(node, delta);
}

void Network::transmission_ended(const MediumReport& report) {
  const std::size_t receivers = report.receivers.size();
  std::optional<LossReason> one;
  std::vector<std::optional<LossReason>> several;
  std::span<std::optional<LossReason>> outcomes(&one, 1);
  if (receivers != 1) {
    several.resize(receivers);
    outcomes = several;
  }
  for (std::size_t k = 0; k < receivers; ++k) {
    outcomes[k] = report.transmitted ? loss_reason(report.message, report.receivers[k],
                                                   report.start, report.received[k] != 0)
                                     : std::optional<LossReason>(LossReason::kNodeCrashed);
  }
  hooks_.transmission_ended(TransmissionRecord{report, outcomes});
  for (std::size_t k = 0; k < receivers; ++k) {
    Message copy = report.message;
    copy.to = report.receivers[k];
    if (!outcomes[k]) {
      hooks_.delivered(copy);
      if (deliver_)
        deliver_(copy);
    } else {
      hooks_.lost(copy, *outcomes[k]);
      if (lose_)
        lose_(copy, *outcomes[k]);
    }
  }
}

void Network::drop_from_crashed_sender(LinkId link, const Message& message,
                                       const std::vector<NodeId>& receivers) {
  // Nothing goes on the wire; the copies are counted lost when the send happens.
  simulator_.schedule_at(simulator_.now(), [this, link, message, receivers] {
    const std::vector<std::uint8_t> received(receivers.size(), 0);
    MediumReport report{message, receivers, received, simulator_.now(), link};
    report.transmitted = false;
    transmission_ended(report);
  });
}

void Network::send(Message message) {
  const LinkId link = link_for(message.from, message.to);
  note_round(message);
  if (sender_down(message)) {
    drop_from_crashed_sender(link, message, {message.to});
    return;
  }
  medium_->send(message, link);
}

void Network::multicast(const Message& message, const std::vector<NodeId>& receivers) {
  if (receivers.empty())
    return;
  if (!broadcast_ || receivers.size() == 1) {
    for (const NodeId receiver : receivers) {
      Message copy = message;
      copy.to = receiver;
      send(std::move(copy));
    }
    return;
  }
  const LinkId first = link_for(message.from, receivers.front());
  for (const NodeId receiver : receivers)
    link_for(message.from, receiver);  // every link must exist
  note_round(message);
  if (sender_down(message)) {
    drop_from_crashed_sender(-1, message, receivers);
    return;
  }
  medium_->broadcast(message, receivers, first);
}

}  // namespace commsim
