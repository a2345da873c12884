#include "models/tasks/softmax.hpp"

#include <cmath>

#include "models/tasks/learning_task.hpp"
#include "models/tasks/task_params.hpp"

namespace commsim {

namespace {
class SoftmaxCrossEntropy : public OutputLoss {
 public:
  std::size_t outputs(std::size_t classes) const override { return classes; }
  double evaluate(const ScoreBlock& block, float* score_gradient,
                  std::size_t* correct) const override {
    double sum = 0.0;
    const std::size_t c_count = block.outputs;
    for (std::size_t r = 0; r < block.rows; ++r) {
      const float* z = block.scores + r * c_count;
      const auto label = static_cast<std::size_t>(block.targets[r]);
      std::size_t best = 0;
      for (std::size_t c = 1; c < c_count; ++c) {
        if (z[c] > z[best])
          best = c;
      }
      // Shift by the largest score so that no exponential overflows.
      double normaliser = 0.0;
      for (std::size_t c = 0; c < c_count; ++c)
        normaliser += std::exp(double{z[c]} - z[best]);
      sum += std::log(normaliser) + z[best] - z[label];
      if (score_gradient != nullptr) {
        float* g = score_gradient + r * c_count;
        for (std::size_t c = 0; c < c_count; ++c) {
          g[c] = static_cast<float>(std::exp(double{z[c]} - z[best]) / normaliser);
        }
        g[label] -= 1.0f;
      }
      if (correct != nullptr && best == label)
        ++*correct;
    }
    return sum;
  }
  // Per class: max, shift, exp, sum (4), and for the gradient exp, divide (2);
  // then log, two adds and the label's subtraction (4).
  double flops_per_sample(std::size_t outputs) const override {
    return 6.0 * static_cast<double>(outputs) + 4.0;
  }
  bool classification() const override { return true; }
};
}  // namespace

const OutputLoss& softmax_cross_entropy() {
  static const SoftmaxCrossEntropy loss;
  return loss;
}

PluginInfo softmax_info() {
  return {"softmax",
          "Multiclass softmax regression: loss log sum_c e^{z_c} - z_y with z = W x + b (b only "
          "with bias) "
          "(+ l2/2 ||model||^2); reports train_loss, test_accuracy and test_loss",
          linear_params({.dataset = "fashion-mnist", .classes_param = true}), ""};
}

std::unique_ptr<Task> make_softmax(const Params& params, const TaskContext& context) {
  return std::make_unique<LearningTask>(build_learning_task(params, context,
                                                            {"softmax",
                                                             softmax_cross_entropy(),
                                                             LabelKind::kClasses,
                                                             {},
                                                             false,
                                                             params.boolean("bias")}));
}

}  // namespace commsim
