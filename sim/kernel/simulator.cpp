#include "sim/kernel/simulator.hpp"

#include <stdexcept>

namespace commsim {

void Simulator::schedule_at(SimTime at, EventCallback callback) {
  if (at < now_) throw std::logic_error("Simulator::schedule_at: time lies in the past");
  queue_.push(at, std::move(callback));
}

void Simulator::run(SimTime until) {
  stopped_ = false;
  EventCallback callback;
  while (!stopped_ && !queue_.empty() && queue_.next_time() <= until) {
    now_ = queue_.pop(callback);
    ++events_processed_;
    callback();
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
