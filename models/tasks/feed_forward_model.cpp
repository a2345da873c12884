#include "models/tasks/feed_forward_model.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstring>
#include <stdexcept>

namespace commsim {

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
// activations (after ReLU) and the output scores.
struct Activations {
  RowMatrix inputs;  // dense data only
  std::vector<RowMatrix> hidden;
  RowMatrix scores;
};

struct Layer {
  ConstWeights weights;
  const float* bias;  // fan_out entries; null for a bias-free model
};

// One forward/backward sweep over blocks of rows at a fixed model.
class ModelPass {
 public:
  ModelPass(const FeedForwardModel& predictor, const Dataset& data, std::span<const float> model,
            const std::vector<std::size_t>& offsets)
      : sizes_(predictor.layer_sizes()),
        bias_(predictor.has_bias()),
        data_(data),
        model_(model),
        offsets_(offsets) {
    activations_.hidden.resize(sizes_.size() - 2);
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

  // Backpropagates `delta` = d loss / d scores, adding into `gradient`.
  void backward(std::span<const std::uint32_t> rows, RowMatrix& delta, std::span<float> gradient) {
    for (std::size_t l = sizes_.size() - 1; l-- > 0;) {
      float* start = gradient.data() + offsets_[l];
      const auto fan_out = static_cast<Eigen::Index>(sizes_[l + 1]);
      const auto fan_in = static_cast<Eigen::Index>(sizes_[l]);
      Weights weight_gradient(start, fan_out, fan_in);
      if (bias_)
        Bias(start + fan_out * fan_in, fan_out) += delta.colwise().sum().transpose();
      if (l > 0) {
        const RowMatrix& below = activations_.hidden[l - 1];
        weight_gradient.noalias() += delta.transpose() * below;
        // relu'(z) = [z > 0] = [relu(z) > 0]: the stored activation gives the mask.
        RowMatrix next =
            (delta * layer(l).weights).cwiseProduct((below.array() > 0.0f).cast<float>().matrix());
        delta.swap(next);
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

  ScoreBlock scores(std::span<const std::uint32_t> rows, std::vector<float>& targets) const {
    targets.resize(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r)
      targets[r] = data_.targets[rows[r]];
    return {activations_.scores.data(), targets.data(), rows.size(), sizes_.back()};
  }

 private:
  const std::vector<std::size_t>& sizes_;
  bool bias_;
  const Dataset& data_;
  std::span<const float> model_;
  const std::vector<std::size_t>& offsets_;
  Activations activations_;
};

}  // namespace

FeedForwardModel::FeedForwardModel(std::vector<std::size_t> layer_sizes, const OutputLoss& loss,
                                   bool bias)
    : sizes_(std::move(layer_sizes)), bias_(bias), loss_(loss) {
  if (sizes_.size() < 2)
    throw std::logic_error("a feed-forward model needs an input and an output layer");
  for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
    offsets_.push_back(dimension_);
    dimension_ += sizes_[l + 1] * sizes_[l] + (bias_ ? sizes_[l + 1] : 0);
  }
}

double FeedForwardModel::add_gradient(const Dataset& data, std::span<const std::uint32_t> rows,
                                      std::span<const float> model,
                                      std::span<float> gradient) const {
  ModelPass pass(*this, data, model, offsets_);
  std::vector<float> targets;
  RowMatrix delta;
  double loss_sum = 0.0;
  for (std::size_t begin = 0; begin < rows.size(); begin += kBlockRows) {
    const auto block = rows.subspan(begin, std::min(kBlockRows, rows.size() - begin));
    pass.forward(block);
    delta.resize(static_cast<Eigen::Index>(block.size()), static_cast<Eigen::Index>(sizes_.back()));
    loss_sum += loss_.evaluate(pass.scores(block, targets), delta.data(), nullptr);
    pass.backward(block, delta, gradient);
  }
  return loss_sum;
}

BatchResult FeedForwardModel::evaluate(const Dataset& data, std::span<const std::uint32_t> rows,
                                       std::span<const float> model) const {
  ModelPass pass(*this, data, model, offsets_);
  std::vector<float> targets;
  BatchResult result;
  for (std::size_t begin = 0; begin < rows.size(); begin += kBlockRows) {
    const auto block = rows.subspan(begin, std::min(kBlockRows, rows.size() - begin));
    pass.forward(block);
    result.loss_sum += loss_.evaluate(pass.scores(block, targets), nullptr, &result.correct);
  }
  return result;
}

double FeedForwardModel::gradient_flops_per_sample(double input_nonzeros) const {
  // Per layer: forward 2*in*out + out (bias), weight gradient 2*in*out, bias
  // gradient out (no bias terms when bias-free); layers above the first also
  // pass the gradient down (2*in*out) and every hidden unit costs 2 (ReLU, its
  // mask).
  double flops = loss_.flops_per_sample(sizes_.back());
  for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
    const double in = l == 0 ? input_nonzeros : static_cast<double>(sizes_[l]);
    const double out = static_cast<double>(sizes_[l + 1]);
    flops += 4.0 * in * out + (bias_ ? 2.0 * out : 0.0);
    if (l > 0)
      flops += 2.0 * in * out + 2.0 * in;
  }
  return flops;
}

std::vector<float> FeedForwardModel::initial_model(Rng& rng, bool random) const {
  std::vector<float> model(dimension_, 0.0f);
  if (!random)
    return model;
  for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
    const bool output_layer = l + 2 == sizes_.size();
    const double scale = std::sqrt((output_layer ? 1.0 : 2.0) / static_cast<double>(sizes_[l]));
    const std::size_t weights = sizes_[l + 1] * sizes_[l];
    for (std::size_t k = 0; k < weights; ++k) {
      model[offsets_[l] + k] = static_cast<float>(scale * rng.normal());
    }
  }
  return model;
}

}  // namespace commsim
