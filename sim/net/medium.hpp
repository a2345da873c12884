#pragma once
// The physical layer under the Network: what messages share and when each
// transmission ends. The Network keeps addressing, the logical links, faults
// and the hooks; it hands every message to its Medium and hears back through
// a MediumListener. Media (models/media): `point_to_point` prices each message
// alone with its link's model (sim/net/point_to_point_medium.hpp); `radio`
// shares one IEEE 802.15.4 channel among all radios in range; `fabric` the
// cables and switches of a wired network; `radio_fabric` joins a radio field
// and a fabric at a gateway node.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/kernel/sim_time.hpp"
#include "sim/net/fault_schedule.hpp"
#include "sim/net/link_model.hpp"
#include "sim/net/medium_events.hpp"
#include "sim/net/message.hpp"
#include "sim/net/traffic_counters.hpp"

namespace commsim {

using LinkId = std::int64_t;  // index of a logical link in the Network; -1: none

// How a transmission that a medium carried ended, before the Network applies
// faults: who it was for and which of them the channel delivered to.
struct MediumReport {
  const Message& message;                  // for a broadcast, message.to is not meaningful
  std::span<const NodeId> receivers;       // the addressee, or every receiver of a broadcast
  std::span<const std::uint8_t> received;  // per receiver: 1 when the channel delivered it
  SimTime start = 0;                       // when the message's first transmission began
  LinkId link = -1;                        // the logical link of a unicast; -1 for a broadcast
  // Charged per message (point_to_point). A medium that counts per frame and
  // integrates energy over time (radio) reports its frames through
  // MediumListener::count and leaves these zero.
  std::int64_t frames = 0;
  std::int64_t wire_bytes = 0;
  double sender_energy_j = 0.0;
  double receiver_energy_j = 0.0;  // per receiver
  std::int32_t hops = 1;           // radio hops from sender to receiver (multi-hop media)
  bool transmitted = true;         // false: the sender was down and nothing went on air
};

// One direction of a physical link of a medium that has them (fabric).
struct PhysicalLinkUsage {
  std::string name;  // "from->to"
  double bandwidth_bps = 0.0;
  double carried_bits = 0.0;  // from time 0 up to the time asked
};

// What a medium tells the Network.
class MediumListener {
 public:
  virtual ~MediumListener() = default;
  // A message's first transmission began (a queued message starts later than it was sent).
  virtual void transmission_started(const Message& message, LinkId link, SimTime start) = 0;
  // A message's transmission is over (delivered to some, all or none).
  virtual void transmission_ended(const MediumReport& report) = 0;
  // Frame-level events a medium counts on a node (frames on air, collisions,
  // channel access failures, retransmissions, relayed frames).
  virtual void count(NodeId node, const TrafficCounters& delta) = 0;
  // Detail below the message level (sim/net/medium_events.hpp). A medium
  // keeps the reference detail_observed() returns (it stays valid, and turns
  // true once someone subscribes) and builds an event only while it is true.
  virtual const bool& detail_observed() const {
    static const bool kNever = false;
    return kNever;
  }
  virtual void medium_event(const MediumEvent& event) { (void)event; }
};

class Medium {
 public:
  virtual ~Medium() = default;
  virtual std::string name() const = 0;
  // The Network added logical link `link` (from -> to) with its cost model.
  virtual void add_link(LinkId link, NodeId from, NodeId to,
                        std::shared_ptr<const LinkModel> model) = 0;
  // Sends one message to message.to over logical link `link`.
  virtual void send(const Message& message, LinkId link) = 0;
  // Sends one message to every receiver as one broadcast where the medium can
  // (`first_link` is the link to receivers.front()); otherwise as unicasts.
  virtual void broadcast(const Message& message, std::span<const NodeId> receivers,
                         LinkId first_link) = 0;
  // Which nodes are up when (the network's); null: none ever fails.
  virtual void set_faults(const FaultSchedule* faults) { (void)faults; }
  // Its physical links and the bits each carried up to `now`; empty for media
  // without physical links.
  virtual std::vector<PhysicalLinkUsage> physical_links(SimTime now) const {
    (void)now;
    return {};
  }
  // Joules the node's interface drew from time 0 to `now`, by radio state;
  // zero for media that charge energy per message.
  virtual RadioEnergy energy(NodeId node, SimTime now) const {
    (void)node;
    (void)now;
    return {};
  }
};

}  // namespace commsim
