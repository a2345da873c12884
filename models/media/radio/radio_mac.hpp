#pragma once
// Unslotted CSMA-CA (IEEE 802.15.4-2006 7.5.1.4) as event-driven state per
// radio, over the shared RadioChannel: random backoff, a CCA that asks the
// channel about the energy at this radio, turnaround, the frame on air; the
// addressee answers with an ACK frame that is a real transmission (it can
// collide); retries after macAckWaitDuration, channel access failure after
// macMaxCSMABackoffs busy CCAs (retried like a missing ACK, or given up as
// in ns-3 lr-wpan: retry_after_access_failure). Half duplex: a radio that transmits, turns
// around or answers with an ACK receives nothing. As in the standard (and
// ns-3 lr-wpan), every retry runs CSMA-CA afresh from macMinBE, and a radio
// that must answer with an ACK interrupts its own backoff and runs it again
// afterwards. Jobs (one message over one hop) come from the RadioMedium.
#include <cstdint>
#include <deque>
#include <vector>

#include "models/links/ieee802154.hpp"
#include "models/links/ieee802154_csma.hpp"
#include "models/links/ieee802154_frames.hpp"
#include "models/media/radio/radio_channel.hpp"
#include "models/media/radio/radio_energy.hpp"
#include "sim/kernel/counter_rng.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/fault_schedule.hpp"
#include "sim/net/medium_events.hpp"
#include "sim/net/traffic_counters.hpp"

namespace commsim {

struct RadioJob {
  NodeId sender = 0;
  NodeId addressee = -1;  // next hop; -1: broadcast
  std::int64_t payload_bytes = 0;
  bool relay = false;      // the sender forwards it for another node
  std::int32_t owner = 0;  // the medium's record of the message
};

// What the MAC tells the medium about its jobs.
class MacListener {
 public:
  virtual ~MacListener() = default;
  // The first frame of a job went on air.
  virtual void job_started(std::int32_t job, const RadioJob& spec) = 0;
  // An intact data frame of `job` reached `receiver` (its addressee, or any
  // radio that heard a broadcast); duplicates after a lost ACK arrive again.
  virtual void frame_arrived(std::int32_t job, const RadioJob& spec, NodeId receiver,
                             std::int64_t frame) = 0;
  // The sender is done with the job: `completed` when every frame was sent
  // (and acknowledged, with ACKs); otherwise it gave up on a frame.
  virtual void job_done(std::int32_t job, const RadioJob& spec, bool completed) = 0;
  // Whether `node` is one of the receivers a broadcast job is meant for.
  virtual bool intended(const RadioJob& spec, NodeId node) const = 0;
  virtual void count(NodeId node, const TrafficCounters& delta) = 0;
  // Per-frame detail for a trace, only while it is observed; `spec` is the
  // job the frame belongs to, or null when that job is over.
  virtual void medium_event(const RadioJob* spec, const MediumEvent& event) = 0;
};

// Run-wide MAC figures beyond the per-node counters, for validation against
// other simulators (bench/radio_cases.cpp).
struct MacStatistics {
  std::int64_t data_frames_received = 0;  // intact at their addressee, duplicates included
  std::int64_t acks_sent = 0;
  std::int64_t no_ack_failures = 0;  // frames given up after macMaxFrameRetries
  SimTime last_job_done = 0;         // when a sender last finished a job
};

class RadioMac final : private ChannelListener {
 public:
  // `observed`: whether per-frame detail is wanted (MediumListener::detail_observed).
  RadioMac(Simulator& simulator, const RadioGeometry& geometry, const RadioMediumConfig& medium,
           const Ieee802154Config& link, std::uint64_t seed, MacListener& listener,
           const bool& observed);

  // Queues a job at its sender; returns its id (valid until job_done).
  std::int32_t enqueue(const RadioJob& job);
  void set_faults(const FaultSchedule* faults);
  const RadioEnergyMeter& energy() const { return energy_; }
  const MacStatistics& statistics() const { return statistics_; }

 private:
  enum class Sender : std::uint8_t {
    kIdle,          // nothing to send, or waiting for its ACK duty to end
    kBackoff,       // random backoff, then CCA; `cca_timer` ends the CCA
    kTurnaround,    // CCA found the channel idle; RX-to-TX turnaround
    kTransmitting,  // its data frame is on air
    kWaitAck,       // listening for the ACK; `ack_timer` is macAckWaitDuration
    kIfs,           // interframe spacing after a frame
    kSuspended,     // CSMA-CA interrupted to send an ACK; starts again afterwards
  };
  enum class Acking : std::uint8_t { kNo, kTurnaround, kSending, kSettling };
  struct Node {
    std::deque<std::int32_t> queue;  // jobs; the front one is being sent
    Sender sender = Sender::kIdle;
    Acking acking = Acking::kNo;
    std::int64_t frame = 0;          // frame of the front job
    int retries = 0;                 // attempts of that frame that failed so far
    bool frame_sent_before = false;  // that frame was on air at least once
    int backoffs = 0;                // NB
    int exponent = 0;                // BE
    SimTime backoff_start = 0;       // of the current backoff, for the trace
    SimTime cca_start = 0;           // when that backoff ends and its CCA begins
    EventHandle cca_timer;           // ends the backoff's CCA; cancelled when an ACK is owed
    EventHandle ack_timer;           // macAckWaitDuration
    SignalId signal = -1;            // its data frame or ACK on air
    SimTime deaf_until = 0;          // TX-to-RX turnaround after a transmission
    Frame pending_ack;               // the ACK it owes
  };
  struct Job {
    RadioJob spec;
    ieee802154::FrameLayout layout;
    std::uint32_t generation = 0;
    bool live = false;
  };

  // ChannelListener
  Lock can_lock(NodeId node, const Frame& frame) override;
  // A radio locks only while it listens (can_lock), and a reception it did
  // not abandon ends with it listening again: no need for refresh_energy.
  void reception_started(NodeId node) override {
    energy_.change(node, RadioState::kRx, simulator_.now());
  }
  void frame_received(NodeId node, const Frame& frame, bool intact, bool overlapped) override;
  void frame_overheard(NodeId node) override {
    energy_.change(node, listening_state_, simulator_.now());
  }
  void frame_missed(NodeId node, const Frame& frame) override;

  // Sender side
  void next_job(NodeId node);
  void start_csma(NodeId node);
  void backoff(NodeId node);
  void cca_done(NodeId node);
  void transmit(NodeId node);
  void transmission_ended(NodeId node);
  void frame_done(NodeId node);
  void retry_or_give_up(NodeId node, RetryCause cause);
  void give_up(NodeId node, RetryCause cause);
  struct FinishedJob {
    std::int32_t id;
    RadioJob spec;
  };
  FinishedJob pop_job(NodeId node);
  // Responder side
  void answer(NodeId node, const Frame& data);
  void send_ack(NodeId node);
  void ack_sent(NodeId node);
  void resume(NodeId node);

  bool node_up(NodeId node) const;
  bool live(const Frame& frame) const;
  Frame data_frame(NodeId node) const;
  void count_collision(const Frame& frame);
  // Per-frame detail (call only while observed_): an instant at `node` now,
  // about the frame it is sending; report() hands it to the listener.
  MediumEvent frame_event(MediumEventKind kind, NodeId node) const;
  void report(std::int32_t job, const MediumEvent& event);
  void report_backoff(NodeId node, SimTime end, bool interrupted);
  void refresh_energy(NodeId node);
  ieee802154::BasicCsmaDraws<CounterRng> draws(NodeId node);

  Simulator& simulator_;
  Ieee802154Config link_;
  RadioState listening_state_;  // of a radio neither transmitting nor receiving
  RadioChannel channel_;
  MacListener& listener_;
  const bool& observed_;
  RadioEnergyMeter energy_;
  std::vector<Node> nodes_;
  std::vector<Job> jobs_;
  std::vector<std::int32_t> free_jobs_;
  std::vector<CounterRng> rng_;  // backoffs and the link's error knobs, one stream per radio
  bool retry_after_access_failure_;
  const FaultSchedule* faults_ = nullptr;  // null when nothing ever fails
  MacStatistics statistics_;
};

}  // namespace commsim
