#pragma once
// Two media side by side, joined at one gateway node that belongs to both
// (a radio network on one side, a wired fabric on the other, say). Each side
// numbers its own nodes 0, 1, ... in the order of the network's ids. A message
// between nodes of one side crosses that side's medium alone; a message
// between the sides crosses its sender's medium to the gateway, is stored
// there whole, and crosses the other medium from the gateway: one side's
// routing ends at the gateway, the other's begins there. The gateway adds no
// processing time of its own.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sim/net/medium.hpp"

namespace commsim {

inline constexpr int kGatewaySides = 2;

// One leg of a message: on which side, from and to which of the network's nodes.
struct GatewayLeg {
  int side = 0;
  NodeId from = 0;
  NodeId to = 0;
};

// For each side, every node's id on that side (-1: not on it).
using GatewaySideIds = std::array<std::vector<NodeId>, kGatewaySides>;
GatewaySideIds gateway_side_ids(NodeId nodes,
                                const std::array<std::vector<NodeId>, kGatewaySides>& side_nodes);
// The legs of a message from `from` to `to`: one on a side they share, or
// two, through the gateway.
std::vector<GatewayLeg> gateway_route(const GatewaySideIds& ids, NodeId gateway, NodeId from,
                                      NodeId to);

class GatewayMedium final : public Medium {
 public:
  // Builds one side's medium, which reports to `listener`.
  using MakeSide = std::function<std::unique_ptr<Medium>(MediumListener& listener)>;
  struct SideSpec {
    std::vector<NodeId> nodes;  // the network's ids of the side's nodes, ascending
    MakeSide make;
    // The link model a leg from a node of this side uses, by the side's own id.
    std::vector<std::shared_ptr<const LinkModel>> leg_models;
  };

  // `gateway` must be in both sides' node lists, and no other node may be.
  GatewayMedium(MediumListener& listener, NodeId nodes, NodeId gateway,
                std::array<SideSpec, kGatewaySides> sides);

  std::string name() const override;
  void add_link(LinkId link, NodeId from, NodeId to,
                std::shared_ptr<const LinkModel> model) override;
  void send(const Message& message, LinkId link) override;
  void broadcast(const Message& message, std::span<const NodeId> receivers,
                 LinkId first_link) override;
  void set_faults(const FaultSchedule* faults) override;
  std::vector<PhysicalLinkUsage> physical_links(SimTime now) const override;
  RadioEnergy energy(NodeId node, SimTime now) const override;

 private:
  using Leg = GatewayLeg;
  // Relays one side's reports to the gateway medium.
  class SideListener final : public MediumListener {
   public:
    SideListener(GatewayMedium& owner, int side) : owner_(owner), side_(side) {}
    void transmission_started(const Message& message, LinkId link, SimTime start) override;
    void transmission_ended(const MediumReport& report) override;
    void count(NodeId node, const TrafficCounters& delta) override;
    const bool& detail_observed() const override { return owner_.listener_.detail_observed(); }
    void medium_event(const MediumEvent& event) override;

   private:
    GatewayMedium& owner_;
    int side_;
  };
  struct Side {
    std::vector<NodeId> to_global;  // the side's id -> the network's
    std::unique_ptr<SideListener> listener;
    std::unique_ptr<Medium> medium;
    std::vector<std::shared_ptr<const LinkModel>> leg_models;
    std::map<std::pair<NodeId, NodeId>, LinkId> links;  // (from, to), the side's ids
    std::optional<FaultSchedule> faults;
  };
  // A message under way: what the network sent, and where it is.
  struct Ticket {
    Message message;  // as the network sent it
    std::vector<NodeId> receivers;
    LinkId link = -1;
    std::vector<Leg> legs;
    std::size_t leg = 0;  // the one under way
    SimTime start = 0;
    std::int32_t hops = 0;
  };

  NodeId local(int side, NodeId node) const {
    return local_[static_cast<std::size_t>(side)][static_cast<std::size_t>(node)];
  }
  LinkId side_link(const Leg& leg);
  std::int64_t open_ticket(Ticket ticket);
  void send_leg(std::int64_t ticket);
  void leg_started(int side, const Message& message, SimTime start);
  void leg_ended(int side, const MediumReport& report);
  // Charges what one leg of a two-leg message cost to the nodes that bore it.
  void charge_leg(int side, const MediumReport& report);

  MediumListener& listener_;
  NodeId gateway_;
  GatewaySideIds local_;  // the network's id -> the side's; -1: absent
  std::array<Side, kGatewaySides> sides_;
  std::map<std::pair<NodeId, NodeId>, LinkId> network_links_;  // (from, to) -> the network's link
  std::vector<Ticket> tickets_;  // by ticket number (which a leg's Message carries in `round`)
  std::vector<std::int64_t> free_tickets_;
};

}  // namespace commsim
