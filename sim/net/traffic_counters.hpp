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

// Joules a radio drew, by state, integrated over the run (the radio medium;
// zero on media that charge energy per message).
struct RadioEnergy {
  double tx_j = 0.0;      // transmitting, and turning around to transmit
  double rx_j = 0.0;      // receiving a frame (addressed to it or overheard)
  double listen_j = 0.0;  // receiver on, nothing to receive
  double idle_j = 0.0;    // receiver off (duty-cycled radios between exchanges)
  double sleep_j = 0.0;   // powered down (its node crashed)

  double total_j() const { return tx_j + rx_j + listen_j + idle_j + sleep_j; }
  void add(const RadioEnergy& other) {
    tx_j += other.tx_j;
    rx_j += other.rx_j;
    listen_j += other.listen_j;
    idle_j += other.idle_j;
    sleep_j += other.sleep_j;
  }
};

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
  // Frame-level figures of a shared medium (radio): frames that did not reach
  // their addressee because another transmission overlapped them; frames given
  // up after too many busy channel assessments; data frames sent again; frames
  // and bytes on air that a node forwarded for others; and radio hops summed
  // over delivered copies (one per copy on a single-hop medium).
  std::int64_t collisions = 0;
  std::int64_t cca_failures = 0;
  std::int64_t retransmissions = 0;
  std::int64_t relayed_frames = 0;
  std::int64_t relayed_bytes = 0;
  std::int64_t hops = 0;
  // Packet-switched fabric: packets dropped at full switch buffers, and the
  // seconds packets spent waiting in output queues (summed over packets).
  std::int64_t packets_dropped = 0;
  double queueing_s = 0.0;
  RadioEnergy radio;

  double energy_j() const { return sender_energy_j + receiver_energy_j + radio.total_j(); }
  void count_loss(LossReason reason) {
    ++messages_lost;
    switch (reason) {
      case LossReason::kChannel:
        ++lost_channel;
        break;
      case LossReason::kLinkDown:
        ++lost_link_down;
        break;
      case LossReason::kNodeCrashed:
        ++lost_node_crashed;
        break;
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
    collisions += other.collisions;
    cca_failures += other.cca_failures;
    retransmissions += other.retransmissions;
    relayed_frames += other.relayed_frames;
    relayed_bytes += other.relayed_bytes;
    hops += other.hops;
    packets_dropped += other.packets_dropped;
    queueing_s += other.queueing_s;
    radio.add(other.radio);
  }
};

inline const char* loss_reason_name(LossReason reason) {
  switch (reason) {
    case LossReason::kChannel:
      return "channel";
    case LossReason::kLinkDown:
      return "link_down";
    case LossReason::kNodeCrashed:
      return "node_crashed";
  }
  return "unknown";
}

}  // namespace commsim
