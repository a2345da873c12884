#pragma once
// The local step every SGD method here shares: heavy-ball momentum,
// m <- g + beta m, then x <- x - lr m (beta = 0: plain SGD), with its two
// declared parameters.
#include <cstddef>
#include <vector>

#include "sim/params/param_spec.hpp"

namespace commsim {

inline std::vector<ParamSpec> heavy_ball_params() {
  return {ParamSpec::real("lr", 0.05, "learning rate (step size)").above(0),
          ParamSpec::real("momentum", 0.0,
                          "heavy-ball coefficient beta: m <- g + beta m, x <- x - lr m")
              .at_least(0)
              .at_most(0.999)};
}

// `gradient(k)` gives entry k of the (averaged) gradient.
template <class GradientEntry>
void heavy_ball_step(std::vector<float>& model, std::vector<float>& momentum, double learning_rate,
                     double beta, GradientEntry gradient) {
  const auto lr = static_cast<float>(learning_rate);
  const auto b = static_cast<float>(beta);
  for (std::size_t k = 0; k < model.size(); ++k) {
    momentum[k] = static_cast<float>(gradient(k)) + b * momentum[k];
    model[k] -= lr * momentum[k];
  }
}

}  // namespace commsim
