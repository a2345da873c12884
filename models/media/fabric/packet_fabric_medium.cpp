#include "models/media/fabric/packet_fabric_medium.hpp"

#include <cmath>
#include <stdexcept>

namespace commsim {

PacketFabricMedium::PacketFabricMedium(Simulator& simulator, MediumListener& listener,
                                       FabricGraph graph, std::shared_ptr<const LinkModel> link,
                                       std::int64_t buffer_bytes)
    : simulator_(simulator),
      listener_(listener),
      observed_(listener.detail_observed()),
      graph_(std::move(graph)),
      link_(std::move(link)),
      buffer_bits_(buffer_bytes * 8),
      ports_(graph_.links().size()) {
  for (std::size_t l = 0; l < ports_.size(); ++l) {
    ports_[l].drops = graph_.links()[l].from >= graph_.hosts();
  }
}

void PacketFabricMedium::add_link(LinkId link, NodeId from, NodeId to,
                                  std::shared_ptr<const LinkModel> model) {
  if (graph_.route(from, to).empty()) {
    throw std::logic_error("PacketFabricMedium: no route from host " + std::to_string(from) +
                           " to host " + std::to_string(to));
  }
  if (static_cast<std::size_t>(link) >= models_.size())
    models_.resize(link + 1);
  models_[static_cast<std::size_t>(link)] = std::move(model);
}

const LinkModel& PacketFabricMedium::model_of(LinkId link) const {
  if (link >= 0 && static_cast<std::size_t>(link) < models_.size() && models_[link]) {
    return *models_[static_cast<std::size_t>(link)];
  }
  return *link_;
}

void PacketFabricMedium::send(const Message& message, LinkId link) {
  std::int32_t id;
  if (free_transfers_.empty()) {
    id = static_cast<std::int32_t>(transfers_.size());
    transfers_.emplace_back();
  } else {
    id = free_transfers_.back();
    free_transfers_.pop_back();
  }
  const LinkModel::LinePackets packets = model_of(link).line_packets(message.payload_bits);
  Transfer& t = transfers_[static_cast<std::size_t>(id)];
  t = Transfer{
      message, link, simulator_.now(), graph_.route(message.from, message.to), packets.count, 0, 0};
  listener_.transmission_started(message, link, t.start);
  // The host hands all its packets to its NIC at once; they leave in order.
  for (std::int64_t p = 0; p < packets.count; ++p) {
    const std::int64_t bits = p + 1 == packets.count ? packets.last_bits : packets.full_bits;
    enqueue(t.route.front(), Packet{id, 0, bits, simulator_.now()});
  }
}

void PacketFabricMedium::broadcast(const Message& message, std::span<const NodeId> receivers,
                                   LinkId) {
  for (const NodeId receiver : receivers) {
    Message copy = message;
    copy.to = receiver;
    send(copy, -1);
  }
}

void PacketFabricMedium::enqueue(std::int32_t link, Packet packet) {
  Port& port = ports_[static_cast<std::size_t>(link)];
  // A packet joins the queue even when the port is idle (and leaves it at
  // once), so a packet larger than the whole buffer is always dropped.
  if (port.drops && port.queued_bits + packet.bits > buffer_bits_) {
    Transfer& t = transfers_[static_cast<std::size_t>(packet.transfer)];
    ++t.dropped;
    TrafficCounters dropped;
    dropped.packets_dropped = 1;
    listener_.count(t.message.from, dropped);
    if (observed_)
      report_drop(link, t);
    settle(packet.transfer);
    return;
  }
  packet.queued = simulator_.now();
  port.queued_bits += packet.bits;
  port.queue.push_back(packet);
  start_next(link);
  if (observed_)
    report_queue(link);
}

void PacketFabricMedium::start_next(std::int32_t link) {
  Port& port = ports_[static_cast<std::size_t>(link)];
  if (port.busy || port.queue.empty())
    return;
  const Packet packet = port.queue.front();
  port.queue.pop_front();
  port.queued_bits -= packet.bits;
  port.busy = true;
  const SimTime now = simulator_.now();
  if (now > packet.queued) {
    TrafficCounters waited;
    waited.queueing_s = simtime_to_seconds(now - packet.queued);
    listener_.count(transfers_[static_cast<std::size_t>(packet.transfer)].message.from, waited);
  }
  const PhysicalLink& physical = graph_.links()[static_cast<std::size_t>(link)];
  const auto serialisation = static_cast<SimTime>(
      std::llround(static_cast<double>(packet.bits) / physical.bandwidth_bps * 1e9));
  port.carried_bits += static_cast<double>(packet.bits);
  // Its arrival at the far end is known as it starts (as ns-3's channels
  // schedule it), and is scheduled before the port frees: at equal times the
  // arrival comes first.
  simulator_.schedule_at(now + serialisation + physical.latency,
                         [this, packet] { arrive(packet); });
  simulator_.schedule_at(now + serialisation, [this, link] {
    ports_[static_cast<std::size_t>(link)].busy = false;
    start_next(link);
    if (observed_)
      report_queue(link);
  });
}

const std::string& PacketFabricMedium::port_name(std::int32_t link) {
  if (port_names_.empty()) {
    for (std::int32_t l = 0; l < static_cast<std::int32_t>(graph_.links().size()); ++l)
      port_names_.push_back(graph_.link_name(l));
  }
  return port_names_[static_cast<std::size_t>(link)];
}

void PacketFabricMedium::report_queue(std::int32_t link) {
  Port& port = ports_[static_cast<std::size_t>(link)];
  // A packet that finds its port idle joins and leaves the queue at once:
  // no change worth a counter sample.
  const auto packets = static_cast<std::int64_t>(port.queue.size());
  if (packets == port.reported_packets)
    return;
  port.reported_packets = packets;
  MediumEvent event;
  event.kind = MediumEventKind::kQueueLength;
  event.start = event.end = simulator_.now();
  event.port = port_name(link);
  event.queue_packets = packets;
  event.queue_bytes = port.queued_bits / 8;
  listener_.medium_event(event);
}

void PacketFabricMedium::report_drop(std::int32_t link, const Transfer& transfer) {
  MediumEvent event;
  event.kind = MediumEventKind::kPacketDropped;
  event.node = transfer.message.from;
  event.peer = transfer.message.to;
  event.round = transfer.message.round;
  event.start = event.end = simulator_.now();
  event.port = port_name(link);
  const Port& port = ports_[static_cast<std::size_t>(link)];
  event.queue_packets = static_cast<std::int64_t>(port.queue.size());
  event.queue_bytes = port.queued_bits / 8;
  listener_.medium_event(event);
}

void PacketFabricMedium::arrive(Packet packet) {
  Transfer& t = transfers_[static_cast<std::size_t>(packet.transfer)];
  if (static_cast<std::size_t>(packet.hop) + 1 == t.route.size()) {
    ++t.arrived;
    settle(packet.transfer);
    return;
  }
  ++packet.hop;
  enqueue(t.route[static_cast<std::size_t>(packet.hop)], packet);
}

void PacketFabricMedium::settle(std::int32_t id) {
  Transfer& t = transfers_[static_cast<std::size_t>(id)];
  if (t.arrived + t.dropped < t.packets)
    return;
  const LinkCost cost =
      model_of(t.link).expected_cost(t.message.payload_bits, Transmission::kUnicast);
  const Message message = t.message;
  const NodeId receiver = message.to;
  const std::uint8_t delivered = t.dropped == 0 ? 1 : 0;
  MediumReport report{message, {&receiver, 1}, {&delivered, 1}, t.start, t.link};
  report.frames = cost.frames;
  report.wire_bytes = cost.wire_bytes;
  report.sender_energy_j = cost.sender_energy_j;
  report.receiver_energy_j = cost.receiver_energy_j;
  free_transfers_.push_back(id);
  listener_.transmission_ended(report);
}

std::vector<PhysicalLinkUsage> PacketFabricMedium::physical_links(SimTime) const {
  std::vector<PhysicalLinkUsage> usage;
  for (std::int32_t l = 0; l < static_cast<std::int32_t>(graph_.links().size()); ++l) {
    usage.push_back({graph_.link_name(l), graph_.links()[static_cast<std::size_t>(l)].bandwidth_bps,
                     ports_[static_cast<std::size_t>(l)].carried_bits});
  }
  return usage;
}

}  // namespace commsim
