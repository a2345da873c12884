#pragma once
// The `radio` medium: one IEEE 802.15.4 channel shared by every radio in
// range (RadioChannel), unslotted CSMA-CA per radio (RadioMac), and messages
// routed over the radio graph when a logical neighbour is out of range
// (store-and-forward of whole messages, every hop charged). Energy is the
// integral of every radio's state currents over the whole run.
#include <cstdint>
#include <memory>
#include <vector>

#include "models/links/ieee802154.hpp"
#include "models/media/radio/radio_config.hpp"
#include "models/media/radio/radio_geometry.hpp"
#include "models/media/radio/radio_mac.hpp"
#include "models/media/radio/radio_routes.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/medium.hpp"

namespace commsim {

class RadioMedium final : public Medium, private MacListener {
 public:
  // `geometry`: who hears whom (see make_radio_geometry); every logical link
  // added later must be routable over it.
  RadioMedium(Simulator& simulator, MediumListener& listener,
              std::unique_ptr<RadioGeometry> geometry, const RadioMediumConfig& config,
              const Ieee802154Config& link, std::uint64_t seed);
  ~RadioMedium() override;

  std::string name() const override { return "radio"; }
  void add_link(LinkId link, NodeId from, NodeId to,
                std::shared_ptr<const LinkModel> model) override;
  void send(const Message& message, LinkId link) override;
  void broadcast(const Message& message, std::span<const NodeId> receivers,
                 LinkId first_link) override;
  void set_faults(const FaultSchedule* faults) override { mac_->set_faults(faults); }
  RadioEnergy energy(NodeId node, SimTime now) const override {
    return mac_->energy().energy(node, now);
  }

  const RadioGeometry& geometry() const { return *geometry_; }
  const MacStatistics& statistics() const { return mac_->statistics(); }
  // Nanoseconds the node's radio spent in each RadioState up to `now`.
  std::array<SimTime, kRadioStates> state_times(NodeId node, SimTime now) const {
    return mac_->energy().times(node, now);
  }

 private:
  // One message on its way: to one destination over one or more hops, or to
  // several receivers in range as one broadcast.
  struct Record {
    Message message;
    std::vector<NodeId> receivers;
    std::vector<std::int64_t> frames_received;  // per receiver: distinct frames of this hop
    std::vector<std::int64_t> next_frame;       // per receiver: to tell duplicates
    LinkId link = -1;
    SimTime start = -1;       // first frame on air
    NodeId holder = 0;        // sends the current hop
    std::int32_t hop = 0;     // the current hop, from 0
    std::int32_t hops = 1;    // of the whole route
    std::int32_t jobs = 0;    // hop jobs still queued or on air
    std::int64_t frames = 0;  // per hop
    bool broadcast = false;
    bool reported = false;
  };
  std::int32_t new_record();
  void start_hop(std::int32_t record, NodeId sender);
  void report(std::int32_t record, bool delivered_to_all);
  void release_if_done(std::int32_t record);

  // MacListener
  void job_started(std::int32_t job, const RadioJob& spec) override;
  void frame_arrived(std::int32_t job, const RadioJob& spec, NodeId receiver,
                     std::int64_t frame) override;
  void job_done(std::int32_t job, const RadioJob& spec, bool completed) override;
  bool intended(const RadioJob& spec, NodeId node) const override;
  void count(NodeId node, const TrafficCounters& delta) override { listener_.count(node, delta); }
  void medium_event(const RadioJob* spec, const MediumEvent& event) override;

  Simulator& simulator_;
  MediumListener& listener_;
  Ieee802154Config link_;
  std::unique_ptr<RadioGeometry> geometry_;
  RadioRoutes routes_;
  std::unique_ptr<RadioMac> mac_;
  std::vector<Record> records_;
  std::vector<std::int32_t> free_records_;
};

}  // namespace commsim
