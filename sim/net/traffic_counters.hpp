#pragma once
// Cumulative traffic figures, kept per node, per link and in total.
#include <cstdint>

namespace commsim {

// Why a message never arrived.
enum class LossReason {
  kChannel,      // the link model lost it (packet loss, frame errors after the retries)
  kLinkDown,     // the link was down at some moment of the transmission
  kNodeCrashed,  // the sender or the receiver was down at some moment of the transmission
};

inline const char* loss_reason_name(LossReason reason);  // "channel", "link_down", "node_crashed"

struct TrafficCounters {
  std::int64_t messages = 0;  // transmissions started (a broadcast counts once)
  // Copies that never arrived (a broadcast lost by three receivers counts
  // three), in total and by reason.
  std::int64_t messages_lost = 0;
  std::int64_t lost_channel = 0;
  std::int64_t lost_link_down = 0;
  std::int64_t lost_node_crashed = 0;
  std::int64_t payload_bits = 0;
  std::int64_t wire_bits = 0;
  std::int64_t frames = 0;
  double sender_energy_j = 0.0;
  double receiver_energy_j = 0.0;

  double energy_j() const { return sender_energy_j + receiver_energy_j; }
  void count_loss(LossReason reason) {
    ++messages_lost;
    switch (reason) {
      case LossReason::kChannel: ++lost_channel; break;
      case LossReason::kLinkDown: ++lost_link_down; break;
      case LossReason::kNodeCrashed: ++lost_node_crashed; break;
    }
  }
  void add(const TrafficCounters& other) {
    messages += other.messages;
    messages_lost += other.messages_lost;
    lost_channel += other.lost_channel;
    lost_link_down += other.lost_link_down;
    lost_node_crashed += other.lost_node_crashed;
    payload_bits += other.payload_bits;
    wire_bits += other.wire_bits;
    frames += other.frames;
    sender_energy_j += other.sender_energy_j;
    receiver_energy_j += other.receiver_energy_j;
  }
};

inline const char* loss_reason_name(LossReason reason) {
  switch (reason) {
    case LossReason::kChannel: return "channel";
    case LossReason::kLinkDown: return "link_down";
    case LossReason::kNodeCrashed: return "node_crashed";
  }
  return "unknown";
}

}  // namespace commsim
