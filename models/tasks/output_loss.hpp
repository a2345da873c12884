#pragma once
// The loss a learning task puts on its model's output scores: squared
// error (least_squares), binary cross-entropy (logistic), softmax
// cross-entropy (softmax, mlp). One implementation per task file.
#include <cstddef>

namespace commsim {

// Scores of `rows` samples, row-major: rows x outputs.
struct ScoreBlock {
  const float* scores;
  const float* targets;  // one per row: class index or real value
  std::size_t rows;
  std::size_t outputs;
};

class OutputLoss {
 public:
  virtual ~OutputLoss() = default;
  // Score columns for a data set with `classes` classes (0: real targets).
  virtual std::size_t outputs(std::size_t classes) const = 0;
  // Returns the sum over rows of the loss. When score_gradient is not null it
  // receives d loss_r / d scores_r (rows x outputs, row-major); when `correct`
  // is not null it is increased by the number of correct predictions.
  virtual double evaluate(const ScoreBlock& block, float* score_gradient,
                          std::size_t* correct) const = 0;
  // FLOPs per sample of the loss and its score gradient (exp, log count 1).
  virtual double flops_per_sample(std::size_t outputs) const = 0;
  virtual bool classification() const = 0;
};

}  // namespace commsim
