#pragma once
// One sentence in summary.json saying why a run ended; for a stalled run,
// what the network, the fault schedule and the compute model can tell:
// messages lost by reason, nodes and links down, steps abandoned, and how far
// each node got in sending.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "models/compute/compute_model.hpp"
#include "sim/net/network.hpp"

namespace commsim {

struct StallContext {
  const Network& network;
  const ComputeModel& compute;
  const std::vector<std::pair<NodeId, NodeId>>& links;
  SimTime end_time = 0;
  std::int64_t rounds_completed = 0;
  std::int64_t max_rounds = 0;
};

std::string stalled_detail(const StallContext& context);

}  // namespace commsim
