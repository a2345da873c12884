#include "models/media/radio/radio_channel.hpp"

#include <algorithm>
#include <cmath>

#include "models/media/radio/oqpsk_errors.hpp"

namespace commsim {

namespace {
// Below this SINR a receiver cannot even synchronise: "at SNR < -5 dB the BER
// is more than 10^-1" (802.15.4-2006 Figure E.2), the threshold ns-3 uses.
constexpr double kBerLockRatio = 0.31622776601683794;  // -5 dB
constexpr double kBitsPerNanosecond = 250e3 / 1e9;     // 250 kb/s
}  // namespace

RadioChannel::RadioChannel(const RadioGeometry& geometry, const RadioMediumConfig& config,
                           std::uint64_t seed, ChannelListener& listener)
    : geometry_(geometry),
      listener_(listener),
      disc_(config.interference == Interference::kTopology ||
            config.propagation == Propagation::kDisc),
      reception_(config.reception),
      noise_w_(disc_ ? 0.0 : dbm_to_watts(config.noise_dbm)),
      capture_ratio_(std::pow(10.0, config.capture_threshold_db / 10.0)),
      // With disc every signal in range has a nominal 1 W: any one is busy.
      cca_threshold_w_(disc_ ? 0.5 : dbm_to_watts(config.cca_threshold_dbm)),
      rx_(static_cast<std::size_t>(geometry.nodes())) {
  if (reception_ == Reception::kBer)
    prepare_oqpsk_errors();
  error_rng_.reserve(rx_.size());
  for (NodeId node = 0; node < geometry.nodes(); ++node) {
    error_rng_.emplace_back(seed, "radio.reception", node);
  }
}

double RadioChannel::sinr(const Receiver& r) const {
  const double interference_w = std::max(0.0, r.power_w - r.locked_power_w);
  return r.locked_power_w / (noise_w_ + interference_w);
}

void RadioChannel::accumulate(Receiver& r, SimTime now) const {
  if (now > r.last_update) {
    const double ratio = sinr(r);
    if (ratio < kOqpskErrorFreeSinr) {
      r.lossy = true;
      if (!r.overhearing) {
        const double bits = static_cast<double>(now - r.last_update) * kBitsPerNanosecond;
        r.log_success += oqpsk_log_success(ratio, bits);
      }
    }
  }
  r.last_update = now;
}

SignalId RadioChannel::start(const Frame& frame, SimTime now) {
  SignalId id;
  if (free_signals_.empty()) {
    id = static_cast<SignalId>(signals_.size());
    signals_.emplace_back();
  } else {
    id = free_signals_.back();
    free_signals_.pop_back();
  }
  signals_[static_cast<std::size_t>(id)] = frame;
  for (const Hearer& h : geometry_.hearers(frame.sender))
    arrive(h.node, h, id, frame, now);
  return id;
}

void RadioChannel::arrive(NodeId node, const Hearer& hearer, SignalId id, const Frame& frame,
                          SimTime now) {
  Receiver& r = rx_[static_cast<std::size_t>(node)];
  if (r.locked >= 0) {
    if (reception_ == Reception::kBer && !disc_)
      accumulate(r, now);
    r.power_w += hearer.power_w;
    ++r.present;
    r.overlapped = true;
    if (disc_ || (reception_ == Reception::kCapture && sinr(r) < capture_ratio_)) {
      r.intact = false;
    }
    if (hearer.in_range)
      listener_.frame_missed(node, frame);
  } else {
    r.power_w += hearer.power_w;
    ++r.present;
    const Lock lock = hearer.in_range ? listener_.can_lock(node, frame) : Lock::kNo;
    if (lock != Lock::kNo) {
      const double interference_w = std::max(0.0, r.power_w - hearer.power_w);
      const double ratio = hearer.power_w / (noise_w_ + interference_w);
      const bool locks =
          disc_ ? r.present == 1
                : ratio >= (reception_ == Reception::kBer ? kBerLockRatio : capture_ratio_);
      if (locks) {
        r.locked = id;
        r.locked_power_w = hearer.power_w;
        r.overhearing = lock == Lock::kOverhear;
        r.intact = true;
        r.overlapped = r.present > 1;
        r.lossy = false;
        r.log_success = 0.0;
        r.last_update = now;
        listener_.reception_started(node);
      } else {
        listener_.frame_missed(node, frame);
      }
    } else if (hearer.in_range) {
      listener_.frame_missed(node, frame);
    }
  }
  if (now >= r.cca_from)
    r.cca_peak_w = std::max(r.cca_peak_w, r.power_w);
}

void RadioChannel::end(SignalId id, SimTime now) {
  // A copy: listeners may put new frames on air, which can move signals_.
  const Frame frame = signals_[static_cast<std::size_t>(id)];
  for (const Hearer& h : geometry_.hearers(frame.sender))
    depart(h.node, h, id, frame, now);
  free_signals_.push_back(id);
}

void RadioChannel::depart(NodeId node, const Hearer& hearer, SignalId id, const Frame& frame,
                          SimTime now) {
  Receiver& r = rx_[static_cast<std::size_t>(node)];
  const bool mine = r.locked == id;
  if (r.locked >= 0 && reception_ == Reception::kBer && !disc_)
    accumulate(r, now);
  r.power_w -= hearer.power_w;
  --r.present;
  // Sums of doubles drift: an empty channel is exactly zero again.
  if (r.present == 0)
    r.power_w = 0.0;
  if (!mine)
    return;
  bool intact = r.intact;
  // Draw only when bits could have been lost: a frame that never met a low
  // SINR survives for sure, and needs no random stream. An overheard frame
  // draws too, unused: each radio's stream then advances the same whether or
  // not its unrelated frames are judged, and so do the results.
  if (reception_ == Reception::kBer && !disc_ && r.lossy) {
    const double draw = error_rng_[static_cast<std::size_t>(node)].uniform01();
    if (!r.overhearing)
      intact = draw < std::exp(r.log_success);
  }
  const bool overlapped = r.overlapped;
  r.locked = -1;
  r.locked_power_w = 0.0;
  if (r.overhearing) {
    listener_.frame_overheard(node);
  } else {
    listener_.frame_received(node, frame, intact, overlapped);
  }
}

void RadioChannel::open_cca(NodeId node, SimTime from) {
  Receiver& r = rx_[static_cast<std::size_t>(node)];
  r.cca_from = from;
  r.cca_peak_w = 0.0;
}

void RadioChannel::cancel_cca(NodeId node) {
  rx_[static_cast<std::size_t>(node)].cca_from = kSimTimeMax;
}

bool RadioChannel::close_cca(NodeId node) {
  Receiver& r = rx_[static_cast<std::size_t>(node)];
  const double peak_w = std::max(r.cca_peak_w, r.power_w);
  r.cca_from = kSimTimeMax;
  return r.locked >= 0 || peak_w >= cca_threshold_w_;
}

void RadioChannel::abandon_reception(NodeId node) {
  Receiver& r = rx_[static_cast<std::size_t>(node)];
  r.locked = -1;
  r.locked_power_w = 0.0;
}

}  // namespace commsim
