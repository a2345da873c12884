#pragma once
// Cumulative traffic figures, kept per node, per link and in total.
#include <cstdint>

namespace commsim {

struct TrafficCounters {
  std::int64_t messages = 0;       // transmissions started (a broadcast counts once)
  std::int64_t messages_lost = 0;  // transmissions whose message never arrived
  std::int64_t payload_bits = 0;
  std::int64_t wire_bits = 0;
  std::int64_t frames = 0;
  double sender_energy_j = 0.0;
  double receiver_energy_j = 0.0;

  double energy_j() const { return sender_energy_j + receiver_energy_j; }
};

}  // namespace commsim
