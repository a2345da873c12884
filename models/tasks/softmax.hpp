#pragma once
// Multiclass softmax (multinomial logistic) regression: scores z = W x + b,
// one per class, loss log sum_c e^{z_c} - z_y; d loss / d z = softmax(z) - e_y.
// Predicts argmax_c z_c (the first on ties).
#include <memory>

#include "models/tasks/output_loss.hpp"
#include "models/tasks/registry.hpp"

namespace commsim {

PluginInfo softmax_info();
std::unique_ptr<Task> make_softmax(const Params& params, const TaskContext& context);
// Also the MLP's output loss.
const OutputLoss& softmax_cross_entropy();

}  // namespace commsim
