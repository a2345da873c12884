#pragma once
// The `fabric` medium: every message is a flow along its route through the
// physical network (FabricGraph). It first waits out the route's latency,
// then its bits (the link model's framing) share every link it crosses with
// the other flows by max-min fairness (FlowSolver), re-shared whenever a flow
// starts or ends. It is delivered when its last bit is through. Energy is
// charged per message, as the link model prices it.
#include <cstdint>
#include <memory>
#include <queue>
#include <vector>

#include "models/media/fabric/fabric_graph.hpp"
#include "models/media/fabric/flow_solver.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/medium.hpp"

namespace commsim {

class FabricMedium final : public Medium {
 public:
  FabricMedium(Simulator& simulator, MediumListener& listener, FabricGraph graph,
               std::shared_ptr<const LinkModel> link);

  std::string name() const override { return "fabric"; }
  void add_link(LinkId link, NodeId from, NodeId to,
                std::shared_ptr<const LinkModel> model) override;
  void send(const Message& message, LinkId link) override;
  // No broadcast on a wire: one flow per receiver.
  void broadcast(const Message& message, std::span<const NodeId> receivers,
                 LinkId first_link) override;
  std::vector<PhysicalLinkUsage> physical_links(SimTime now) const override;

  const FabricGraph& graph() const { return graph_; }

 private:
  struct Transfer {
    Message message;
    LinkId link = -1;
    SimTime start = 0;
    std::int32_t flow = -1;
    double remaining_bits = 0.0;
    SimTime updated = 0;        // remaining_bits is as of this time
    std::uint32_t version = 0;  // bumped whenever its finish time is recomputed
  };
  // When a transfer's last bit is through at its current rate. The earliest
  // entry drives one simulator event; entries whose transfer was rescheduled
  // since are stale and skipped (a million flows re-shared a thousand times
  // would otherwise leave a billion cancelled events in the simulator's queue).
  struct Finish {
    SimTime at;
    std::int32_t transfer;
    std::uint32_t version;
    bool operator>(const Finish& other) const {
      return at != other.at ? at > other.at : transfer > other.transfer;
    }
  };
  const LinkModel& model_of(LinkId link) const;
  void activate(std::int32_t transfer);
  // Ends every transfer whose last bit is through now.
  void finish_due();
  void finish(std::int32_t transfer);
  void arm_next_finish();
  // Solves the flows touched since the last solve (once per instant).
  void request_solve();
  void solve();
  // Adds the bits the link carried since its last update at its load then.
  void advance_link(std::int32_t link, SimTime now) const;

  Simulator& simulator_;
  MediumListener& listener_;
  FabricGraph graph_;
  std::shared_ptr<const LinkModel> link_;
  std::vector<std::shared_ptr<const LinkModel>> models_;  // by LinkId, when given
  FlowSolver solver_;
  std::vector<Transfer> transfers_;
  std::vector<std::int32_t> free_transfers_;
  std::vector<std::int32_t> transfer_of_flow_;
  bool solve_pending_ = false;
  std::priority_queue<Finish, std::vector<Finish>, std::greater<>> finishes_;
  EventHandle next_finish_;
  SimTime next_finish_at_ = kSimTimeMax;
  // Bits each physical link carried, integrated lazily: carried_bits_ is as
  // of link_updated_ at the link's load since then.
  mutable std::vector<double> carried_bits_;
  mutable std::vector<SimTime> link_updated_;
};

}  // namespace commsim
