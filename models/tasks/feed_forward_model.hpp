#pragma once
// A feed-forward network on a data set's feature rows: fully connected
// layers inputs -> hidden[0] -> ... -> outputs, ReLU after each hidden layer,
// an OutputLoss on the last layer's scores. No hidden layer: a linear model
// (least squares, logistic, softmax regression). The math runs in Eigen inside
// feed_forward_model.cpp; this header stays Eigen-free.
//
// Model layout (one flat float vector), layer by layer: the weight matrix W_l
// (fan_out x fan_in, column-major: entry (o, i) at o + fan_out * i, so one
// input feature's weights are contiguous, which sparse rows exploit), then the
// bias b_l (fan_out). Scores of a sample x: z = W_L relu(... relu(W_1 x + b_1) ...) + b_L.
// A bias-free model (bias false) has no b_l at all: the layout is the weight
// matrices alone and z = W_L relu(... relu(W_1 x) ...).
#include <cstdint>
#include <span>
#include <vector>

#include "models/datasets/dataset.hpp"
#include "models/tasks/output_loss.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim {

struct BatchResult {
  double loss_sum = 0.0;    // sum over the rows of the loss
  std::size_t correct = 0;  // correct predictions (classification)
};

class FeedForwardModel {
 public:
  // layer_sizes = {inputs, hidden..., outputs}; at least two entries.
  FeedForwardModel(std::vector<std::size_t> layer_sizes, const OutputLoss& loss, bool bias = true);

  std::size_t dimension() const { return dimension_; }
  const std::vector<std::size_t>& layer_sizes() const { return sizes_; }
  // Where each layer's W_l starts in the model vector (b_l follows it).
  const std::vector<std::size_t>& layer_offsets() const { return offsets_; }
  const OutputLoss& loss() const { return loss_; }
  bool has_bias() const { return bias_; }

  // Sum over `rows` of the loss at `model`; adds the sum of the per-sample
  // gradients into `gradient` (dimension() floats). Works through the rows in
  // blocks, so memory stays bounded for whole shards.
  double add_gradient(const Dataset& data, std::span<const std::uint32_t> rows,
                      std::span<const float> model, std::span<float> gradient) const;

  // Loss sum and correct predictions over `rows`, without gradients.
  BatchResult evaluate(const Dataset& data, std::span<const std::uint32_t> rows,
                       std::span<const float> model) const;

  // FLOPs of one sample's forward and backward pass, with `input_nonzeros`
  // features present (the input dimension for dense data); see docs/tasks.md.
  double gradient_flops_per_sample(double input_nonzeros) const;

  // He initialisation (weights N(0, 2 / fan_in), biases 0) for the layers
  // followed by a ReLU, N(0, 1 / fan_in) for the output layer (LeCun), or all
  // zeros when `random` is false (linear models).
  std::vector<float> initial_model(Rng& rng, bool random) const;

 private:
  std::vector<std::size_t> sizes_;
  std::vector<std::size_t> offsets_;  // where W_l starts; b_l follows it
  bool bias_ = true;
  std::size_t dimension_ = 0;
  const OutputLoss& loss_;
};

}  // namespace commsim
