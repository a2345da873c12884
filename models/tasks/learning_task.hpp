#pragma once
// The Task of every data-driven objective: a shared data set, one shard of
// training rows per node (possibly small or empty under the plain Dirichlet
// draw), a FeedForwardModel with an OutputLoss, an l2 term. The task
// files (least_squares.cpp, logistic.cpp, softmax.cpp, mlp.cpp) only choose
// the loss, the layers and the initialisation.
#include <memory>
#include <string>
#include <vector>

#include "models/datasets/dataset.hpp"
#include "models/datasets/partition.hpp"
#include "models/tasks/data_source.hpp"
#include "models/tasks/feed_forward_model.hpp"
#include "models/tasks/registry.hpp"

namespace commsim {

struct TaskSpec {
  std::string name;
  const OutputLoss& loss;
  LabelKind labels;
  std::vector<std::size_t> hidden;  // hidden layer sizes; empty: linear model
  bool random_init;                 // He initialisation; false: zeros
  bool bias;                        // every layer has a bias; false: weights only
};

struct LearningTaskSetup {
  std::string name;
  std::shared_ptr<const DataSplit> data;
  FeedForwardModel predictor;
  NodeRows shards;                       // per node: training rows
  std::vector<std::uint32_t> eval_rows;  // training rows behind train_loss
  std::vector<std::uint32_t> test_rows;  // every test row
  std::size_t train_samples = 0;         // rows over all shards
  std::size_t batch = 1;
  double l2 = 0.0;
  std::vector<float> initial_model;
  DataOrigin data_origin = DataOrigin::kGenerated;  // how `data` was obtained
};

// Loads the data, partitions it and checks the combination (batch vs. shard
// sizes, labels vs. task); throws InputError at the parameter's JSON path.
LearningTaskSetup build_learning_task(const Params& params, const TaskContext& context,
                                      const TaskSpec& spec);

class LearningTask : public Task {
 public:
  explicit LearningTask(LearningTaskSetup setup) : setup_(std::move(setup)) {}

  std::string name() const override { return setup_.name; }
  std::size_t dimension() const override { return setup_.predictor.dimension(); }
  std::vector<float> initial_model(NodeId) const override { return setup_.initial_model; }
  // train_loss on eval_rows (with the l2 term); test_loss, and test_accuracy
  // for classification, on the whole test set (absent without one).
  TaskMetrics evaluate(const std::vector<double>& model) const override;

  bool trainable() const override { return true; }
  double stochastic_gradient(NodeId node, const std::vector<float>& model, Rng& rng,
                             std::vector<float>& gradient) const override;
  double full_gradient(NodeId node, const std::vector<float>& model,
                       std::vector<float>& gradient) const override;
  double gradient_flops() const override { return flops_for(setup_.batch); }
  double stochastic_gradient_flops(NodeId node) const override;
  double full_gradient_flops(NodeId node) const override { return flops_for(shard(node).size()); }
  std::size_t shard_size(NodeId node) const override { return shard(node).size(); }
  std::size_t train_samples() const override { return setup_.train_samples; }
  std::size_t batch_size() const override { return setup_.batch; }
  std::size_t data_bytes() const override;
  std::size_t shared_data_bytes() const override {
    return setup_.data->train.memory_bytes() + setup_.data->test.memory_bytes();
  }
  std::string data_origin() const override { return data_origin_name(setup_.data_origin); }

 private:
  const std::vector<std::uint32_t>& shard(NodeId node) const;
  void check_model_size(const std::vector<float>& model) const;
  double gradient_on(std::span<const std::uint32_t> rows, const std::vector<float>& model,
                     std::vector<float>& gradient) const;
  // An empty shard (plain Dirichlet draw) has no local objective: zero
  // gradient, no l2 term, mean loss 0, so the node only mixes.
  double no_gradient(const std::vector<float>& model, std::vector<float>& gradient) const;
  double flops_for(std::size_t samples) const;

  LearningTaskSetup setup_;
};

}  // namespace commsim
