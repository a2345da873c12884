#pragma once
// Binary logistic regression: score z = w.x + b, label y in {0, 1} (LIBSVM's
// -1/+1 map to 0/1), loss log(1 + e^z) - y z (the cross-entropy of
// sigmoid(z)); d loss / d z = sigmoid(z) - y. Predicts 1 when z > 0.
#include <memory>

#include "models/tasks/output_loss.hpp"
#include "models/tasks/registry.hpp"

namespace commsim {

PluginInfo logistic_info();
std::unique_ptr<Task> make_logistic(const Params& params, const TaskContext& context);

}  // namespace commsim
