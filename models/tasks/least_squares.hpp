#pragma once
// Linear least squares: score z = w.x + b, loss (1/2)(z - y)^2 on real targets
// y; d loss / d z = z - y. evaluate() reports the mean held-out loss as
// test_loss and no accuracy.
#include <memory>

#include "models/tasks/output_loss.hpp"
#include "models/tasks/registry.hpp"

namespace commsim {

PluginInfo least_squares_info();
std::unique_ptr<Task> make_least_squares(const Params& params, const TaskContext& context);
const OutputLoss& squared_error_loss();

}  // namespace commsim
