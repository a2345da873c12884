#include "models/tasks/logistic.hpp"

#include <cmath>

#include "models/tasks/learning_task.hpp"
#include "models/tasks/task_params.hpp"

namespace commsim {

namespace {
class BinaryCrossEntropy : public OutputLoss {
 public:
  std::size_t outputs(std::size_t /*classes*/) const override { return 1; }
  double evaluate(const ScoreBlock& block, float* score_gradient,
                  std::size_t* correct) const override {
    double sum = 0.0;
    for (std::size_t r = 0; r < block.rows; ++r) {
      const double z = block.scores[r];
      const double y = block.targets[r];
      // softplus(z) = max(z, 0) + log1p(e^-|z|) never overflows.
      sum += std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))) - y * z;
      if (score_gradient != nullptr) {
        score_gradient[r] = static_cast<float>(1.0 / (1.0 + std::exp(-z)) - y);
      }
      if (correct != nullptr && (z > 0.0) == (y > 0.5))
        ++*correct;
    }
    return sum;
  }
  // Loss: max, |z|, exp, log1p, two adds, y*z (7); gradient: exp, add, divide, subtract (4).
  double flops_per_sample(std::size_t) const override { return 11.0; }
  bool classification() const override { return true; }
};

const OutputLoss& binary_cross_entropy() {
  static const BinaryCrossEntropy loss;
  return loss;
}
}  // namespace

PluginInfo logistic_info() {
  return {"logistic",
          "Binary logistic regression: loss log(1 + e^z) - y z with z = w.x + b (b only with "
          "bias), y in {0, 1} "
          "(+ l2/2 ||model||^2); reports train_loss, test_accuracy and test_loss",
          linear_params({.dataset = "synthetic", .classes_param = false}),
          "the data set has exactly 2 classes (LIBSVM labels -1/+1 or 0/1)"};
}

std::unique_ptr<Task> make_logistic(const Params& params, const TaskContext& context) {
  return std::make_unique<LearningTask>(build_learning_task(
      params, context,
      {"logistic", binary_cross_entropy(), LabelKind::kBinary, {}, false, params.boolean("bias")}));
}

}  // namespace commsim
