#pragma once
// How a message of B bytes is cut into 802.15.4 frames: into application
// packets first (application_packet_bytes, when set), then each packet into
// frames of frame_payload_bytes() (the last one shorter); a packet of 0 bytes
// still sends one frame. The same cut as ieee802154_csma.cpp's timeline, as
// an index, for the radio medium's MAC, which sends frame after frame.
#include <algorithm>
#include <cstdint>

#include "models/links/ieee802154.hpp"

namespace commsim::ieee802154 {

class FrameLayout {
 public:
  FrameLayout(const Ieee802154Config& config, std::int64_t payload_bytes)
      : bytes_(payload_bytes),
        per_frame_(config.frame_payload_bytes()),
        per_packet_(config.application_packet_bytes > 0 ? config.application_packet_bytes
                                                        : payload_bytes) {
    packets_ = per_packet_ > 0 ? std::max<std::int64_t>(1, ceil_div(bytes_, per_packet_)) : 1;
    frames_per_full_packet_ = frames_of(per_packet_);
    frames_ = (packets_ - 1) * frames_per_full_packet_ + frames_of(packet_bytes(packets_ - 1));
  }

  std::int64_t frames() const { return frames_; }
  // Application bytes carried by frame `index` (0-based).
  std::int64_t frame_payload(std::int64_t index) const {
    const std::int64_t packet = std::min(index / frames_per_full_packet_, packets_ - 1);
    const std::int64_t within = index - packet * frames_per_full_packet_;
    const std::int64_t bytes = packet_bytes(packet);
    const std::int64_t frames = frames_of(bytes);
    return within + 1 == frames ? bytes - (frames - 1) * per_frame_ : per_frame_;
  }

 private:
  static std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }
  std::int64_t frames_of(std::int64_t packet_bytes) const {
    return std::max<std::int64_t>(1, ceil_div(packet_bytes, per_frame_));
  }
  std::int64_t packet_bytes(std::int64_t packet) const {
    return packet + 1 == packets_ ? bytes_ - (packets_ - 1) * per_packet_ : per_packet_;
  }

  std::int64_t bytes_;
  std::int64_t per_frame_;
  std::int64_t per_packet_;
  std::int64_t packets_ = 1;
  std::int64_t frames_per_full_packet_ = 1;
  std::int64_t frames_ = 1;
};

}  // namespace commsim::ieee802154
