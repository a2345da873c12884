#include "sim/net/point_to_point_medium.hpp"

#include <algorithm>

namespace commsim {

PointToPointMedium::PointToPointMedium(Simulator& simulator, MediumListener& listener, NodeId nodes,
                                       bool shared_interface, std::uint64_t seed)
    : simulator_(simulator),
      listener_(listener),
      shared_interface_(shared_interface),
      seed_(seed),
      interface_busy_until_(static_cast<std::size_t>(nodes), 0),
      // Named "radio" since the shared interface was first the node's radio;
      // renaming it would change every draw of existing runs.
      interface_rng_(seed, "radio", static_cast<std::size_t>(nodes)),
      unused_stream_(seed, "unused") {}

void PointToPointMedium::add_link(LinkId link, NodeId from, NodeId to,
                                  std::shared_ptr<const LinkModel> model) {
  // Each link's stream is named by its endpoints, so adding links in another
  // order does not change any draw.
  const auto id =
      static_cast<std::uint64_t>(from) * 0x100000000ULL + static_cast<std::uint32_t>(to);
  auto rng = model->draws_randomness() ? std::make_unique<Rng>(seed_, "link", id) : nullptr;
  if (static_cast<std::size_t>(link) >= links_.size())
    links_.resize(link + 1);
  links_[static_cast<std::size_t>(link)] = Link{from, std::move(model), std::move(rng), 0};
}

Rng& PointToPointMedium::stream_for(Link& link, bool shared) {
  if (!link.model->draws_randomness())
    return unused_stream_;
  if (!shared)
    return *link.rng;
  return interface_rng_[static_cast<std::size_t>(link.from)];
}

SimTime PointToPointMedium::reserve(Link& link, SimTime busy, bool shared) {
  SimTime& busy_until = shared ? interface_busy_until_[link.from] : link.busy_until;
  const SimTime start = std::max(simulator_.now(), busy_until);
  busy_until = start + busy;
  return start;
}

void PointToPointMedium::finish(LinkId link, const Message& message,
                                std::span<const NodeId> receivers, const LinkCost& cost) {
  const SimTime start = simulator_.now() - (cost.delivered ? cost.delivery : cost.sender_busy);
  // The channel's verdict is the same for every receiver (no allocation for a unicast).
  const std::uint8_t delivered = cost.delivered ? 1 : 0;
  std::vector<std::uint8_t> several;
  std::span<const std::uint8_t> received(&delivered, 1);
  if (receivers.size() > 1) {
    several.assign(receivers.size(), delivered);
    received = several;
  }
  MediumReport report{message, receivers, received, start, link};
  report.frames = cost.frames;
  report.wire_bytes = cost.wire_bytes;
  report.sender_energy_j = cost.sender_energy_j;
  report.receiver_energy_j = cost.receiver_energy_j;
  listener_.transmission_ended(report);
}

void PointToPointMedium::send(const Message& message, LinkId link_id) {
  Link& link = links_[static_cast<std::size_t>(link_id)];
  const LinkCost cost = link.model->cost(message.payload_bits, stream_for(link, shared_interface_),
                                         Transmission::kUnicast);
  const SimTime start = reserve(link, cost.sender_busy, shared_interface_);
  listener_.transmission_started(message, link_id, start);
  const SimTime done = start + (cost.delivered ? cost.delivery : cost.sender_busy);
  // Captures stay within the event queue's inline size (see event_queue.hpp):
  // the start is recomputed from the end.
  simulator_.schedule_at(done, [this, link_id, cost, message] {
    const NodeId receiver = message.to;
    finish(link_id, message, {&receiver, 1}, cost);
  });
}

void PointToPointMedium::broadcast(const Message& message, std::span<const NodeId> receivers,
                                   LinkId first_link) {
  // One frame sequence on the air, heard by every receiver; the sender's
  // interface is busy once. The first receiver's link supplies the cost model.
  Link& first = links_[static_cast<std::size_t>(first_link)];
  const LinkCost cost =
      first.model->cost(message.payload_bits, stream_for(first, true), Transmission::kBroadcast);
  const SimTime start = reserve(first, cost.sender_busy, true);
  listener_.transmission_started(message, -1, start);
  const SimTime done = start + (cost.delivered ? cost.delivery : cost.sender_busy);
  simulator_.schedule_at(
      done,
      [this, cost, message, receivers = std::vector<NodeId>(receivers.begin(), receivers.end())] {
        finish(-1, message, receivers, cost);
      });
}

}  // namespace commsim
