#pragma once
// SIGINT and SIGTERM ask the running simulations to stop at the next event;
// the run then writes what it has, marked incomplete ("interrupted"), and the
// command exits non-zero. A second signal ends the process at once.
#include <atomic>

namespace commsim {

void install_interrupt_handlers();
const std::atomic<bool>& interrupt_flag();
inline bool interrupt_requested() {
  return interrupt_flag().load(std::memory_order_relaxed);
}

inline constexpr int kInterruptedExitCode = 130;

}  // namespace commsim
