#include "models/media/radio/radio_medium.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/links/ieee802154_frames.hpp"

namespace commsim {

RadioMedium::RadioMedium(Simulator& simulator, MediumListener& listener,
                         std::unique_ptr<RadioGeometry> geometry, const RadioMediumConfig& config,
                         const Ieee802154Config& link, std::uint64_t seed)
    : simulator_(simulator),
      listener_(listener),
      link_(link),
      geometry_(std::move(geometry)),
      routes_(*geometry_),
      mac_(std::make_unique<RadioMac>(simulator, *geometry_, config, link, seed,
                                      static_cast<MacListener&>(*this),
                                      listener.detail_observed())) {}

RadioMedium::~RadioMedium() = default;

void RadioMedium::add_link(LinkId, NodeId from, NodeId to, std::shared_ptr<const LinkModel>) {
  // Unreachable neighbours are refused when the scenario is checked; a
  // program that builds a network by hand gets this instead.
  if (routes_.hops(from, to) == RadioRoutes::kUnreachable) {
    throw std::logic_error("RadioMedium: node " + std::to_string(to) +
                           " cannot be reached from node " + std::to_string(from) +
                           " over the radio graph");
  }
}

std::int32_t RadioMedium::new_record() {
  if (free_records_.empty()) {
    records_.emplace_back();
    return static_cast<std::int32_t>(records_.size() - 1);
  }
  const std::int32_t id = free_records_.back();
  free_records_.pop_back();
  records_[static_cast<std::size_t>(id)] = Record{};
  return id;
}

void RadioMedium::send(const Message& message, LinkId link) {
  const std::int32_t id = new_record();
  Record& r = records_[static_cast<std::size_t>(id)];
  r.message = message;
  r.receivers = {message.to};
  r.link = link;
  r.hops = routes_.hops(message.from, message.to);
  r.frames = ieee802154::FrameLayout(link_, payload_bytes_of(message.payload_bits)).frames();
  start_hop(id, message.from);
}

void RadioMedium::broadcast(const Message& message, std::span<const NodeId> receivers,
                            LinkId first_link) {
  (void)first_link;
  std::vector<NodeId> in_range;
  for (const NodeId receiver : receivers) {
    if (geometry_->in_range(message.from, receiver)) {
      in_range.push_back(receiver);
    } else {
      // Out of range: its own copy, routed over several hops.
      Message copy = message;
      copy.to = receiver;
      send(copy, -1);
    }
  }
  if (in_range.empty())
    return;
  const std::int32_t id = new_record();
  Record& r = records_[static_cast<std::size_t>(id)];
  r.message = message;
  r.receivers = std::move(in_range);
  r.broadcast = true;
  r.frames = ieee802154::FrameLayout(link_, payload_bytes_of(message.payload_bits)).frames();
  start_hop(id, message.from);
}

void RadioMedium::start_hop(std::int32_t id, NodeId sender) {
  Record& r = records_[static_cast<std::size_t>(id)];
  r.holder = sender;
  r.frames_received.assign(r.receivers.size(), 0);
  r.next_frame.assign(r.receivers.size(), 0);
  RadioJob job;
  job.sender = sender;
  job.addressee = r.broadcast ? -1 : routes_.next_hop(sender, r.receivers.front());
  job.payload_bytes = payload_bytes_of(r.message.payload_bits);
  job.relay = r.hop > 0;
  job.owner = id;
  ++r.jobs;
  mac_->enqueue(job);
}

void RadioMedium::job_started(std::int32_t, const RadioJob& spec) {
  Record& r = records_[static_cast<std::size_t>(spec.owner)];
  if (r.start >= 0)
    return;
  r.start = simulator_.now();
  listener_.transmission_started(r.message, r.link, r.start);
}

void RadioMedium::frame_arrived(std::int32_t, const RadioJob& spec, NodeId receiver,
                                std::int64_t frame) {
  Record& r = records_[static_cast<std::size_t>(spec.owner)];
  if (r.reported || spec.sender != r.holder)
    return;
  std::size_t k = 0;
  if (r.broadcast) {
    const auto it = std::find(r.receivers.begin(), r.receivers.end(), receiver);
    if (it == r.receivers.end())
      return;  // overheard by a radio it was not meant for
    k = static_cast<std::size_t>(it - r.receivers.begin());
  } else if (receiver != spec.addressee) {
    return;
  }
  if (frame < r.next_frame[k])
    return;  // a duplicate, sent again after a lost ACK
  r.next_frame[k] = frame + 1;
  ++r.frames_received[k];
  if (r.broadcast || r.frames_received[k] < r.frames)
    return;
  // The hop is complete at `receiver`: delivered, or forwarded from there.
  if (r.hop + 1 == r.hops) {
    report(spec.owner, true);
    return;
  }
  ++r.hop;
  start_hop(spec.owner, receiver);
}

void RadioMedium::job_done(std::int32_t, const RadioJob& spec, bool) {
  const std::int32_t id = spec.owner;
  Record& r = records_[static_cast<std::size_t>(id)];
  --r.jobs;
  // The sender is done with its hop. A broadcast is settled now; a unicast
  // hop that did not reach its receiver whole loses the message.
  if (!r.reported && spec.sender == r.holder)
    report(id, false);
  release_if_done(id);
}

void RadioMedium::medium_event(const RadioJob* spec, const MediumEvent& event) {
  if (spec == nullptr) {
    listener_.medium_event(event);
    return;
  }
  MediumEvent with_round = event;
  with_round.round = records_[static_cast<std::size_t>(spec->owner)].message.round;
  listener_.medium_event(with_round);
}

bool RadioMedium::intended(const RadioJob& spec, NodeId node) const {
  const Record& r = records_[static_cast<std::size_t>(spec.owner)];
  return std::find(r.receivers.begin(), r.receivers.end(), node) != r.receivers.end();
}

void RadioMedium::report(std::int32_t id, bool delivered) {
  Record& r = records_[static_cast<std::size_t>(id)];
  r.reported = true;
  std::vector<std::uint8_t> received(r.receivers.size(), delivered ? 1 : 0);
  if (r.broadcast) {
    for (std::size_t k = 0; k < r.receivers.size(); ++k) {
      received[k] = r.frames_received[k] == r.frames ? 1 : 0;
    }
  }
  // Copies: the listener may send new messages, which can move records_.
  const Message message = r.message;
  const std::vector<NodeId> receivers = r.receivers;
  MediumReport out{message, receivers, received, r.start >= 0 ? r.start : simulator_.now(), r.link};
  out.hops = r.hops;
  listener_.transmission_ended(out);
  release_if_done(id);
}

void RadioMedium::release_if_done(std::int32_t id) {
  Record& r = records_[static_cast<std::size_t>(id)];
  if (r.reported && r.jobs == 0) {
    r = Record{};
    free_records_.push_back(id);
  }
}

}  // namespace commsim
