#pragma once
// Large-model mode: a task that declares a model size and the FLOPs of a
// training step but computes no numerics. Models are empty vectors; every
// message has the size a float32 model of `parameters` entries would have,
// and every step takes the time and energy of `flops_per_sample` x `batch`
// FLOPs. A compressed message has the compressor's size-only bits for that
// size (Compressor::size_only_bits). So topologies, algorithms and
// compressors can be compared on simulated time, bits and joules for real
// model sizes (ResNet-50, VGG-16) with hundreds of nodes, in seconds and
// without the memory. Metrics are left empty.
#include <cstdint>

#include "models/tasks/task.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo synthetic_model_info();

class SyntheticModelTask : public Task {
 public:
  explicit SyntheticModelTask(const Params& params);
  std::string name() const override { return "synthetic_model"; }
  std::size_t dimension() const override { return 0; }
  std::int64_t message_floats() const override { return parameters_; }
  bool size_only() const override { return true; }
  std::vector<float> initial_model(NodeId) const override { return {}; }
  TaskMetrics evaluate(const std::vector<double>&) const override { return {}; }
  bool trainable() const override { return true; }
  double stochastic_gradient(NodeId, const std::vector<float>&, Rng&,
                             std::vector<float>& gradient) const override;
  double full_gradient(NodeId, const std::vector<float>&,
                       std::vector<float>& gradient) const override;
  double gradient_flops() const override { return flops_per_step_; }
  double full_gradient_flops(NodeId) const override { return flops_per_step_; }

 private:
  std::int64_t parameters_;
  double flops_per_step_;
};

}  // namespace commsim
