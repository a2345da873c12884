#pragma once
// Local computation as simulated time and energy: a step of F FLOPs takes
// F / flops_per_s seconds (times an optional seeded jitter) and costs
// F * energy_per_flop_j joules. A node's processor runs one step at a time.
// With a FaultSchedule, a crashed node computes nothing: a step is abandoned
// (its callback never runs) when the node crashes between the request and the
// step's end, and a step asked for while the node is down waits for recovery.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "sim/kernel/rng.hpp"
#include "sim/kernel/rng_streams.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/kernel/work_pool.hpp"
#include "sim/net/fault_schedule.hpp"
#include "sim/net/message.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo compute_info();  // the "compute" block's parameters
// Throws InputError when the block does not fit the node count.
void check_compute(const Params& params, NodeId worker_nodes);

struct NodeCompute {
  double flops_per_s = 0.0;  // after a straggler's slowdown
  bool straggler = false;
};
// Each node's speed: flops_per_s, or its entry in node_flops_per_s, divided by
// straggler_slowdown for the `stragglers` highest-numbered of the first
// `worker_nodes` nodes (default: all) and for those in straggler_nodes.
std::vector<NodeCompute> node_compute(const Params& params, NodeId nodes, NodeId worker_nodes = -1);

class ComputeModel {
 public:
  // Stragglers are the highest-numbered of the first `worker_nodes` nodes
  // (default: all), so that a parameter server (the last node) is never one.
  ComputeModel(Simulator& simulator, NodeId nodes, const Params& params, std::uint64_t seed,
               NodeId worker_nodes = -1);

  // Runs `flops` on `node` after whatever it is already computing; calls
  // `done` when finished, unless the node crashes first.
  void run(NodeId node, double flops, EventCallback done);
  // The same step, whose numerics `work` computes off the event loop: it is
  // submitted to the workers when the step is requested and collected just
  // before `done` runs (without workers, it runs then). `work` may read only
  // state that stays fixed until `done` runs and write only what `done`
  // reads; a node's next job starts only after its previous one finished,
  // even when a crash abandoned that step.
  void run(NodeId node, double flops, std::function<void()> work, EventCallback done);
  // Where jobs run; must outlive every step (default: none, jobs run inline).
  void set_workers(WorkPool* workers) { workers_ = workers; }
  // Observers of every step that will complete (a trace), told when it is scheduled.
  using StepHook = std::function<void(NodeId node, SimTime start, SimTime end, double flops)>;
  void on_step(StepHook hook) { step_hooks_.push_back(std::move(hook)); }
  // The same schedule as the network's; default: nodes never crash.
  void set_faults(std::shared_ptr<const FaultSchedule> faults) { faults_ = std::move(faults); }
  // Steps cut short or never started because their node crashed.
  std::int64_t abandoned_steps() const { return abandoned_steps_; }
  SimTime duration(NodeId node, double flops);
  double energy_j() const { return energy_j_; }
  double flops_per_s(NodeId node) const { return flops_per_s_[static_cast<std::size_t>(node)]; }

 private:
  Simulator& simulator_;
  std::vector<double> flops_per_s_;
  double energy_per_flop_j_;
  double jitter_;
  std::vector<SimTime> busy_until_;
  RngStreams rng_;
  double energy_j_ = 0.0;
  std::shared_ptr<const FaultSchedule> faults_;
  std::int64_t abandoned_steps_ = 0;
  std::vector<StepHook> step_hooks_;
  WorkPool* workers_ = nullptr;
  std::vector<WorkPool::Ticket> jobs_;  // per node: the job of its latest step, if any
};

}  // namespace commsim
