#pragma once
// The `point_to_point` medium: nothing is shared between links. Each message
// is priced alone by its link's model (one idle channel) and occupies its
// link, or with a shared interface its sender's one interface, until the
// model says the sender is free; later messages queue behind it. This is the
// analytic oracle the shared media are checked against.
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/kernel/rng.hpp"
#include "sim/kernel/rng_streams.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/medium.hpp"

namespace commsim {

class PointToPointMedium final : public Medium {
 public:
  // `shared_interface`: one queue per sending node instead of per link.
  PointToPointMedium(Simulator& simulator, MediumListener& listener, NodeId nodes,
                     bool shared_interface, std::uint64_t seed);

  std::string name() const override { return "point_to_point"; }
  void add_link(LinkId link, NodeId from, NodeId to,
                std::shared_ptr<const LinkModel> model) override;
  void send(const Message& message, LinkId link) override;
  void broadcast(const Message& message, std::span<const NodeId> receivers,
                 LinkId first_link) override;

 private:
  struct Link {
    NodeId from;
    std::shared_ptr<const LinkModel> model;
    std::unique_ptr<Rng> rng;  // only for models that draw (2.5 KB of state each)
    SimTime busy_until = 0;
  };
  // Occupies the link (or the sender's interface) and returns when sending starts.
  SimTime reserve(Link& link, SimTime busy, bool shared);
  // The stream a transmission over `link` draws from: the link's own, or the
  // sender's interface's when it is shared.
  Rng& stream_for(Link& link, bool shared);
  void finish(LinkId link, const Message& message, std::span<const NodeId> receivers,
              const LinkCost& cost);

  Simulator& simulator_;
  MediumListener& listener_;
  bool shared_interface_;
  std::uint64_t seed_;
  std::vector<Link> links_;  // by LinkId
  std::vector<SimTime> interface_busy_until_;
  RngStreams interface_rng_;  // made on a node's first random draw
  Rng unused_stream_;         // handed to models that declare they never draw
};

}  // namespace commsim
