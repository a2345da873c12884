#include "models/tasks/least_squares.hpp"

#include "models/tasks/learning_task.hpp"
#include "models/tasks/task_params.hpp"

namespace commsim {

namespace {
class SquaredError : public OutputLoss {
 public:
  std::size_t outputs(std::size_t /*classes*/) const override { return 1; }
  double evaluate(const ScoreBlock& block, float* score_gradient, std::size_t*) const override {
    double sum = 0.0;
    for (std::size_t r = 0; r < block.rows; ++r) {
      const float residual = block.scores[r] - block.targets[r];
      sum += 0.5 * double{residual} * residual;
      if (score_gradient != nullptr)
        score_gradient[r] = residual;
    }
    return sum;
  }
  // Residual (1), its square and the half (2).
  double flops_per_sample(std::size_t) const override { return 3.0; }
  bool classification() const override { return false; }
};
}  // namespace

const OutputLoss& squared_error_loss() {
  static const SquaredError loss;
  return loss;
}

PluginInfo least_squares_info() {
  return {"least_squares",
          "Linear regression: loss (1/2)(w.x + b - y)^2, b only with bias (+ l2/2 ||model||^2); "
          "reports train_loss and test_loss",
          linear_params({.dataset = "synthetic", .classes_param = false}),
          "labels are used as real targets"};
}

std::unique_ptr<Task> make_least_squares(const Params& params, const TaskContext& context) {
  return std::make_unique<LearningTask>(build_learning_task(params, context,
                                                            {"least_squares",
                                                             squared_error_loss(),
                                                             LabelKind::kReal,
                                                             {},
                                                             false,
                                                             params.boolean("bias")}));
}

}  // namespace commsim
