#pragma once
// A multilayer perceptron: one or two fully connected ReLU hidden layers and
// a softmax cross-entropy output (see softmax.hpp), He-initialised from the
// run seed; every node starts from the same model.
#include <memory>

#include "models/tasks/registry.hpp"

namespace commsim {

PluginInfo mlp_info();
std::unique_ptr<Task> make_mlp(const Params& params, const TaskContext& context);

}  // namespace commsim
