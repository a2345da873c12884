#pragma once
// Nodes joined by directed links, each with a link model. A link carries one
// message at a time and later messages queue behind it; with a broadcast
// medium the node's radio is the shared resource instead. The network counts
// every message, bit, frame and joule, so algorithms never count for themselves.
// With a FaultSchedule, a message is lost when its sender, its receiver or its
// link is down at any moment of its transmission (docs/reliability.md).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "sim/kernel/rng.hpp"
#include "sim/kernel/rng_streams.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/fault_schedule.hpp"
#include "sim/net/link_model.hpp"
#include "sim/net/message.hpp"
#include "sim/net/traffic_counters.hpp"

namespace commsim {

struct NetworkOptions {
  // A node's network interface (its radio, or its NIC's port to the switch)
  // sends one message at a time: messages to different neighbours queue behind
  // each other. Otherwise every directed link has its own queue.
  bool shared_interface = false;
  // A message for several neighbours goes out once and is heard by all
  // (a broadcast medium); implies shared_interface.
  bool broadcast = false;
};

class Network {
 public:
  using DeliveryHandler = std::function<void(const Message&)>;
  // Called when a copy is known lost: when its transmission ends (or would
  // have ended), or at once when its sender is down.
  using LossHandler = std::function<void(const Message&, LossReason)>;

  Network(Simulator& simulator, NodeId nodes, NetworkOptions options, std::uint64_t seed);

  // Adds the directed link from -> to; adding it twice is an error.
  void add_link(NodeId from, NodeId to, std::shared_ptr<const LinkModel> model);
  bool has_link(NodeId from, NodeId to) const { return link_index(from, to) >= 0; }

  void on_delivery(DeliveryHandler handler) { deliver_ = std::move(handler); }
  void on_loss(LossHandler handler) { lose_ = std::move(handler); }
  void on_loss(std::function<void(const Message&)> handler) {
    lose_ = [handler = std::move(handler)](const Message& m, LossReason) { handler(m); };
  }
  // Which nodes and links are up; shared with the compute model. Default: none fail.
  void set_faults(std::shared_ptr<const FaultSchedule> faults);
  const FaultSchedule& faults() const { return *faults_; }

  // Sends one copy to message.to over the link message.from -> message.to.
  void send(Message message);
  // Sends the same message to every receiver: one transmission on a broadcast
  // medium, otherwise one unicast per receiver.
  void multicast(const Message& message, const std::vector<NodeId>& receivers);

  NodeId nodes() const { return static_cast<NodeId>(node_counters_.size()); }
  const TrafficCounters& totals() const { return totals_; }
  const TrafficCounters& node_counters(NodeId node) const { return node_counters_[node]; }
  const TrafficCounters& link_counters(NodeId from, NodeId to) const;
  // The cost model of a link, for cost probes; nullptr when there is no link.
  const LinkModel* link_model(NodeId from, NodeId to) const;
  // When the sender's link to `to` (or its radio) is next free.
  SimTime link_free_at(NodeId from, NodeId to) const;
  // The highest Message::round the node has sent (or tried to); -1 before any.
  std::int64_t highest_round_sent(NodeId node) const { return highest_round_sent_[node]; }

 private:
  struct Link {
    NodeId from;
    NodeId to;
    std::shared_ptr<const LinkModel> model;
    std::unique_ptr<Rng> rng;  // only for models that draw (2.5 KB of state each)
    SimTime busy_until = 0;
    TrafficCounters counters;
  };
  std::int64_t link_index(NodeId from, NodeId to) const;
  Link& link_for(NodeId from, NodeId to);
  // Occupies the shared resource (link or radio) and returns when sending starts.
  SimTime reserve(Link& link, SimTime busy);
  // The stream a transmission over `link` draws from: the link's own, or the
  // sender's radio's with a shared interface.
  Rng& stream_for(Link& link, bool radio);
  // Why the copy to `receiver`, transmitted over [start, now], did not arrive.
  std::optional<LossReason> loss_reason(const Message& message, NodeId receiver, SimTime start,
                                        bool channel_delivered) const;
  // At the end of a transmission: counts it and hands each copy to the
  // delivery or loss handler.
  void finish(Link* link, const Message& message, const std::vector<NodeId>& receivers,
              const LinkCost& cost);
  // A send by a node that is down: nothing is transmitted, every copy is lost.
  void drop_from_crashed_sender(Link* link, const Message& message,
                                const std::vector<NodeId>& receivers);
  void account(Link* link, NodeId sender, const std::vector<NodeId>& receivers,
               std::int64_t payload_bits, const LinkCost& cost,
               const std::vector<std::optional<LossReason>>& losses);

  Simulator& simulator_;
  bool shared_interface_;
  bool broadcast_;
  std::uint64_t seed_;
  std::vector<Link> links_;
  std::vector<std::vector<std::pair<NodeId, std::int64_t>>> out_links_;  // sorted by receiver
  std::vector<SimTime> radio_busy_until_;
  RngStreams radio_rng_;  // made on a node's first random draw
  Rng unused_stream_;  // handed to models that declare they never draw
  std::vector<TrafficCounters> node_counters_;
  TrafficCounters totals_;
  std::vector<std::int64_t> highest_round_sent_;
  std::shared_ptr<const FaultSchedule> faults_;
  DeliveryHandler deliver_;
  LossHandler lose_;
};

}  // namespace commsim
