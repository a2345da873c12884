// The hot loops of a FeedForwardModel, in Eigen: forward and backward passes
// over blocks of rows. This file is compiled once per instruction set (see
// models/tasks/CMakeLists.txt): COMMSIM_KERNELS names the namespace of that
// build and COMMSIM_KERNELS_NAME the name users see; feed_forward_model.cpp
// picks one at run time.
#include <Eigen/Core>

#include <cstring>

#include "models/tasks/feed_forward_kernels.hpp"

namespace commsim::COMMSIM_KERNELS {

namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstWeights = Eigen::Map<const Eigen::MatrixXf>;  // fan_out x fan_in, column-major
using Weights = Eigen::Map<Eigen::MatrixXf>;
using ConstBias = Eigen::Map<const Eigen::VectorXf>;
using Bias = Eigen::Map<Eigen::VectorXf>;

// Rows per block: big enough for efficient matrix products, small enough that
// a block's activations stay in cache.
constexpr std::size_t kBlockRows = 256;

// One block's forward pass: the gathered dense inputs, every hidden layer's
// activations (after ReLU) and the output scores; and the backward pass's
// gradients with respect to the scores and to a hidden layer.
struct Activations {
  RowMatrix inputs;  // dense data only
  std::vector<RowMatrix> hidden;
  RowMatrix scores;
  std::vector<RowMatrix> deltas;  // per layer: d loss / d its outputs
  Eigen::RowVectorXf bias_sums;
  Eigen::VectorXf targets;
};

// Each thread's buffers, reused from step to step: a minibatch step of the
// same shape allocates nothing. Tasks are shared by threads, so the buffers
// cannot live in them.
Activations& thread_activations() {
  thread_local Activations activations;
  return activations;
}

struct Layer {
  ConstWeights weights;
  const float* bias;  // fan_out entries; null for a bias-free model
};

// One forward/backward sweep over blocks of rows at a fixed model.
// Rows begin .. begin + kBlockRows (or the end). Written out rather than
// rows.subspan(): this file must not instantiate templates of the standard
// library over our types' plain arguments (see CMakeLists.txt).
std::span<const std::uint32_t> block_of(std::span<const std::uint32_t> rows, std::size_t begin) {
  return {rows.data() + begin, std::min(kBlockRows, rows.size() - begin)};
}

class ModelPass {
 public:
  ModelPass(const FeedForwardModel& predictor, const Dataset& data, std::span<const float> model)
      : sizes_(predictor.layer_sizes()),
        bias_(predictor.has_bias()),
        data_(data),
        model_(model),
        offsets_(predictor.layer_offsets()),
        activations_(thread_activations()) {
    activations_.hidden.resize(sizes_.size() - 2);
    activations_.deltas.resize(sizes_.size() - 1);
  }

  Layer layer(std::size_t l) const {
    const float* start = model_.data() + offsets_[l];
    return {ConstWeights(start, static_cast<Eigen::Index>(sizes_[l + 1]),
                         static_cast<Eigen::Index>(sizes_[l])),
            bias_ ? start + sizes_[l + 1] * sizes_[l] : nullptr};
  }

  // Adds the layer's bias to every row of `outputs` (nothing when bias-free).
  static void add_bias(RowMatrix& outputs, const Layer& layer) {
    if (layer.bias != nullptr)
      outputs.rowwise() += ConstBias(layer.bias, outputs.cols()).transpose();
  }

  // z = W_0 x + b_0 for the block's rows, then the remaining layers.
  void forward(std::span<const std::uint32_t> rows) {
    const auto n = static_cast<Eigen::Index>(rows.size());
    const std::size_t layers = sizes_.size() - 1;
    RowMatrix& first = layers == 1 ? activations_.scores : activations_.hidden[0];
    const Layer input_layer = layer(0);
    if (data_.sparse) {
      first.setZero(n, input_layer.weights.rows());
      for (Eigen::Index r = 0; r < n; ++r) {
        const auto row = rows[static_cast<std::size_t>(r)];
        for (auto k = data_.rows.row_start[row]; k < data_.rows.row_start[row + 1]; ++k) {
          first.row(r) +=
              data_.rows.value[k] * input_layer.weights.col(data_.rows.column[k]).transpose();
        }
      }
    } else {
      RowMatrix& inputs = activations_.inputs;
      inputs.resize(n, static_cast<Eigen::Index>(data_.features));
      for (Eigen::Index r = 0; r < n; ++r) {
        std::memcpy(inputs.row(r).data(), data_.dense_row(rows[static_cast<std::size_t>(r)]),
                    data_.features * sizeof(float));
      }
      first.noalias() = inputs * input_layer.weights.transpose();
    }
    add_bias(first, input_layer);
    for (std::size_t l = 1; l < layers; ++l) {
      RowMatrix& previous = activations_.hidden[l - 1];
      previous = previous.cwiseMax(0.0f);  // ReLU
      RowMatrix& next = l + 1 == layers ? activations_.scores : activations_.hidden[l];
      const Layer current = layer(l);
      next.noalias() = previous * current.weights.transpose();
      add_bias(next, current);
    }
  }

  // Backpropagates output_delta() = d loss / d scores, adding into `gradient`.
  void backward(std::span<const std::uint32_t> rows, std::span<float> gradient) {
    for (std::size_t l = sizes_.size() - 1; l-- > 0;) {
      const RowMatrix& delta = activations_.deltas[l];
      float* start = gradient.data() + offsets_[l];
      const auto fan_out = static_cast<Eigen::Index>(sizes_[l + 1]);
      const auto fan_in = static_cast<Eigen::Index>(sizes_[l]);
      Weights weight_gradient(start, fan_out, fan_in);
      if (bias_) {
        // Summed into an aligned buffer first: evaluated straight into the
        // gradient, the sums' order (vector or scalar path) would follow the
        // gradient's address, and outputs would depend on the allocator.
        activations_.bias_sums.noalias() = delta.colwise().sum();
        Bias(start + fan_out * fan_in, fan_out) += activations_.bias_sums.transpose();
      }
      if (l > 0) {
        const RowMatrix& below = activations_.hidden[l - 1];
        weight_gradient.noalias() += delta.transpose() * below;
        // relu'(z) = [z > 0] = [relu(z) > 0]: the stored activation gives the mask.
        RowMatrix& next = activations_.deltas[l - 1];
        next.noalias() = delta * layer(l).weights;
        next = next.cwiseProduct((below.array() > 0.0f).cast<float>().matrix());
      } else if (data_.sparse) {
        for (std::size_t r = 0; r < rows.size(); ++r) {
          const auto row = rows[r];
          for (auto k = data_.rows.row_start[row]; k < data_.rows.row_start[row + 1]; ++k) {
            weight_gradient.col(data_.rows.column[k]) +=
                data_.rows.value[k] * delta.row(static_cast<Eigen::Index>(r)).transpose();
          }
        }
      } else {
        weight_gradient.noalias() += delta.transpose() * activations_.inputs;
      }
    }
  }

  RowMatrix& output_delta() { return activations_.deltas.back(); }

  ScoreBlock scores(std::span<const std::uint32_t> rows) {
    Eigen::VectorXf& targets = activations_.targets;
    targets.resize(static_cast<Eigen::Index>(rows.size()));
    for (std::size_t r = 0; r < rows.size(); ++r)
      targets[static_cast<Eigen::Index>(r)] = data_.targets[rows[r]];
    return {activations_.scores.data(), targets.data(), rows.size(), sizes_.back()};
  }

 private:
  const std::vector<std::size_t>& sizes_;
  bool bias_;
  const Dataset& data_;
  std::span<const float> model_;
  const std::vector<std::size_t>& offsets_;
  Activations& activations_;
};

}  // namespace

double add_gradient(const FeedForwardModel& predictor, const Dataset& data,
                    std::span<const std::uint32_t> rows, std::span<const float> model,
                    std::span<float> gradient) {
  ModelPass pass(predictor, data, model);
  double loss_sum = 0.0;
  for (std::size_t begin = 0; begin < rows.size(); begin += kBlockRows) {
    const auto block = block_of(rows, begin);
    pass.forward(block);
    RowMatrix& delta = pass.output_delta();
    delta.resize(static_cast<Eigen::Index>(block.size()),
                 static_cast<Eigen::Index>(predictor.layer_sizes().back()));
    loss_sum += predictor.loss().evaluate(pass.scores(block), delta.data(), nullptr);
    pass.backward(block, gradient);
  }
  return loss_sum;
}

BatchResult evaluate(const FeedForwardModel& predictor, const Dataset& data,
                     std::span<const std::uint32_t> rows, std::span<const float> model) {
  ModelPass pass(predictor, data, model);
  BatchResult result;
  for (std::size_t begin = 0; begin < rows.size(); begin += kBlockRows) {
    const auto block = block_of(rows, begin);
    pass.forward(block);
    result.loss_sum += predictor.loss().evaluate(pass.scores(block), nullptr, &result.correct);
  }
  return result;
}

const FeedForwardKernels kKernels{&add_gradient, &evaluate, COMMSIM_KERNELS_NAME};

}  // namespace commsim::COMMSIM_KERNELS
