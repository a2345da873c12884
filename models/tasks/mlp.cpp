#include "models/tasks/mlp.hpp"

#include "models/tasks/learning_task.hpp"
#include "models/tasks/softmax.hpp"
#include "models/tasks/task_params.hpp"

namespace commsim {

PluginInfo mlp_info() {
  std::vector<ParamSpec> params =
      learning_params({.dataset = "fashion-mnist", .classes_param = true});
  params.push_back(
      ParamSpec::integer("hidden", 64, "units in the first hidden layer").at_least(1).at_most(1e5));
  params.push_back(ParamSpec::integer("hidden2", 0, "units in a second hidden layer; 0: only one")
                       .at_least(0)
                       .at_most(1e5));
  return {"mlp",
          "Multilayer perceptron: x -> ReLU(W1 x + b1) [-> ReLU(W2 . + b2)] -> softmax "
          "cross-entropy, He initialisation (+ l2/2 ||model||^2); reports train_loss, "
          "test_accuracy and test_loss",
          std::move(params), ""};
}

std::unique_ptr<Task> make_mlp(const Params& params, const TaskContext& context) {
  std::vector<std::size_t> hidden = {static_cast<std::size_t>(params.integer("hidden"))};
  if (params.integer("hidden2") > 0)
    hidden.push_back(static_cast<std::size_t>(params.integer("hidden2")));
  return std::make_unique<LearningTask>(build_learning_task(
      params, context, {"mlp", softmax_cross_entropy(), LabelKind::kClasses, hidden, true, true}));
}

}  // namespace commsim
