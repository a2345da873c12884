#include "sim/kernel/simulator.hpp"

#include <stdexcept>

namespace commsim {

void Simulator::schedule_at(SimTime at, EventCallback callback) {
  if (at < now_)
    throw std::logic_error("Simulator::schedule_at: time lies in the past");
  queue_.push(at, std::move(callback));
}

EventHandle Simulator::schedule_cancellable(SimTime at, EventCallback callback) {
  if (at < now_)
    throw std::logic_error("Simulator::schedule_cancellable: time lies in the past");
  std::uint32_t slot;
  if (free_timers_.empty()) {
    slot = static_cast<std::uint32_t>(timers_.size());
    timers_.emplace_back();
  } else {
    slot = free_timers_.back();
    free_timers_.pop_back();
  }
  TimerSlot& timer = timers_[slot];
  timer.armed = true;
  timer.callback = std::move(callback);
  const std::uint32_t generation = timer.generation;
  schedule_at(at, [this, slot, generation] { fire(slot, generation); });
  return EventHandle{slot, generation};
}

void Simulator::fire(std::uint32_t slot, std::uint32_t generation) {
  TimerSlot& timer = timers_[slot];
  if (timer.generation != generation || !timer.armed) {  // cancelled
    --cancelled_pending_;
    ran_cancelled_ = true;
    return;
  }
  EventCallback callback = std::move(timer.callback);
  timer.armed = false;
  ++timer.generation;
  free_timers_.push_back(slot);
  callback();  // may schedule new timers, which may reuse this slot
}

bool Simulator::pending(const EventHandle& handle) const {
  if (handle.slot == EventHandle::kNone || handle.slot >= timers_.size())
    return false;
  const TimerSlot& timer = timers_[handle.slot];
  return timer.armed && timer.generation == handle.generation;
}

bool Simulator::cancel(EventHandle& handle) {
  const bool was_pending = pending(handle);
  if (was_pending) {
    TimerSlot& timer = timers_[handle.slot];
    timer.armed = false;
    timer.callback = nullptr;
    ++timer.generation;
    free_timers_.push_back(handle.slot);
    ++cancelled_pending_;
  }
  handle = EventHandle{};
  return was_pending;
}

void Simulator::run(SimTime until) {
  stopped_ = false;
  EventCallback callback;
  while (!stopped_ && !queue_.empty() && queue_.next_time() <= until) {
    const SimTime before = now_;
    now_ = queue_.pop(callback);
    callback();
    if (ran_cancelled_) {
      // A cancelled event neither counts nor moves the clock: a run whose
      // last event was a cancelled timeout ends when its last real event did.
      now_ = before;
      ran_cancelled_ = false;
    } else {
      ++events_processed_;
    }
    // Release what the event captured (shared payloads, buffers) now rather
    // than when the next event overwrites it.
    callback = nullptr;
    if (interrupt_flag_ != nullptr && interrupt_flag_->load(std::memory_order_relaxed)) {
      interrupted_ = true;
      break;
    }
  }
}

}  // namespace commsim
