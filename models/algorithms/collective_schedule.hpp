#pragma once
// Expands a collective's phases (models/compressors/collective.hpp) into the
// directed messages of one round, step by step, for the fabric:
//   server (workers 0..n-1, server n):
//     all-reduce       gather (m*b bits each) then broadcast of the sum (m*b to each)
//     all-gather       gather, then worker i gets the others' messages (sum of their bits)
//     worker broadcast root -> server, then server -> every other worker
//     gather, server broadcast: as named
//   ring (node i sends to i+1):
//     all-reduce       2(n-1) steps of chunks (reduce-scatter, all-gather), chunk c holds
//                      floor(m(c+1)/n) - floor(mc/n) values
//     all-gather       n-1 steps; at step s node i forwards the message of worker i-s
//     worker broadcast n-1 steps along the ring from the root
// Messages of 0 bits are not sent. A node sends its messages of step s once
// it has received all of its messages of the steps before s.
#include <cstdint>
#include <vector>

#include "models/compressors/collective.hpp"

namespace commsim {

struct Transfer {
  NodeId from = 0;
  NodeId to = 0;
  std::int64_t bits = 0;
};
using ScheduleStep = std::vector<Transfer>;

std::vector<ScheduleStep> expand_phases(const std::vector<CollectivePhase>& phases, Fabric fabric,
                                        NodeId workers);

}  // namespace commsim
