#pragma once
// The air: frames on it, and at every radio what it hears, whether it is
// locked onto a frame, and whether that frame survives what overlaps it.
// Carrier sense happens at the sender (the energy at its antenna during the
// CCA window) and collisions at the receiver, so hidden terminals follow by
// themselves. Reception rules (disc, capture, ber) are in radio_config.hpp.
#include <cstdint>
#include <vector>

#include "models/media/radio/radio_config.hpp"
#include "models/media/radio/radio_geometry.hpp"
#include "sim/kernel/counter_rng.hpp"
#include "sim/kernel/sim_time.hpp"

namespace commsim {

// What one transmission on air carries.
struct Frame {
  NodeId sender = 0;
  NodeId addressee = -1;  // -1: broadcast
  bool is_ack = false;
  bool ack_requested = false;
  std::int32_t job = 0;  // the message hop it belongs to (for an ACK: the one it acknowledges)
  std::uint32_t generation = 0;  // of the job's slot, so a reused slot is not mistaken for it
  std::int32_t index = 0;        // frame of the job (for an ACK: the frame it acknowledges)
  std::int64_t phy_bytes = 0;
};

using SignalId = std::int32_t;

// Whether a radio may lock onto a frame now, and whether it needs to know if
// the frame survives.
enum class Lock {
  kNo,        // it is not listening (transmitting, turning around, asleep, down)
  kOverhear,  // it listens, but the frame means nothing to it (unicast for another radio)
  kReceive,   // it listens, and the outcome matters
};

class ChannelListener {
 public:
  virtual ~ChannelListener() = default;
  // May `node` start receiving `frame` now (its radio listens, its node is up)?
  virtual Lock can_lock(NodeId node, const Frame& frame) = 0;
  // `node` locked onto a frame and is receiving it.
  virtual void reception_started(NodeId node) = 0;
  // End of a frame `node` locked onto with Lock::kReceive: `intact` when it
  // survived; `overlapped` when another transmission overlapped it at `node`.
  virtual void frame_received(NodeId node, const Frame& frame, bool intact, bool overlapped) = 0;
  // End of a frame `node` locked onto with Lock::kOverhear (its radio was busy
  // receiving until now; whether the frame survived is not worked out).
  virtual void frame_overheard(NodeId node) = 0;
  // A frame `node` is in range of but could not lock onto, because it was not
  // listening (transmitting, turning around) or another signal was in the way.
  virtual void frame_missed(NodeId node, const Frame& frame) = 0;
};

class RadioChannel {
 public:
  RadioChannel(const RadioGeometry& geometry, const RadioMediumConfig& config, std::uint64_t seed,
               ChannelListener& listener);

  // Puts a frame on air at `now`; it stays until end().
  SignalId start(const Frame& frame, SimTime now);
  // Takes the frame off the air: every radio locked onto it learns the outcome.
  void end(SignalId signal, SimTime now);
  const Frame& frame(SignalId signal) const { return signals_[static_cast<std::size_t>(signal)]; }

  // Clear channel assessment over [from, close): busy when the radio is
  // receiving, or the energy at it reaches the threshold at the close or at
  // any frame start inside the window (ns-3 lr-wpan measures the peak so).
  void open_cca(NodeId node, SimTime from);
  void cancel_cca(NodeId node);
  bool close_cca(NodeId node);

  bool receiving(NodeId node) const { return rx_[static_cast<std::size_t>(node)].locked >= 0; }
  // The radio leaves receive mode (it must transmit): its reception is lost.
  void abandon_reception(NodeId node);

 private:
  struct Receiver {
    double power_w = 0.0;  // every signal on air at this radio
    std::int32_t present = 0;
    SignalId locked = -1;
    double locked_power_w = 0.0;
    bool overhearing = false;  // locked with Lock::kOverhear: no outcome to work out
    bool intact = true;        // disc and capture: nothing has broken it yet
    bool overlapped = false;   // another signal overlapped it
    bool lossy = false;        // ber: some of its bits met an SINR at which bits can be lost
    double log_success = 0.0;  // ber: log of the probability its bits so far survived
    SimTime last_update = 0;   // ber: log_success covers the frame up to here
    SimTime cca_from = kSimTimeMax;
    double cca_peak_w = 0.0;
  };
  double sinr(const Receiver& r) const;
  // ber: adds the bits received since last_update at the current SINR
  // (only notes whether they could be lost when the radio is overhearing).
  void accumulate(Receiver& r, SimTime now) const;
  void arrive(NodeId node, const Hearer& hearer, SignalId id, const Frame& frame, SimTime now);
  void depart(NodeId node, const Hearer& hearer, SignalId id, const Frame& frame, SimTime now);

  const RadioGeometry& geometry_;
  ChannelListener& listener_;
  bool disc_;  // disc or topology: in range or not, any overlap breaks
  Reception reception_;
  double noise_w_;
  double capture_ratio_;
  double cca_threshold_w_;
  std::vector<Frame> signals_;  // by SignalId; slots are reused
  std::vector<SignalId> free_signals_;
  std::vector<Receiver> rx_;
  std::vector<CounterRng> error_rng_;  // ber draws, one stream per receiving radio
};

}  // namespace commsim
