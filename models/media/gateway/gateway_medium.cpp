#include "models/media/gateway/gateway_medium.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace commsim {

GatewaySideIds gateway_side_ids(NodeId nodes,
                                const std::array<std::vector<NodeId>, kGatewaySides>& side_nodes) {
  GatewaySideIds ids;
  for (int s = 0; s < kGatewaySides; ++s) {
    auto& local = ids[static_cast<std::size_t>(s)];
    local.assign(static_cast<std::size_t>(nodes), -1);
    const auto& on_side = side_nodes[static_cast<std::size_t>(s)];
    for (std::size_t i = 0; i < on_side.size(); ++i)
      local[static_cast<std::size_t>(on_side[i])] = static_cast<NodeId>(i);
  }
  return ids;
}

std::vector<GatewayLeg> gateway_route(const GatewaySideIds& ids, NodeId gateway, NodeId from,
                                      NodeId to) {
  const auto on = [&](int side, NodeId node) {
    return ids[static_cast<std::size_t>(side)][static_cast<std::size_t>(node)] >= 0;
  };
  for (int s = 0; s < kGatewaySides; ++s) {
    if (on(s, from) && on(s, to))
      return {GatewayLeg{s, from, to}};
  }
  const int first = on(0, from) ? 0 : 1;
  return {GatewayLeg{first, from, gateway}, GatewayLeg{1 - first, gateway, to}};
}

GatewayMedium::GatewayMedium(MediumListener& listener, NodeId nodes, NodeId gateway,
                             std::array<SideSpec, kGatewaySides> sides)
    : listener_(listener),
      gateway_(gateway),
      local_(gateway_side_ids(nodes, {sides[0].nodes, sides[1].nodes})) {
  for (int s = 0; s < kGatewaySides; ++s) {
    SideSpec& spec = sides[static_cast<std::size_t>(s)];
    Side& side = sides_[static_cast<std::size_t>(s)];
    if (local(s, gateway) < 0)
      throw std::logic_error("GatewayMedium: the gateway must be on both sides");
    side.to_global = std::move(spec.nodes);
    side.leg_models = std::move(spec.leg_models);
    side.listener = std::make_unique<SideListener>(*this, s);
    side.medium = spec.make(*side.listener);
  }
  for (NodeId node = 0; node < nodes; ++node) {
    const bool on_any = local(0, node) >= 0 || local(1, node) >= 0;
    if (!on_any)
      throw std::logic_error("GatewayMedium: node " + std::to_string(node) + " is on no side");
    if (node != gateway && local(0, node) >= 0 && local(1, node) >= 0)
      throw std::logic_error("GatewayMedium: only the gateway may be on both sides");
  }
}

std::string GatewayMedium::name() const {
  return sides_[0].medium->name() + "+" + sides_[1].medium->name();
}

LinkId GatewayMedium::side_link(const Leg& leg) {
  Side& side = sides_[static_cast<std::size_t>(leg.side)];
  const std::pair<NodeId, NodeId> key{local(leg.side, leg.from), local(leg.side, leg.to)};
  const auto found = side.links.find(key);
  if (found != side.links.end())
    return found->second;
  const auto id = static_cast<LinkId>(side.links.size());
  side.links.emplace(key, id);
  side.medium->add_link(id, key.first, key.second,
                        side.leg_models[static_cast<std::size_t>(key.first)]);
  return id;
}

void GatewayMedium::add_link(LinkId link, NodeId from, NodeId to,
                             std::shared_ptr<const LinkModel>) {
  network_links_[{from, to}] = link;
  // Every leg a message over this link can take is known to its side before
  // the run starts (a side may check that it can carry it).
  for (const Leg& leg : gateway_route(local_, gateway_, from, to))
    side_link(leg);
}

std::int64_t GatewayMedium::open_ticket(Ticket ticket) {
  if (free_tickets_.empty()) {
    tickets_.push_back(std::move(ticket));
    return static_cast<std::int64_t>(tickets_.size()) - 1;
  }
  const std::int64_t id = free_tickets_.back();
  free_tickets_.pop_back();
  tickets_[static_cast<std::size_t>(id)] = std::move(ticket);
  return id;
}

void GatewayMedium::send(const Message& message, LinkId link) {
  Ticket ticket{
      message, {message.to}, link, gateway_route(local_, gateway_, message.from, message.to), 0, 0,
      0};
  send_leg(open_ticket(std::move(ticket)));
}

void GatewayMedium::broadcast(const Message& message, std::span<const NodeId> receivers,
                              LinkId /*first_link*/) {
  // One transmission reaches them all only where they share the sender's side.
  for (int s = 0; s < kGatewaySides; ++s) {
    const bool together =
        local(s, message.from) >= 0 &&
        std::all_of(receivers.begin(), receivers.end(), [&](NodeId r) { return local(s, r) >= 0; });
    if (!together)
      continue;
    Ticket ticket{
        message, {receivers.begin(), receivers.end()}, -1, {Leg{s, message.from, -1}}, 0, 0, 0};
    for (const NodeId receiver : receivers)
      side_link(Leg{s, message.from, receiver});
    const std::int64_t id = open_ticket(std::move(ticket));
    Message leg = message;
    leg.from = local(s, message.from);
    leg.round = id;  // no medium reads a message's round: it names the ticket
    std::vector<NodeId> on_side;
    for (const NodeId receiver : receivers)
      on_side.push_back(local(s, receiver));
    leg.to = on_side.front();
    sides_[static_cast<std::size_t>(s)].medium->broadcast(
        leg, on_side, side_link(Leg{s, message.from, receivers.front()}));
    return;
  }
  for (const NodeId receiver : receivers) {
    Message copy = message;
    copy.to = receiver;
    send(copy, network_links_.at({message.from, receiver}));
  }
}

void GatewayMedium::send_leg(std::int64_t id) {
  const Ticket& ticket = tickets_[static_cast<std::size_t>(id)];
  const Leg leg = ticket.legs[ticket.leg];
  Message message = ticket.message;
  message.from = local(leg.side, leg.from);
  message.to = local(leg.side, leg.to);
  message.round = id;  // no medium reads a message's round: it names the ticket
  const LinkId link = side_link(leg);
  sides_[static_cast<std::size_t>(leg.side)].medium->send(message, link);
}

void GatewayMedium::leg_started(int, const Message& message, SimTime start) {
  Ticket& ticket = tickets_[static_cast<std::size_t>(message.round)];
  if (ticket.leg != 0)
    return;  // the network heard when the message first went out
  ticket.start = start;
  listener_.transmission_started(ticket.message, ticket.link, start);
}

void GatewayMedium::charge_leg(int side, const MediumReport& report) {
  const auto& to_global = sides_[static_cast<std::size_t>(side)].to_global;
  TrafficCounters sent;
  sent.wire_bits = report.wire_bytes * 8;
  sent.frames = report.frames;
  sent.sender_energy_j = report.sender_energy_j;
  if (sent.wire_bits != 0 || sent.frames != 0 || sent.sender_energy_j != 0.0)
    listener_.count(to_global[static_cast<std::size_t>(report.message.from)], sent);
  if (report.receiver_energy_j == 0.0)
    return;
  for (const NodeId receiver : report.receivers) {
    TrafficCounters received;
    received.receiver_energy_j = report.receiver_energy_j;
    listener_.count(to_global[static_cast<std::size_t>(receiver)], received);
  }
}

void GatewayMedium::leg_ended(int side, const MediumReport& report) {
  const auto id = static_cast<std::int64_t>(report.message.round);
  Ticket& ticket = tickets_[static_cast<std::size_t>(id)];
  ticket.hops += report.hops;
  const bool more = ticket.leg + 1 < ticket.legs.size();
  if (ticket.legs.size() > 1)
    charge_leg(side, report);
  if (more && report.transmitted && report.received[0] != 0) {
    ++ticket.leg;  // stored at the gateway; on it goes
    send_leg(id);
    return;
  }
  // The network hears of the message as it sent it, with the network's ids.
  const Ticket done = std::move(ticket);
  free_tickets_.push_back(id);
  const bool single_leg = done.legs.size() == 1;
  std::vector<NodeId> receivers;
  std::vector<std::uint8_t> received;
  if (single_leg) {
    const auto& to_global = sides_[static_cast<std::size_t>(side)].to_global;
    for (const NodeId receiver : report.receivers)
      receivers.push_back(to_global[static_cast<std::size_t>(receiver)]);
    received.assign(report.received.begin(), report.received.end());
  } else {
    receivers = done.receivers;
    received = {report.received[0]};
  }
  MediumReport out{done.message, receivers, received, done.start, done.link};
  if (single_leg) {
    out.frames = report.frames;
    out.wire_bytes = report.wire_bytes;
    out.sender_energy_j = report.sender_energy_j;
    out.receiver_energy_j = report.receiver_energy_j;
  }
  out.hops = done.hops;
  // Not transmitted: the sender was down and nothing left it. A gateway that
  // is down loses the message on the second leg instead.
  out.transmitted = report.transmitted || done.leg > 0;
  listener_.transmission_ended(out);
}

void GatewayMedium::SideListener::transmission_started(const Message& message, LinkId,
                                                       SimTime start) {
  owner_.leg_started(side_, message, start);
}

void GatewayMedium::SideListener::transmission_ended(const MediumReport& report) {
  owner_.leg_ended(side_, report);
}

void GatewayMedium::SideListener::count(NodeId node, const TrafficCounters& delta) {
  const auto& to_global = owner_.sides_[static_cast<std::size_t>(side_)].to_global;
  owner_.listener_.count(to_global[static_cast<std::size_t>(node)], delta);
}

void GatewayMedium::SideListener::medium_event(const MediumEvent& event) {
  // The side numbers its nodes from 0; the trace wants the network's ids.
  const auto& to_global = owner_.sides_[static_cast<std::size_t>(side_)].to_global;
  MediumEvent global = event;
  if (event.node >= 0)
    global.node = to_global[static_cast<std::size_t>(event.node)];
  if (event.peer >= 0)
    global.peer = to_global[static_cast<std::size_t>(event.peer)];
  // A leg's message carries its ticket in `round`; the trace wants the message's round.
  if (event.round >= 0 && static_cast<std::size_t>(event.round) < owner_.tickets_.size())
    global.round = owner_.tickets_[static_cast<std::size_t>(event.round)].message.round;
  owner_.listener_.medium_event(global);
}

void GatewayMedium::set_faults(const FaultSchedule* faults) {
  for (Side& side : sides_) {
    if (faults == nullptr || !faults->any()) {
      side.faults.reset();
      side.medium->set_faults(nullptr);
    } else {
      side.faults = faults->nodes_renumbered(side.to_global);
      side.medium->set_faults(&*side.faults);
    }
  }
}

std::vector<PhysicalLinkUsage> GatewayMedium::physical_links(SimTime now) const {
  std::vector<PhysicalLinkUsage> all;
  for (const Side& side : sides_) {
    for (PhysicalLinkUsage usage : side.medium->physical_links(now)) {
      // Hosts are named h<side's id>: name them by the network's ids.
      std::string renamed;
      std::size_t at = 0;
      while (at < usage.name.size()) {
        const std::size_t end = std::min(usage.name.find("->", at), usage.name.size());
        const std::string part = usage.name.substr(at, end - at);
        const bool host = part.size() > 1 && part[0] == 'h' &&
                          part.find_first_not_of("0123456789", 1) == std::string::npos;
        if (host) {
          renamed += 'h';
          renamed += std::to_string(side.to_global[std::stoul(part.substr(1))]);
        } else {
          renamed += part;
        }
        if (end < usage.name.size())
          renamed += "->";
        at = end + 2;
      }
      usage.name = renamed;
      all.push_back(std::move(usage));
    }
  }
  return all;
}

RadioEnergy GatewayMedium::energy(NodeId node, SimTime now) const {
  RadioEnergy total;
  for (int s = 0; s < kGatewaySides; ++s) {
    if (local(s, node) >= 0)
      total.add(sides_[static_cast<std::size_t>(s)].medium->energy(local(s, node), now));
  }
  return total;
}

}  // namespace commsim
