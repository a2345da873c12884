#pragma once
// Nodes joined by directed logical links, each with a link model. The network
// keeps addressing, faults and the hooks; the Medium under it decides when
// each transmission ends and whether it arrives (point_to_point by default:
// every link alone, as its link model prices it). Counters subscribe to the
// hooks, so algorithms never count for themselves. With a FaultSchedule, a
// copy is lost when its sender, its receiver or its link is down at any
// moment of its transmission (docs/reliability.md).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "sim/kernel/simulator.hpp"
#include "sim/net/fault_schedule.hpp"
#include "sim/net/link_model.hpp"
#include "sim/net/medium.hpp"
#include "sim/net/message.hpp"
#include "sim/net/network_hooks.hpp"
#include "sim/net/traffic_counters.hpp"
#include "sim/net/traffic_recorder.hpp"

namespace commsim {

struct NetworkOptions {
  // point_to_point: a node's network interface (its radio, or its NIC's port
  // to the switch) sends one message at a time, so messages to different
  // neighbours queue behind each other. Otherwise every directed link has its
  // own queue.
  bool shared_interface = false;
  // A message for several neighbours goes out once and is heard by all
  // (a broadcast medium); implies shared_interface on point_to_point.
  bool broadcast = false;
};

class Network : private MediumListener {
 public:
  using DeliveryHandler = std::function<void(const Message&)>;
  // Called when a copy is known lost: when its transmission ends (or would
  // have ended), or at once when its sender is down.
  using LossHandler = std::function<void(const Message&, LossReason)>;
  using MediumFactory = std::function<std::unique_ptr<Medium>(MediumListener& listener)>;

  Network(Simulator& simulator, NodeId nodes, NetworkOptions options, std::uint64_t seed);
  ~Network() override;

  // Replaces the point_to_point medium; call before adding links.
  void set_medium(const MediumFactory& make);
  const Medium& medium() const { return *medium_; }

  // Adds the directed link from -> to; adding it twice is an error.
  void add_link(NodeId from, NodeId to, std::shared_ptr<const LinkModel> model);
  bool has_link(NodeId from, NodeId to) const { return link_index(from, to) >= 0; }

  // The algorithm's handlers (one each). Observers subscribe to hooks() instead.
  void on_delivery(DeliveryHandler handler) { deliver_ = std::move(handler); }
  void on_loss(LossHandler handler) { lose_ = std::move(handler); }
  void on_loss(std::function<void(const Message&)> handler) {
    lose_ = [handler = std::move(handler)](const Message& m, LossReason) { handler(m); };
  }
  NetworkHooks& hooks() { return hooks_; }
  // Which nodes and links are up; shared with the compute model. Default: none fail.
  void set_faults(std::shared_ptr<const FaultSchedule> faults);
  const FaultSchedule& faults() const { return *faults_; }

  // Sends one copy to message.to over the link message.from -> message.to.
  void send(Message message);
  // Sends the same message to every receiver: one transmission on a broadcast
  // medium, otherwise one unicast per receiver.
  void multicast(const Message& message, const std::vector<NodeId>& receivers);

  NodeId nodes() const { return nodes_; }
  // Counters so far; with a radio medium they include the energy its radios
  // drew up to now.
  TrafficCounters totals() const;
  TrafficCounters node_counters(NodeId node) const;
  const TrafficCounters& link_counters(NodeId from, NodeId to) const;
  // The highest Message::round the node has sent (or tried to); -1 before any.
  std::int64_t highest_round_sent(NodeId node) const { return highest_round_sent_[node]; }

 private:
  struct Link {
    NodeId from;
    NodeId to;
  };
  LinkId link_index(NodeId from, NodeId to) const;
  LinkId link_for(NodeId from, NodeId to) const;  // throws when there is none
  void note_round(const Message& message);
  bool sender_down(const Message& message) const;
  // Why the copy to `receiver`, transmitted over [start, now], did not arrive.
  std::optional<LossReason> loss_reason(const Message& message, NodeId receiver, SimTime start,
                                        bool channel_delivered) const;
  // A send by a node that is down: nothing is transmitted, every copy is lost.
  void drop_from_crashed_sender(LinkId link, const Message& message,
                                const std::vector<NodeId>& receivers);

  // MediumListener
  void transmission_started(const Message& message, LinkId link, SimTime start) override;
  void transmission_ended(const MediumReport& report) override;
  void count(NodeId node, const TrafficCounters& delta) override;
  const bool& detail_observed() const override { return hooks_.detail_observed(); }
  void medium_event(const MediumEvent& event) override { hooks_.medium_event(event); }

  Simulator& simulator_;
  NodeId nodes_;
  bool broadcast_;
  std::vector<Link> links_;
  std::vector<std::vector<std::pair<NodeId, LinkId>>> out_links_;  // sorted by receiver
  std::vector<std::int64_t> highest_round_sent_;
  std::shared_ptr<const FaultSchedule> faults_;
  NetworkHooks hooks_;
  TrafficRecorder recorder_;
  std::unique_ptr<Medium> medium_;
  DeliveryHandler deliver_;
  LossHandler lose_;
};

}  // namespace commsim
