#pragma once
// The discrete-event loop: a clock, a queue, and nothing about learning.
#include <atomic>
#include <cstdint>

#include "sim/kernel/event_queue.hpp"
#include "sim/kernel/sim_time.hpp"

namespace commsim {

class Simulator {
 public:
  SimTime now() const { return now_; }
  // Schedules at an absolute time; times in the past are a programming error.
  void schedule_at(SimTime at, EventCallback callback);
  void schedule_in(SimTime delay, EventCallback callback) {
    schedule_at(now_ + delay, std::move(callback));
  }
  // Runs events in (time, scheduling order) until the queue is empty, stop()
  // is called, or the next event lies after `until`.
  void run(SimTime until = kSimTimeMax);
  void stop() { stopped_ = true; }
  // An external stop request (a signal handler's flag), checked between events.
  void set_interrupt_flag(const std::atomic<bool>* flag) { interrupt_flag_ = flag; }
  bool interrupted() const { return interrupted_; }
  bool stopped() const { return stopped_; }
  std::uint64_t events_processed() const { return events_processed_; }
  std::size_t events_pending() const { return queue_.size(); }

 private:
  EventQueue queue_;
  SimTime now_ = 0;
  bool stopped_ = false;
  const std::atomic<bool>* interrupt_flag_ = nullptr;
  bool interrupted_ = false;
  std::uint64_t events_processed_ = 0;
};

}  // namespace commsim
