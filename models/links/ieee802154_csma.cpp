#include "models/links/ieee802154_csma.hpp"

#include <algorithm>

namespace commsim::ieee802154 {

namespace {

enum class FrameOutcome {
  kDelivered,
  kLostUnnoticed,  // no ACK requested: the sender cannot tell
  kFailed,         // retries exhausted or channel access failure: the sender knows
};

// One run of unslotted CSMA-CA (7.5.1.4): backoff, CCA; on a busy channel
// NB += 1 and BE = min(BE + 1, macMaxBE) until NB > macMaxCSMABackoffs, which
// is a channel access failure (returns false).
bool access_channel(const Ieee802154Config& config, int backoff_exponent, CsmaDraws& draws,
                    MessageTimeline& timeline) {
  for (int backoffs = 0;; ++backoffs) {
    timeline.now_us += draws.backoff_us(backoff_exponent) + kCcaUs;
    if (!draws.channel_busy())
      return true;
    if (backoffs == config.max_csma_backoffs)
      return false;
    backoff_exponent = std::min(backoff_exponent + 1, config.max_be);
  }
}

FrameOutcome send_frame(const Ieee802154Config& config, std::int64_t mpdu_bytes, bool acknowledged,
                        CsmaDraws& draws, MessageTimeline& timeline) {
  const std::int64_t phy_bytes = mpdu_bytes + kPhyHeaderBytes;
  const std::int64_t airtime_us = phy_bytes * kByteUs;
  // Retries exist only with ACKs: without one the sender cannot know to retry.
  const int attempts = acknowledged ? 1 + config.max_frame_retries : 1;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    // Each retry starts its CSMA-CA with a larger BE, up to macMaxBE.
    if (!access_channel(config, std::min(config.min_be + attempt, config.max_be), draws, timeline))
      continue;
    timeline.now_us += kTurnaroundUs + airtime_us;  // RX-to-TX, then the frame
    timeline.sender_tx_us += kTurnaroundUs + airtime_us;
    timeline.receiver_rx_us += airtime_us;
    timeline.frames += 1;
    timeline.wire_bytes += phy_bytes;
    timeline.delivery_us = timeline.now_us;
    const bool corrupted = draws.frame_corrupted();
    if (!acknowledged)
      return corrupted ? FrameOutcome::kLostUnnoticed : FrameOutcome::kDelivered;
    if (!corrupted) {
      // The receiver turns around and answers (7.5.6.4.2); the ACK is assumed received.
      timeline.now_us += kTurnaroundUs + kAckAirtimeUs;
      timeline.receiver_tx_us += kTurnaroundUs + kAckAirtimeUs;
      timeline.sender_rx_us += kAckAirtimeUs;
      timeline.wire_bytes += kAckPhyBytes;
      return FrameOutcome::kDelivered;
    }
    timeline.now_us += kAckWaitUs;  // macAckWaitDuration passes without an ACK
  }
  return FrameOutcome::kFailed;
}

// Interframe spacing after a frame (and its ACK): 7.5.1.3.
std::int64_t interframe_spacing_us(std::int64_t mpdu_bytes) {
  return mpdu_bytes <= kMaxSifsFrameSizeBytes ? kSifsUs : kLifsUs;
}

// Adds `count` more copies of the frame (or packet) that took `timeline` from
// `before` to its current state (frames, ACKs and interframe spacing).
void repeat_frame(const MessageTimeline& before, std::int64_t count, MessageTimeline& timeline) {
  const std::int64_t step_us = timeline.now_us - before.now_us;
  timeline.now_us += count * step_us;
  timeline.delivery_us += count * step_us;
  timeline.sender_tx_us += count * (timeline.sender_tx_us - before.sender_tx_us);
  timeline.sender_rx_us += count * (timeline.sender_rx_us - before.sender_rx_us);
  timeline.receiver_tx_us += count * (timeline.receiver_tx_us - before.receiver_tx_us);
  timeline.receiver_rx_us += count * (timeline.receiver_rx_us - before.receiver_rx_us);
  timeline.frames += count * (timeline.frames - before.frames);
  timeline.wire_bytes += count * (timeline.wire_bytes - before.wire_bytes);
}

}  // namespace

namespace {

// Sends one application packet of `packet_bytes` as frames of at most
// frame_payload_bytes(); `last_packet`: no interframe spacing after its last
// frame. Returns false when the sender gave up (it drops the rest).
bool send_packet(const Ieee802154Config& config, std::int64_t packet_bytes, bool last_packet,
                 bool acknowledged, CsmaDraws& draws, MessageTimeline& timeline) {
  const std::int64_t per_frame = config.frame_payload_bytes();
  // A packet of 0 bytes still sends one frame.
  const std::int64_t frames = std::max<std::int64_t>(1, (packet_bytes + per_frame - 1) / per_frame);
  for (std::int64_t frame = 0; frame < frames; ++frame) {
    const MessageTimeline before = timeline;
    const bool last = frame + 1 == frames;
    const std::int64_t payload = last ? packet_bytes - (frames - 1) * per_frame : per_frame;
    const std::int64_t mpdu_bytes = payload + config.mac_overhead_bytes();
    const FrameOutcome outcome = send_frame(config, mpdu_bytes, acknowledged, draws, timeline);
    if (outcome != FrameOutcome::kDelivered)
      timeline.delivered = false;
    // A sender told of the failure drops the rest of the message; one that
    // cannot know (no ACK) goes on sending it.
    if (outcome == FrameOutcome::kFailed)
      return false;
    if (!last || !last_packet)
      timeline.now_us += interframe_spacing_us(mpdu_bytes);
    // Without randomness the full frames 1 .. n-2 repeat frame 0 exactly: add
    // them at once, so an expected cost (asked by CAT for every candidate
    // size) takes O(1) instead of O(frames).
    if (frame == 0 && frames > 2 && draws.deterministic()) {
      repeat_frame(before, frames - 2, timeline);
      frame += frames - 2;
    }
  }
  return true;
}

}  // namespace

MessageTimeline run_message(const Ieee802154Config& config, std::int64_t payload_bytes,
                            bool acknowledged, CsmaDraws& draws) {
  // Without application packets the whole message is one packet.
  const std::int64_t per_packet =
      config.application_packet_bytes > 0 ? config.application_packet_bytes : payload_bytes;
  const std::int64_t packets =
      per_packet > 0 ? std::max<std::int64_t>(1, (payload_bytes + per_packet - 1) / per_packet) : 1;
  MessageTimeline timeline;
  for (std::int64_t packet = 0; packet < packets; ++packet) {
    const MessageTimeline before = timeline;
    const bool last = packet + 1 == packets;
    const std::int64_t bytes = last ? payload_bytes - (packets - 1) * per_packet : per_packet;
    if (!send_packet(config, bytes, last, acknowledged, draws, timeline))
      break;
    // Full packets 1 .. m-2 repeat packet 0 exactly without randomness.
    if (packet == 0 && packets > 2 && draws.deterministic()) {
      repeat_frame(before, packets - 2, timeline);
      packet += packets - 2;
    }
  }
  timeline.sender_free_us = timeline.now_us;
  if (!timeline.delivered)
    timeline.delivery_us = timeline.sender_free_us;
  return timeline;
}

}  // namespace commsim::ieee802154
