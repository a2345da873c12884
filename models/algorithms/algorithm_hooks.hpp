#pragma once
// Where observers (a trace) hear what an algorithm decides on its own, as
// NetworkHooks are for the network: subscribers are called in the order
// they subscribed. Reporting changes nothing in the run.
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/net/message.hpp"

namespace commsim {

// A node stopped waiting: its timeout_s ran out with messages still missing.
struct RoundTimeout {
  NodeId node = 0;                    // the node that timed out (a server: the server's id)
  std::int64_t round = 0;             // the round it closes, or the model version it waited on
  std::int64_t missing_messages = 0;  // of the messages it waited for, those not there
  NodeId waited_for = -1;             // ps_sgd async: the one worker that did not answer; else -1
};

class AlgorithmHooks {
 public:
  using TimedOut = std::function<void(const RoundTimeout& timeout)>;

  void on_timeout(TimedOut hook) { timed_out_.push_back(std::move(hook)); }

  void timed_out(const RoundTimeout& timeout) const {
    for (const auto& hook : timed_out_)
      hook(timeout);
  }

 private:
  std::vector<TimedOut> timed_out_;
};

}  // namespace commsim
