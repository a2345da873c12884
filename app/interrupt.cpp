#include "app/interrupt.hpp"

#include <unistd.h>
#include <csignal>

namespace commsim {

namespace {
std::atomic<bool> requested{false};

extern "C" void on_signal(int signal_number) {
  if (requested.exchange(true))
    _exit(128 + signal_number);  // second signal: no more waiting
}
}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

const std::atomic<bool>& interrupt_flag() {
  return requested;
}

}  // namespace commsim
