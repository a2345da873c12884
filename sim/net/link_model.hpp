#pragma once
// The link-model plugin interface: what one application message of P payload
// bits costs on one link. Implementations (models/links) are pure functions of
// their parameters and of the random stream they are handed.
#include <cstdint>
#include <string>

#include "sim/kernel/rng.hpp"
#include "sim/kernel/sim_time.hpp"

namespace commsim {

enum class Transmission {
  kUnicast,    // one addressed receiver (acknowledged where the model has ACKs)
  kBroadcast,  // one transmission heard by every neighbour; never acknowledged
};

struct LinkCost {
  SimTime delivery = 0;         // sender starts -> receiver has the last byte
  SimTime sender_busy = 0;      // sender starts -> sender may start the next message
  std::int64_t frames = 0;      // frames or packets put on the medium (ACKs not counted)
  std::int64_t wire_bytes = 0;  // bytes the medium carries as frames (see docs/links.md)
  double sender_energy_j = 0.0;
  double receiver_energy_j = 0.0;  // per receiver
  bool delivered = true;           // false: lost after the model's retries
};

class LinkModel {
 public:
  virtual ~LinkModel() = default;
  virtual std::string name() const = 0;
  // One realisation: random parts (CSMA backoff, frame errors) drawn from `rng`.
  virtual LinkCost cost(std::int64_t payload_bits, Rng& rng,
                        Transmission mode = Transmission::kUnicast) const = 0;
  // The expected cost without drawing randomness (mean backoff, no losses):
  // what a cost-aware compressor asks before it sends.
  virtual LinkCost expected_cost(std::int64_t payload_bits,
                                 Transmission mode = Transmission::kUnicast) const = 0;
  // False when cost() never draws from its stream (no loss, no random
  // backoff): the network then gives the link no stream of its own, which
  // is what lets a million links fit in memory.
  virtual bool draws_randomness() const { return true; }
  // What a shared wired medium carries for the message: the bits it occupies
  // a line for, framing included (for Ethernet the preamble, frames and
  // gaps), and the line rate the model assumes. 0: not a wired model.
  virtual std::int64_t line_bits(std::int64_t payload_bits) const { return payload_bits; }
  // The same cut into the packets a store-and-forward switch handles one by
  // one: `count` packets, all of `full_bits` but the last, of `last_bits`.
  struct LinePackets {
    std::int64_t count = 1;
    std::int64_t full_bits = 0;
    std::int64_t last_bits = 0;
  };
  virtual LinePackets line_packets(std::int64_t payload_bits) const {
    const std::int64_t bits = line_bits(payload_bits);
    return {1, bits, bits};
  }
  virtual double line_rate_bps() const { return 0.0; }
};

inline std::int64_t payload_bytes_of(std::int64_t payload_bits) {
  return (payload_bits + 7) / 8;
}

}  // namespace commsim
