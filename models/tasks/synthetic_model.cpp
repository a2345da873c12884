#include "models/tasks/synthetic_model.hpp"

namespace commsim {

PluginInfo synthetic_model_info() {
  return {
      "synthetic_model",
      "Size-only model for large-scale studies: messages of `parameters` float32 (or a "
      "size-only compressor's bits for that d) and steps of flops_per_sample x batch FLOPs, "
      "without computing numerics (metrics stay empty). "
      "ResNet-50: 25557032 parameters, about 12.3e9 training FLOPs per sample; VGG-16: 138357544 "
      "and about 46.5e9",
      {ParamSpec::integer("parameters", 25'557'032, "model parameters (float32 on the wire)")
           .at_least(1)
           .at_most(1e11),
       ParamSpec::real("flops_per_sample", 12.3e9,
                       "training FLOPs per sample (forward + backward, about 3x the forward pass)")
           .at_least(0),
       ParamSpec::integer("batch", 32, "samples per step").at_least(1)},
      "algorithms that send whole models or gradients (no consensus metrics); compressors "
      "none, top_k, rand_k, qsgd, terngrad, sign, scaled_sign, sq"};
}

SyntheticModelTask::SyntheticModelTask(const Params& params)
    : parameters_(params.integer("parameters")),
      flops_per_step_(params.real("flops_per_sample") *
                      static_cast<double>(params.integer("batch"))) {}

double SyntheticModelTask::stochastic_gradient(NodeId, const std::vector<float>&, Rng&,
                                               std::vector<float>& gradient) const {
  gradient.clear();  // no numerics: the gradient is as empty as the model
  return 0.0;
}

double SyntheticModelTask::full_gradient(NodeId, const std::vector<float>&,
                                         std::vector<float>& gradient) const {
  gradient.clear();
  return 0.0;
}

}  // namespace commsim
