#include "models/algorithms/collective_schedule.hpp"

#include <numeric>
#include <stdexcept>

namespace commsim {

namespace {

using Pattern = CollectivePhase::Pattern;

void add_step(std::vector<ScheduleStep>& steps, ScheduleStep step) {
  std::erase_if(step, [](const Transfer& transfer) { return transfer.bits == 0; });
  if (!step.empty())
    steps.push_back(std::move(step));
}

void expand_on_server(const CollectivePhase& phase, NodeId n, std::vector<ScheduleStep>& steps) {
  const NodeId server = n;
  ScheduleStep up;
  ScheduleStep down;
  switch (phase.pattern) {
    case Pattern::kAllReduce:
      for (NodeId w = 0; w < n; ++w) {
        up.push_back({w, server, phase.values * phase.value_bits});
        down.push_back({server, w, phase.values * phase.value_bits});
      }
      break;
    case Pattern::kAllGather: {
      const std::int64_t total =
          std::accumulate(phase.bits.begin(), phase.bits.end(), std::int64_t{0});
      for (NodeId w = 0; w < n; ++w) {
        up.push_back({w, server, phase.bits[static_cast<std::size_t>(w)]});
        down.push_back({server, w, total - phase.bits[static_cast<std::size_t>(w)]});
      }
      break;
    }
    case Pattern::kWorkerBroadcast:
      up.push_back({phase.root, server, phase.bits[0]});
      for (NodeId w = 0; w < n; ++w) {
        if (w != phase.root)
          down.push_back({server, w, phase.bits[0]});
      }
      break;
    case Pattern::kGather:
      for (NodeId w = 0; w < n; ++w)
        up.push_back({w, server, phase.bits[static_cast<std::size_t>(w)]});
      break;
    case Pattern::kServerBroadcast:
      for (NodeId w = 0; w < n; ++w)
        down.push_back({server, w, phase.bits[0]});
      break;
  }
  add_step(steps, std::move(up));
  add_step(steps, std::move(down));
}

// The chunk node i sends at all-reduce step s (as in ring_allreduce_sgd.cpp):
// reduce-scatter sends chunk (i - s) mod n, all-gather chunk (i + 1 - s) mod n.
NodeId ring_chunk(NodeId node, NodeId step, NodeId n) {
  const NodeId s = step < n - 1 ? step : step - (n - 1);
  const NodeId offset = step < n - 1 ? 0 : 1;
  return ((node + offset - s) % n + n) % n;
}

void expand_on_ring(const CollectivePhase& phase, NodeId n, std::vector<ScheduleStep>& steps) {
  const auto next = [n](NodeId node) { return (node + 1) % n; };
  switch (phase.pattern) {
    case Pattern::kAllReduce:
      for (NodeId step = 0; step < 2 * (n - 1); ++step) {
        ScheduleStep transfers;
        for (NodeId node = 0; node < n; ++node) {
          const std::int64_t chunk = ring_chunk(node, step, n);
          const std::int64_t values = phase.values * (chunk + 1) / n - phase.values * chunk / n;
          transfers.push_back({node, next(node), values * phase.value_bits});
        }
        add_step(steps, std::move(transfers));
      }
      break;
    case Pattern::kAllGather:
      for (NodeId step = 0; step < n - 1; ++step) {
        ScheduleStep transfers;
        for (NodeId node = 0; node < n; ++node) {
          const NodeId origin = ((node - step) % n + n) % n;
          transfers.push_back({node, next(node), phase.bits[static_cast<std::size_t>(origin)]});
        }
        add_step(steps, std::move(transfers));
      }
      break;
    case Pattern::kWorkerBroadcast:
      for (NodeId step = 0; step < n - 1; ++step) {
        const NodeId sender = (phase.root + step) % n;
        add_step(steps, {{sender, next(sender), phase.bits[0]}});
      }
      break;
    case Pattern::kGather:
    case Pattern::kServerBroadcast:
      throw std::logic_error("a gather to or broadcast from a server has no ring expansion");
  }
}

}  // namespace

std::vector<ScheduleStep> expand_phases(const std::vector<CollectivePhase>& phases, Fabric fabric,
                                        NodeId workers) {
  std::vector<ScheduleStep> steps;
  for (const auto& phase : phases) {
    if (fabric == Fabric::kServer) {
      expand_on_server(phase, workers, steps);
    } else {
      expand_on_ring(phase, workers, steps);
    }
  }
  return steps;
}

}  // namespace commsim
