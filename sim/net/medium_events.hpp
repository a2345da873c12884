#pragma once
// What a shared medium does below the message level, for a trace
// (record.trace): a radio MAC's backoffs, busy channel assessments, retries
// and collisions, a packet fabric's queue lengths and drops. Media report
// these to their MediumListener only while someone observes them
// (MediumListener::detail_observed), so a run without a trace pays one test
// per event and builds nothing. Reporting draws no random numbers and
// schedules nothing: an observed run is the same run.
#include <cstdint>
#include <string_view>

#include "sim/kernel/sim_time.hpp"
#include "sim/net/message.hpp"

namespace commsim {

enum class MediumEventKind : std::uint8_t {
  kBackoff,        // span [start, end]: one random CSMA-CA backoff, before its CCA
  kCcaBusy,        // instant: a CCA found the channel busy (another backoff follows, or a failure)
  kAccessFailure,  // instant: channel access failure (more than macMaxCSMABackoffs busy CCAs)
  kRetry,          // instant: the frame is tried again (after a missing ACK or an access failure)
  kGiveUp,         // instant: the sender gave up on the frame, and on the rest of its message
  kCollision,      // instant: a frame of `node` was lost to overlap at a radio meant to get it
  kQueueLength,    // counter: an output port's queue of waiting packets changed
  kPacketDropped,  // instant: a switch port's full queue dropped a packet of `node`'s message
};

// Why a radio frame is tried again (kRetry) or given up (kGiveUp).
enum class RetryCause : std::uint8_t {
  kNoAck,          // its ACK did not come (or another radio's ACK came instead)
  kAccessFailure,  // channel access failure
  kNodeDown,       // its node crashed before the frame went on air (kGiveUp only)
};

struct MediumEvent {
  MediumEventKind kind = MediumEventKind::kBackoff;
  NodeId node = -1;  // whose track: the sender of the frame or of the packet's message
  SimTime start = 0;
  SimTime end = 0;            // == start for an instant or a counter
  std::int64_t round = -1;    // the round of the message, when the medium knows it
  NodeId peer = -1;           // the addressee of the frame or message; -1: broadcast or unknown
  std::int32_t backoffs = 0;  // kBackoff, kCcaBusy, kAccessFailure: NB, busy CCAs so far
  std::int32_t exponent = 0;  // kBackoff: BE, the backoff was drawn from [0, 2^BE - 1] periods
  std::int32_t attempt =
      0;  // kRetry: the attempt about to start (2: the first retry); kGiveUp: the last
  RetryCause cause = RetryCause::kNoAck;  // kRetry, kGiveUp
  bool interrupted = false;               // kBackoff: cut short to answer a frame with an ACK
  bool ack = false;                       // kCollision: the lost frame was an ACK `node` sent
  std::string_view port;           // kQueueLength, kPacketDropped: the physical link, "from->to"
  std::int64_t queue_packets = 0;  // kQueueLength: waiting packets (not the one on the wire)
  std::int64_t queue_bytes = 0;    // kQueueLength: their bytes
};

}  // namespace commsim
