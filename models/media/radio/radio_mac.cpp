#include "models/media/radio/radio_mac.hpp"

#include <algorithm>
#include <optional>

#include "models/links/ieee802154_constants.hpp"

namespace commsim {

using namespace ieee802154;

namespace {

SimTime us(std::int64_t microseconds_count) {
  return microseconds(microseconds_count);
}

RadioCurrents currents_of(const Ieee802154Config& link, const RadioMediumConfig& medium) {
  RadioCurrents c;
  c.voltage_v = link.voltage_v;
  c.current_a[static_cast<std::size_t>(RadioState::kTx)] = link.tx_current_a;
  c.current_a[static_cast<std::size_t>(RadioState::kRx)] = link.rx_current_a;
  // Listening costs as much as receiving (CC2420): the receive chain is on.
  c.current_a[static_cast<std::size_t>(RadioState::kListen)] = link.rx_current_a;
  c.current_a[static_cast<std::size_t>(RadioState::kIdle)] = link.idle_current_a;
  c.current_a[static_cast<std::size_t>(RadioState::kSleep)] = medium.sleep_current_a;
  return c;
}

bool always_on(const Ieee802154Config& link) {
  return link.energy_mode == Ieee802154EnergyMode::kAlwaysOn;
}

}  // namespace

RadioMac::RadioMac(Simulator& simulator, const RadioGeometry& geometry,
                   const RadioMediumConfig& medium, const Ieee802154Config& link,
                   std::uint64_t seed, MacListener& listener, const bool& observed)
    : simulator_(simulator),
      link_(link),
      listening_state_(always_on(link) ? RadioState::kListen : RadioState::kIdle),
      channel_(geometry, medium, seed, *this),
      listener_(listener),
      observed_(observed),
      energy_(geometry.nodes(), currents_of(link, medium), listening_state_),
      nodes_(static_cast<std::size_t>(geometry.nodes())),
      retry_after_access_failure_(medium.retry_after_access_failure) {
  rng_.reserve(nodes_.size());
  for (NodeId node = 0; node < geometry.nodes(); ++node)
    rng_.emplace_back(seed, "radio.mac", node);
}

void RadioMac::set_faults(const FaultSchedule* faults) {
  faults_ = faults != nullptr && faults->any() ? faults : nullptr;
  energy_.set_faults(faults);
}

bool RadioMac::node_up(NodeId node) const {
  return faults_ == nullptr || faults_->node_up(node, simulator_.now());
}

BasicCsmaDraws<CounterRng> RadioMac::draws(NodeId node) {
  return BasicCsmaDraws<CounterRng>(&rng_[static_cast<std::size_t>(node)],
                                    link_.backoff == Ieee802154Backoff::kMean,
                                    link_.frame_error_rate, link_.busy_probability);
}

void RadioMac::refresh_energy(NodeId node) {
  const Node& n = nodes_[static_cast<std::size_t>(node)];
  RadioState state = listening_state_;
  if (n.sender == Sender::kTurnaround || n.sender == Sender::kTransmitting ||
      n.acking == Acking::kTurnaround || n.acking == Acking::kSending) {
    state = RadioState::kTx;
  } else if (channel_.receiving(node)) {
    state = RadioState::kRx;
  }
  energy_.change(node, state, simulator_.now());
}

std::int32_t RadioMac::enqueue(const RadioJob& spec) {
  std::int32_t id;
  if (free_jobs_.empty()) {
    id = static_cast<std::int32_t>(jobs_.size());
    jobs_.push_back(Job{spec, FrameLayout(link_, spec.payload_bytes), 0, true});
  } else {
    id = free_jobs_.back();
    free_jobs_.pop_back();
    Job& job = jobs_[static_cast<std::size_t>(id)];
    job.spec = spec;
    job.layout = FrameLayout(link_, spec.payload_bytes);
    job.live = true;
  }
  Node& n = nodes_[static_cast<std::size_t>(spec.sender)];
  n.queue.push_back(id);
  if (n.queue.size() == 1 && n.sender == Sender::kIdle && n.acking == Acking::kNo)
    next_job(spec.sender);
  return id;
}

bool RadioMac::live(const Frame& frame) const {
  const Job& job = jobs_[static_cast<std::size_t>(frame.job)];
  return job.live && job.generation == frame.generation;
}

// --- sender side ---------------------------------------------------------

void RadioMac::next_job(NodeId node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  n.sender = Sender::kIdle;
  if (!n.queue.empty())
    start_csma(node);
  refresh_energy(node);
}

void RadioMac::start_csma(NodeId node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  n.backoffs = 0;
  n.exponent = link_.min_be;
  backoff(node);
}

void RadioMac::backoff(NodeId node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  auto d = draws(node);
  const SimTime cca_start = simulator_.now() + us(d.backoff_us(n.exponent));
  channel_.open_cca(node, cca_start);
  n.backoff_start = simulator_.now();
  n.cca_start = cca_start;
  n.sender = Sender::kBackoff;
  n.cca_timer =
      simulator_.schedule_cancellable(cca_start + us(kCcaUs), [this, node] { cca_done(node); });
  refresh_energy(node);
}

void RadioMac::cca_done(NodeId node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  if (observed_)
    report_backoff(node, n.cca_start, false);
  const bool busy = channel_.close_cca(node) || draws(node).channel_busy();
  if (!busy) {
    n.sender = Sender::kTurnaround;
    simulator_.schedule_at(simulator_.now() + us(kTurnaroundUs), [this, node] { transmit(node); });
    refresh_energy(node);
    return;
  }
  ++n.backoffs;
  n.exponent = std::min(n.exponent + 1, link_.max_be);
  if (observed_) {
    MediumEvent event = frame_event(MediumEventKind::kCcaBusy, node);
    event.backoffs = n.backoffs;
    report(n.queue.front(), event);
  }
  if (n.backoffs > link_.max_csma_backoffs) {
    TrafficCounters failure;
    failure.cca_failures = 1;
    listener_.count(node, failure);
    if (observed_) {
      MediumEvent event = frame_event(MediumEventKind::kAccessFailure, node);
      event.backoffs = n.backoffs;
      report(n.queue.front(), event);
    }
    if (retry_after_access_failure_) {
      // One of the frame's attempts, as a missing ACK is.
      retry_or_give_up(node, RetryCause::kAccessFailure);
    } else {
      give_up(node, RetryCause::kAccessFailure);
    }
    return;
  }
  backoff(node);
}

Frame RadioMac::data_frame(NodeId node) const {
  const Node& n = nodes_[static_cast<std::size_t>(node)];
  const std::int32_t id = n.queue.front();
  const Job& job = jobs_[static_cast<std::size_t>(id)];
  Frame frame;
  frame.sender = node;
  frame.addressee = job.spec.addressee;
  frame.ack_requested = link_.ack && job.spec.addressee >= 0;
  frame.job = id;
  frame.generation = job.generation;
  frame.index = static_cast<std::int32_t>(n.frame);
  frame.phy_bytes =
      job.layout.frame_payload(n.frame) + link_.mac_overhead_bytes() + kPhyHeaderBytes;
  return frame;
}

void RadioMac::transmit(NodeId node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  if (!node_up(node)) {  // its node crashed during the backoff: nothing goes on air
    give_up(node, RetryCause::kNodeDown);
    return;
  }
  const Frame frame = data_frame(node);
  const Job& job = jobs_[static_cast<std::size_t>(frame.job)];
  if (n.frame == 0 && !n.frame_sent_before)
    listener_.job_started(frame.job, job.spec);
  n.signal = channel_.start(frame, simulator_.now());
  n.sender = Sender::kTransmitting;
  TrafficCounters sent;
  sent.frames = 1;
  sent.wire_bits = frame.phy_bytes * 8;
  sent.retransmissions = n.frame_sent_before ? 1 : 0;
  n.frame_sent_before = true;
  if (job.spec.relay) {
    sent.relayed_frames = 1;
    sent.relayed_bytes = frame.phy_bytes;
  }
  listener_.count(node, sent);
  simulator_.schedule_at(simulator_.now() + us(frame.phy_bytes * kByteUs),
                         [this, node] { transmission_ended(node); });
  refresh_energy(node);
}

void RadioMac::transmission_ended(NodeId node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  const Frame frame = channel_.frame(n.signal);
  channel_.end(n.signal, simulator_.now());  // receivers learn first
  n.signal = -1;
  n.deaf_until = simulator_.now() + us(kTurnaroundUs);
  if (frame.ack_requested) {
    n.sender = Sender::kWaitAck;
    n.ack_timer = simulator_.schedule_cancellable(simulator_.now() + us(kAckWaitUs), [this, node] {
      retry_or_give_up(node, RetryCause::kNoAck);
    });
    refresh_energy(node);
    return;
  }
  frame_done(node);  // without an ACK the sender cannot know more
}

void RadioMac::frame_done(NodeId node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  const Job& job = jobs_[static_cast<std::size_t>(n.queue.front())];
  const std::int64_t mpdu_bytes = job.layout.frame_payload(n.frame) + link_.mac_overhead_bytes();
  ++n.frame;
  n.retries = 0;
  n.frame_sent_before = false;
  std::optional<FinishedJob> done;
  if (n.frame == job.layout.frames())
    done = pop_job(node);
  // Interframe spacing after every frame (7.5.1.3), then the next frame or job.
  const SimTime ifs = us(mpdu_bytes <= kMaxSifsFrameSizeBytes ? kSifsUs : kLifsUs);
  n.sender = Sender::kIfs;
  simulator_.schedule_at(simulator_.now() + ifs, [this, node] {
    Node& waiting = nodes_[static_cast<std::size_t>(node)];
    waiting.sender = Sender::kIdle;
    if (waiting.acking == Acking::kNo)
      next_job(node);  // else resume() does it
  });
  refresh_energy(node);
  if (done)
    listener_.job_done(done->id, done->spec, true);
}

void RadioMac::retry_or_give_up(NodeId node, RetryCause cause) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  if (n.retries < link_.max_frame_retries) {
    ++n.retries;
    if (observed_) {
      MediumEvent event = frame_event(MediumEventKind::kRetry, node);
      event.attempt = n.retries + 1;
      event.cause = cause;
      report(n.queue.front(), event);
    }
    start_csma(node);
    return;
  }
  ++statistics_.no_ack_failures;
  give_up(node, cause);
}

void RadioMac::give_up(NodeId node, RetryCause cause) {
  // The sender knows the frame failed and drops the rest of the message; it
  // goes on with its next job at once (no IFS after a failed frame).
  if (observed_) {
    const Node& n = nodes_[static_cast<std::size_t>(node)];
    MediumEvent event = frame_event(MediumEventKind::kGiveUp, node);
    event.attempt = n.retries + 1;
    event.cause = cause;
    report(n.queue.front(), event);
  }
  const FinishedJob done = pop_job(node);
  next_job(node);
  listener_.job_done(done.id, done.spec, false);
}

RadioMac::FinishedJob RadioMac::pop_job(NodeId node) {
  // Callers tell the listener only once the MAC's own state is settled: the
  // listener may queue new jobs at this very radio (a relay, or an algorithm
  // reacting to a loss).
  Node& n = nodes_[static_cast<std::size_t>(node)];
  const std::int32_t id = n.queue.front();
  n.queue.pop_front();
  n.frame = 0;
  n.retries = 0;
  n.frame_sent_before = false;
  Job& job = jobs_[static_cast<std::size_t>(id)];
  job.live = false;
  ++job.generation;
  free_jobs_.push_back(id);
  statistics_.last_job_done = simulator_.now();
  return {id, job.spec};
}

// --- receiving -------------------------------------------------------------

Lock RadioMac::can_lock(NodeId node, const Frame& frame) {
  const Node& n = nodes_[static_cast<std::size_t>(node)];
  if (n.sender == Sender::kTurnaround || n.sender == Sender::kTransmitting ||
      n.acking != Acking::kNo || simulator_.now() < n.deaf_until || !node_up(node)) {
    return Lock::kNo;
  }
  if (frame.addressee == node || frame.addressee < 0)
    return Lock::kReceive;
  // An ideally duty-cycled radio wakes only for the frames meant for it.
  if (!always_on(link_))
    return Lock::kNo;
  // Any ACK ends a wait for one (see frame_received); a radio can only start
  // waiting by transmitting, which abandons a reception under way.
  return frame.is_ack && n.sender == Sender::kWaitAck ? Lock::kReceive : Lock::kOverhear;
}

void RadioMac::count_collision(const Frame& frame) {
  TrafficCounters lost;
  lost.collisions = 1;
  listener_.count(frame.sender, lost);
  if (observed_) {
    MediumEvent event;
    event.kind = MediumEventKind::kCollision;
    event.node = frame.sender;
    event.start = event.end = simulator_.now();
    event.peer = frame.addressee;
    event.ack = frame.is_ack;
    report(live(frame) ? frame.job : -1, event);
  }
}

MediumEvent RadioMac::frame_event(MediumEventKind kind, NodeId node) const {
  const Node& n = nodes_[static_cast<std::size_t>(node)];
  MediumEvent event;
  event.kind = kind;
  event.node = node;
  event.start = event.end = simulator_.now();
  if (!n.queue.empty())
    event.peer = jobs_[static_cast<std::size_t>(n.queue.front())].spec.addressee;
  return event;
}

void RadioMac::report(std::int32_t job, const MediumEvent& event) {
  listener_.medium_event(job >= 0 ? &jobs_[static_cast<std::size_t>(job)].spec : nullptr, event);
}

void RadioMac::report_backoff(NodeId node, SimTime end, bool interrupted) {
  const Node& n = nodes_[static_cast<std::size_t>(node)];
  MediumEvent event = frame_event(MediumEventKind::kBackoff, node);
  event.start = n.backoff_start;
  event.end = end;
  event.backoffs = n.backoffs;
  event.exponent = n.exponent;
  event.interrupted = interrupted;
  report(n.queue.front(), event);
}

void RadioMac::frame_missed(NodeId node, const Frame& frame) {
  const bool meant = frame.addressee == node ||
                     (frame.addressee < 0 && !frame.is_ack && live(frame) &&
                      listener_.intended(jobs_[static_cast<std::size_t>(frame.job)].spec, node));
  if (meant && node_up(node))
    count_collision(frame);
}

void RadioMac::frame_received(NodeId node, const Frame& frame, bool intact, bool overlapped) {
  refresh_energy(node);
  if (!intact) {
    const bool meant = frame.addressee == node ||
                       (frame.addressee < 0 && !frame.is_ack && live(frame) &&
                        listener_.intended(jobs_[static_cast<std::size_t>(frame.job)].spec, node));
    if (meant && overlapped)
      count_collision(frame);
    return;
  }
  Node& n = nodes_[static_cast<std::size_t>(node)];
  if (frame.is_ack) {
    // ACKs carry no address, only a sequence number: a radio waiting for its
    // own takes any other as a failed transmission (7.5.6.4.3), as ns-3 does.
    if (n.sender != Sender::kWaitAck)
      return;
    simulator_.cancel(n.ack_timer);
    const bool mine = frame.addressee == node && frame.job == n.queue.front() &&
                      frame.index == n.frame && live(frame);
    if (mine) {
      frame_done(node);
    } else {
      retry_or_give_up(node, RetryCause::kNoAck);
    }
    return;
  }
  // A data frame here is for this radio or a broadcast: a unicast for another
  // one was locked as overheard (can_lock) and ended in frame_overheard.
  if (draws(node).frame_corrupted())
    return;  // the link's frame error rate
  if (frame.addressee == node)
    ++statistics_.data_frames_received;
  if (frame.ack_requested)
    answer(node, frame);
  if (live(frame)) {
    const Job& job = jobs_[static_cast<std::size_t>(frame.job)];
    listener_.frame_arrived(frame.job, job.spec, node, frame.index);
  }
}

// --- answering with an ACK --------------------------------------------------

void RadioMac::answer(NodeId node, const Frame& data) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  std::optional<FinishedJob> failed;
  switch (n.sender) {
    case Sender::kBackoff:
      if (observed_)
        report_backoff(node, std::min(simulator_.now(), n.cca_start), true);
      simulator_.cancel(n.cca_timer);
      channel_.cancel_cca(node);
      n.sender = Sender::kSuspended;
      break;
    case Sender::kWaitAck:
      // Its own ACK can no longer come: the exchange counts as failed.
      simulator_.cancel(n.ack_timer);
      if (n.retries < link_.max_frame_retries) {
        ++n.retries;
        n.sender = Sender::kSuspended;
        if (observed_) {
          MediumEvent event = frame_event(MediumEventKind::kRetry, node);
          event.attempt = n.retries + 1;
          report(n.queue.front(), event);
        }
      } else {
        ++statistics_.no_ack_failures;
        if (observed_) {
          MediumEvent event = frame_event(MediumEventKind::kGiveUp, node);
          event.attempt = n.retries + 1;
          report(n.queue.front(), event);
        }
        failed = pop_job(node);
        n.sender = Sender::kIdle;
      }
      break;
    default:  // idle, suspended, or in its IFS (which runs on)
      break;
  }
  n.pending_ack = Frame{};
  n.pending_ack.sender = node;
  n.pending_ack.addressee = data.sender;
  n.pending_ack.is_ack = true;
  n.pending_ack.job = data.job;
  n.pending_ack.generation = data.generation;
  n.pending_ack.index = data.index;
  n.pending_ack.phy_bytes = kAckPhyBytes;
  n.acking = Acking::kTurnaround;
  simulator_.schedule_at(simulator_.now() + us(kTurnaroundUs), [this, node] { send_ack(node); });
  refresh_energy(node);
  if (failed)
    listener_.job_done(failed->id, failed->spec, false);
}

void RadioMac::send_ack(NodeId node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  n.acking = Acking::kSending;
  n.signal = channel_.start(n.pending_ack, simulator_.now());
  ++statistics_.acks_sent;
  TrafficCounters sent;
  sent.wire_bits = kAckPhyBytes * 8;
  listener_.count(node, sent);
  simulator_.schedule_at(simulator_.now() + us(kAckAirtimeUs), [this, node] { ack_sent(node); });
  refresh_energy(node);
}

void RadioMac::ack_sent(NodeId node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  channel_.end(n.signal, simulator_.now());
  n.signal = -1;
  n.deaf_until = simulator_.now() + us(kTurnaroundUs);
  n.acking = Acking::kSettling;
  // Back in receive mode after the turnaround, then on with its own sending.
  simulator_.schedule_at(n.deaf_until, [this, node] { resume(node); });
  refresh_energy(node);
}

void RadioMac::resume(NodeId node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  n.acking = Acking::kNo;
  if (n.sender == Sender::kSuspended) {
    start_csma(node);
  } else if (n.sender == Sender::kIdle) {
    next_job(node);
  }
  refresh_energy(node);
}

}  // namespace commsim
