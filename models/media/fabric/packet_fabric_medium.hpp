#pragma once
// The fabric with `sharing: "packet"`: the link model cuts every message into
// packets (for Ethernet: preamble, frame and gap), and every packet is stored
// and forwarded. Each directed link has a FIFO output queue at its sending
// end; a packet is sent whole at the link's rate, arrives after the link's
// latency, and is queued at the next link of its route. A switch port whose
// queue would hold more than buffer_bytes of waiting packets drops the
// packet (drop-tail); hosts never drop. A message arrives when all its
// packets have; a message that lost a packet is lost (UDP: nobody resends).
// While observed (a trace), every change of a queue's length and every drop
// is reported to the listener as a MediumEvent.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "models/media/fabric/fabric_graph.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/medium.hpp"

namespace commsim {

class PacketFabricMedium final : public Medium {
 public:
  PacketFabricMedium(Simulator& simulator, MediumListener& listener, FabricGraph graph,
                     std::shared_ptr<const LinkModel> link, std::int64_t buffer_bytes);

  std::string name() const override { return "fabric"; }
  void add_link(LinkId link, NodeId from, NodeId to,
                std::shared_ptr<const LinkModel> model) override;
  void send(const Message& message, LinkId link) override;
  void broadcast(const Message& message, std::span<const NodeId> receivers,
                 LinkId first_link) override;
  std::vector<PhysicalLinkUsage> physical_links(SimTime now) const override;

 private:
  struct Transfer {
    Message message;
    LinkId link = -1;
    SimTime start = 0;
    std::span<const std::int32_t> route;
    std::int64_t packets = 0;
    std::int64_t arrived = 0;
    std::int64_t dropped = 0;
  };
  struct Packet {
    std::int32_t transfer;
    std::int32_t hop;  // index in the route of the link it waits for or crosses
    std::int64_t bits;
    SimTime queued;  // when it joined the queue
  };
  struct Port {
    std::deque<Packet> queue;
    std::int64_t queued_bits = 0;  // waiting, not the one on the wire
    bool busy = false;
    bool drops = false;  // a switch port (a host's NIC never drops)
    double carried_bits = 0.0;
    std::int64_t reported_packets = 0;  // the queue length last reported, while observed
  };
  const LinkModel& model_of(LinkId link) const;
  void enqueue(std::int32_t link, Packet packet);
  void start_next(std::int32_t link);
  void arrive(Packet packet);
  void settle(std::int32_t transfer);
  // While observed: reports the port's queue if its length changed since last time.
  void report_queue(std::int32_t link);
  void report_drop(std::int32_t link, const Transfer& transfer);
  const std::string& port_name(std::int32_t link);

  Simulator& simulator_;
  MediumListener& listener_;
  const bool& observed_;
  std::vector<std::string> port_names_;  // filled when first reported
  FabricGraph graph_;
  std::shared_ptr<const LinkModel> link_;
  std::vector<std::shared_ptr<const LinkModel>> models_;  // by LinkId, when given
  std::int64_t buffer_bits_;
  std::vector<Port> ports_;  // by physical link
  std::vector<Transfer> transfers_;
  std::vector<std::int32_t> free_transfers_;
};

}  // namespace commsim
