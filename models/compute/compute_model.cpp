#include "models/compute/compute_model.hpp"

#include <algorithm>

namespace commsim {

PluginInfo compute_info() {
  return {"compute",
          "Local computation: time = FLOPs / flops_per_s (x jitter), energy = FLOPs x "
          "energy_per_flop_j",
          {ParamSpec::real("flops_per_s", 1e9, "sustained FLOP rate of every node").above(0),
           ParamSpec::real("energy_per_flop_j", 1e-9, "joules per FLOP").at_least(0),
           ParamSpec::real("jitter", 0.0,
                           "relative spread of step times: each step is scaled by a factor drawn "
                           "uniformly in [1 - jitter, 1 + jitter] from the node's own stream")
               .at_least(0)
               .at_most(0.99),
           ParamSpec::integer("stragglers", 0, "number of slow nodes (the highest-numbered ones)")
               .at_least(0),
           ParamSpec::real("straggler_slowdown", 10.0, "how many times slower a straggler computes")
               .at_least(1),
           ParamSpec::optional_real_list("node_flops_per_s",
                                         "FLOP rate of each node, one per node (a parameter "
                                         "server's too, or it keeps flops_per_s); overrides "
                                         "flops_per_s")
               .above(0),
           ParamSpec::optional_integer_list("straggler_nodes",
                                            "these nodes are stragglers (as well as the "
                                            "`stragglers` highest-numbered ones)")
               .at_least(0)},
          ""};
}

void check_compute(const Params& params, NodeId worker_nodes) {
  const std::int64_t stragglers = params.integer("stragglers");
  if (stragglers > worker_nodes) {
    throw params.error("stragglers",
                       "got " + std::to_string(stragglers) +
                           ", expected at most nodes = " + std::to_string(worker_nodes));
  }
  if (params.has("node_flops_per_s")) {
    const auto count = static_cast<std::int64_t>(params.json().at("node_flops_per_s").size());
    if (count != worker_nodes && count != worker_nodes + 1) {
      throw params.error("node_flops_per_s",
                         "holds " + std::to_string(count) + " rates, expected one per node (" +
                             std::to_string(worker_nodes) + ", or " +
                             std::to_string(worker_nodes + 1) + " with a parameter server's)");
    }
  }
  if (params.has("straggler_nodes")) {
    const auto& nodes = params.json().at("straggler_nodes");
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].get<std::int64_t>() >= worker_nodes) {
        throw params.error("straggler_nodes[" + std::to_string(i) + "]",
                           "got " + nodes[i].dump() + ", but the nodes are 0 .. " +
                               std::to_string(worker_nodes - 1));
      }
    }
  }
}

std::vector<NodeCompute> node_compute(const Params& params, NodeId nodes, NodeId worker_nodes) {
  if (worker_nodes < 0)
    worker_nodes = nodes;
  check_compute(params, worker_nodes);
  std::vector<NodeCompute> out(static_cast<std::size_t>(nodes),
                               NodeCompute{params.real("flops_per_s"), false});
  if (params.has("node_flops_per_s")) {
    const auto& rates = params.json().at("node_flops_per_s");
    for (std::size_t node = 0; node < rates.size() && node < out.size(); ++node) {
      out[node].flops_per_s = rates[node].get<double>();
    }
  }
  for (std::int64_t k = 0; k < params.integer("stragglers"); ++k) {
    out[static_cast<std::size_t>(worker_nodes - 1 - k)].straggler = true;
  }
  if (params.has("straggler_nodes")) {
    for (const auto& node : params.json().at("straggler_nodes")) {
      out[node.get<std::size_t>()].straggler = true;
    }
  }
  for (auto& node : out) {
    if (node.straggler)
      node.flops_per_s /= params.real("straggler_slowdown");
  }
  return out;
}

ComputeModel::ComputeModel(Simulator& simulator, NodeId nodes, const Params& params,
                           std::uint64_t seed, NodeId worker_nodes)
    : simulator_(simulator),
      energy_per_flop_j_(params.real("energy_per_flop_j")),
      jitter_(params.real("jitter")),
      busy_until_(static_cast<std::size_t>(nodes), 0),
      jobs_(static_cast<std::size_t>(nodes)) {
  for (const NodeCompute& node : node_compute(params, nodes, worker_nodes)) {
    flops_per_s_.push_back(node.flops_per_s);
  }
  rng_ = RngStreams(seed, "compute", static_cast<std::size_t>(nodes));
}

SimTime ComputeModel::duration(NodeId node, double flops) {
  double seconds = flops / flops_per_s_[static_cast<std::size_t>(node)];
  if (jitter_ > 0)
    seconds *= 1.0 + jitter_ * (2.0 * rng_[static_cast<std::size_t>(node)].uniform01() - 1.0);
  return seconds_to_simtime(seconds);
}

void ComputeModel::run(NodeId node, double flops, EventCallback done) {
  SimTime& busy_until = busy_until_[static_cast<std::size_t>(node)];
  const SimTime step = duration(node, flops);
  // A node that is down takes the request when it recovers.
  const SimTime ready = faults_ ? faults_->node_up_again(node, simulator_.now()) : simulator_.now();
  if (ready == kSimTimeMax) {
    ++abandoned_steps_;  // never recovers: the step never runs
    return;
  }
  const SimTime start = std::max(ready, busy_until);
  const SimTime end = start + step;
  if (faults_ && !faults_->node_up_throughout(node, ready, end)) {
    // Crashed while the step waited or ran: no callback. The processor is
    // free from the crash on, and the part computed before it is paid for.
    const SimTime crash = faults_->node_next_crash(node, ready);
    const double computed = step > 0 && crash > start
                                ? static_cast<double>(crash - start) / static_cast<double>(step)
                                : 0.0;
    energy_j_ += std::min(1.0, computed) * flops * energy_per_flop_j_;
    busy_until = std::max(busy_until, crash);
    ++abandoned_steps_;
    // A node that comes back reboots with its state and redoes the step from
    // the start, so the algorithm hears of it after the recovery.
    if (faults_->node_up_again(node, crash) != kSimTimeMax) {
      simulator_.schedule_at(crash, [this, node, flops, done = std::move(done)]() mutable {
        run(node, flops, std::move(done));
      });
    }
    return;
  }
  busy_until = end;
  energy_j_ += flops * energy_per_flop_j_;
  for (const auto& hook : step_hooks_)
    hook(node, start, end, flops);
  simulator_.schedule_at(busy_until, std::move(done));
}

void ComputeModel::run(NodeId node, double flops, std::function<void()> work, EventCallback done) {
  if (workers_ == nullptr) {
    run(node, flops, [work = std::move(work), done = std::move(done)]() mutable {
      work();
      done();
    });
    return;
  }
  WorkPool::Ticket& job = jobs_[static_cast<std::size_t>(node)];
  if (job)
    workers_->collect(job);  // an abandoned step's job may still be writing the node's buffers
  job = workers_->submit(std::move(work));
  run(node, flops, [this, node, ticket = job, done = std::move(done)]() mutable {
    workers_->collect(ticket);
    WorkPool::Ticket& latest = jobs_[static_cast<std::size_t>(node)];
    if (latest == ticket)
      latest.reset();
    done();
  });
}

}  // namespace commsim
