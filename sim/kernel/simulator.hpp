#pragma once
// The discrete-event loop: a clock, a queue, and nothing about learning.
#include <atomic>
#include <cstdint>
#include <vector>

#include "sim/kernel/event_queue.hpp"
#include "sim/kernel/sim_time.hpp"

namespace commsim {

// A cancellable event: a slot in the simulator's timer table and the slot's
// generation when the event was scheduled. Cancelling bumps the generation, so
// the queued event finds a stale handle and does nothing; the event queue
// itself never searches or removes (the radix heap stays as it is). Copyable;
// a default handle refers to nothing.
struct EventHandle {
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::uint32_t slot = kNone;
  std::uint32_t generation = 0;
};

class Simulator {
 public:
  SimTime now() const { return now_; }
  // Schedules at an absolute time; times in the past are a programming error.
  void schedule_at(SimTime at, EventCallback callback);
  void schedule_in(SimTime delay, EventCallback callback) {
    schedule_at(now_ + delay, std::move(callback));
  }
  // Like schedule_at, but the event can be cancelled until it runs.
  EventHandle schedule_cancellable(SimTime at, EventCallback callback);
  // Cancels a pending event; returns false (and does nothing) when it already
  // ran, was cancelled, or the handle is empty. The handle is reset.
  bool cancel(EventHandle& handle);
  bool pending(const EventHandle& handle) const;
  // Runs events in (time, scheduling order) until no event is pending, stop()
  // is called, or the next event lies after `until`.
  void run(SimTime until = kSimTimeMax);
  void stop() { stopped_ = true; }
  // An external stop request (a signal handler's flag), checked between events.
  void set_interrupt_flag(const std::atomic<bool>* flag) { interrupt_flag_ = flag; }
  bool interrupted() const { return interrupted_; }
  bool stopped() const { return stopped_; }
  std::uint64_t events_processed() const { return events_processed_; }
  // Events still to run (cancelled ones excluded).
  std::size_t events_pending() const { return queue_.size() - cancelled_pending_; }

 private:
  struct TimerSlot {
    std::uint32_t generation = 0;
    bool armed = false;
    EventCallback callback;
  };
  void fire(std::uint32_t slot, std::uint32_t generation);

  EventQueue queue_;
  std::vector<TimerSlot> timers_;
  std::vector<std::uint32_t> free_timers_;
  std::size_t cancelled_pending_ = 0;  // cancelled events still in the queue
  bool ran_cancelled_ = false;         // set by fire() when the event was cancelled
  SimTime now_ = 0;
  bool stopped_ = false;
  const std::atomic<bool>* interrupt_flag_ = nullptr;
  bool interrupted_ = false;
  std::uint64_t events_processed_ = 0;
};

}  // namespace commsim
