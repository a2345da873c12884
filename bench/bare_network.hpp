#pragma once
// A fully connected ReLU network with biases and a softmax cross-entropy
// loss on a fixed number of rows, every buffer allocated in the constructor,
// for bench/learning_bare.cpp. Same layout, initialisation and gradient as
// commsim's FeedForwardModel with bias: per layer W_l (fan_out x fan_in,
// column-major) then b_l, in one flat float vector.
#include <Eigen/Core>

#include <cmath>
#include <cstring>
#include <vector>

#include "sim/kernel/rng.hpp"

namespace commsim::bench {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct BatchScore {
  double loss_sum = 0.0;
  std::size_t correct = 0;
};

class BareNetwork {
 public:
  // layer_sizes = {inputs, hidden..., outputs}.
  BareNetwork(std::vector<std::size_t> layer_sizes, std::size_t rows)
      : sizes_(std::move(layer_sizes)), labels_(rows) {
    const auto n = static_cast<Eigen::Index>(rows);
    for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
      offsets_.push_back(dimension_);
      dimension_ += sizes_[l + 1] * sizes_[l] + sizes_[l + 1];
      activations_.emplace_back(n, static_cast<Eigen::Index>(sizes_[l]));
      deltas_.emplace_back(n, static_cast<Eigen::Index>(sizes_[l + 1]));
    }
  }

  const std::vector<std::size_t>& layer_sizes() const { return sizes_; }
  std::size_t dimension() const { return dimension_; }

  void set_row(std::size_t r, const float* features, float label) {
    std::memcpy(activations_[0].row(static_cast<Eigen::Index>(r)).data(), features,
                sizes_[0] * sizeof(float));
    labels_[r] = static_cast<std::size_t>(label);
  }

  // The sum over the rows of the per-row gradients into `gradient`
  // (dimension() floats, overwritten); returns the loss sum.
  double loss_and_gradient(const float* model, float* gradient) {
    forward(model);
    const double loss_sum = softmax_cross_entropy(nullptr);
    for (std::size_t l = layers(); l-- > 0;) {
      RowMatrix& delta = deltas_[l];
      float* start = gradient + offsets_[l];
      Eigen::Map<Eigen::MatrixXf> weight_gradient(start, fan_out(l), fan_in(l));
      weight_gradient.noalias() = delta.transpose() * activations_[l];
      Eigen::Map<Eigen::RowVectorXf>(start + fan_out(l) * fan_in(l), fan_out(l)) =
          delta.colwise().sum();
      if (l > 0) {
        // relu'(z) = [relu(z) > 0]: the stored activation gives the mask.
        deltas_[l - 1].noalias() = delta * weights(model, l);
        deltas_[l - 1].array() *= (activations_[l].array() > 0.0f).cast<float>();
      }
    }
    return loss_sum;
  }

  // Loss sum and correct predictions, without gradients.
  BatchScore score(const float* model) {
    forward(model);
    BatchScore result;
    result.loss_sum = softmax_cross_entropy(&result.correct);
    return result;
  }

  // commsim's initialisation: N(0, 2 / fan_in) weights before a ReLU,
  // N(0, 1 / fan_in) for the output layer, zero biases; all zero if not random.
  std::vector<float> initial_model(Rng& rng, bool random) const {
    std::vector<float> model(dimension_, 0.0f);
    if (!random)
      return model;
    for (std::size_t l = 0; l < layers(); ++l) {
      const double scale =
          std::sqrt((l + 1 == layers() ? 1.0 : 2.0) / static_cast<double>(sizes_[l]));
      for (std::size_t k = 0; k < sizes_[l + 1] * sizes_[l]; ++k)
        model[offsets_[l] + k] = static_cast<float>(scale * rng.normal());
    }
    return model;
  }

 private:
  std::size_t layers() const { return sizes_.size() - 1; }
  Eigen::Index fan_in(std::size_t l) const { return static_cast<Eigen::Index>(sizes_[l]); }
  Eigen::Index fan_out(std::size_t l) const { return static_cast<Eigen::Index>(sizes_[l + 1]); }
  Eigen::Map<const Eigen::MatrixXf> weights(const float* model, std::size_t l) const {
    return {model + offsets_[l], fan_out(l), fan_in(l)};
  }
  Eigen::Map<const Eigen::RowVectorXf> bias(const float* model, std::size_t l) const {
    return {model + offsets_[l] + fan_out(l) * fan_in(l), fan_out(l)};
  }

  // Scores land in the last delta buffer, which the loss then overwrites
  // with d loss / d scores.
  void forward(const float* model) {
    for (std::size_t l = 0; l < layers(); ++l) {
      RowMatrix& out = l + 1 == layers() ? deltas_[l] : activations_[l + 1];
      out.noalias() = activations_[l] * weights(model, l).transpose();
      out.rowwise() += bias(model, l);
      if (l + 1 < layers())
        out = out.cwiseMax(0.0f);
    }
  }

  // Softmax cross-entropy of the scores in deltas_.back(), replaced by the
  // gradient; counts correct predictions when `correct` is not null.
  double softmax_cross_entropy(std::size_t* correct) {
    RowMatrix& scores = deltas_.back();
    double loss_sum = 0.0;
    for (Eigen::Index r = 0; r < scores.rows(); ++r) {
      auto z = scores.row(r);
      Eigen::Index best = 0;
      const float largest = z.maxCoeff(&best);
      const std::size_t label = labels_[static_cast<std::size_t>(r)];
      const float label_score = z(static_cast<Eigen::Index>(label));
      z = (z.array() - largest).exp().matrix();
      const float normaliser = z.sum();
      loss_sum += std::log(double{normaliser}) + largest - label_score;
      z /= normaliser;
      z(static_cast<Eigen::Index>(label)) -= 1.0f;
      if (correct != nullptr && static_cast<std::size_t>(best) == label)
        ++*correct;
    }
    return loss_sum;
  }

  std::vector<std::size_t> sizes_;
  std::vector<std::size_t> offsets_;  // where W_l starts; b_l follows it
  std::size_t dimension_ = 0;
  std::vector<RowMatrix> activations_;  // [0]: the inputs; [l]: layer l's ReLU outputs
  std::vector<RowMatrix> deltas_;       // [l]: d loss / d (W_l a_l + b_l)
  std::vector<std::size_t> labels_;
};

}  // namespace commsim::bench
