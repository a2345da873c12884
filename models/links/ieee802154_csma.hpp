#pragma once
// The timeline of one message over 802.15.4 unslotted CSMA-CA (7.5.1.4):
// backoffs, CCAs, transmissions, ACKs, retries and interframe spacing, in
// integer microseconds. The energy is computed from it in ieee802154.cpp.
#include <cstdint>

#include "models/links/ieee802154.hpp"
#include "models/links/ieee802154_constants.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::ieee802154 {

// Where the random parts come from: a stream, or their means (no generator).
// Any generator with uniform_below() and bernoulli() will do: the link model
// draws from an Rng, the radio medium's MAC from a CounterRng per radio.
template <class Generator>
class BasicCsmaDraws {
 public:
  BasicCsmaDraws(Generator* rng, bool mean_backoff, double frame_error_rate,
                 double busy_probability)
      : rng_(rng),
        mean_backoff_(mean_backoff || rng == nullptr),
        frame_error_rate_(rng == nullptr ? 0.0 : frame_error_rate),
        busy_probability_(rng == nullptr ? 0.0 : busy_probability) {}

  // No randomness at all (mean backoffs, no errors, never busy): every full
  // frame of a message then takes exactly the same time.
  bool deterministic() const {
    return mean_backoff_ && frame_error_rate_ <= 0.0 && busy_probability_ <= 0.0;
  }
  // A uniform number of unit backoff periods in 0 .. 2^BE - 1 (7.5.1.4); its
  // mean (2^BE - 1) / 2 periods is a whole number of microseconds.
  std::int64_t backoff_us(int backoff_exponent) {
    const std::int64_t slots = std::int64_t{1} << backoff_exponent;
    if (mean_backoff_)
      return (slots - 1) * kUnitBackoffPeriodUs / 2;
    return static_cast<std::int64_t>(rng_->uniform_below(static_cast<std::uint64_t>(slots))) *
           kUnitBackoffPeriodUs;
  }
  bool channel_busy() { return busy_probability_ > 0.0 && rng_->bernoulli(busy_probability_); }
  bool frame_corrupted() { return frame_error_rate_ > 0.0 && rng_->bernoulli(frame_error_rate_); }

 private:
  Generator* rng_;
  bool mean_backoff_;
  double frame_error_rate_;
  double busy_probability_;
};
using CsmaDraws = BasicCsmaDraws<Rng>;

struct MessageTimeline {
  std::int64_t now_us = 0;          // the sender's clock while the message is sent
  std::int64_t delivery_us = 0;     // end of the last data frame; = sender_free_us when lost
  std::int64_t sender_free_us = 0;  // after the last ACK, or when the sender gave up
  std::int64_t sender_tx_us = 0;    // turnaround + airtime of every data frame sent
  std::int64_t sender_rx_us = 0;    // airtime of the ACKs received
  std::int64_t receiver_tx_us = 0;  // turnaround + airtime of every ACK sent
  std::int64_t receiver_rx_us = 0;  // airtime of every data frame sent (corrupted ones too)
  std::int64_t frames = 0;          // data frames transmitted, retransmissions included
  std::int64_t wire_bytes = 0;      // PHY packets of data frames and ACKs
  bool delivered = true;
};

// `acknowledged`: unicast with ack = true (broadcast frames never are).
MessageTimeline run_message(const Ieee802154Config& config, std::int64_t payload_bytes,
                            bool acknowledged, CsmaDraws& draws);

}  // namespace commsim::ieee802154
