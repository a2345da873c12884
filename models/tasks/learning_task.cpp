#include "models/tasks/learning_task.hpp"

#include <stdexcept>

#include "models/datasets/random_draws.hpp"

namespace commsim {

const std::vector<std::uint32_t>& LearningTask::shard(NodeId node) const {
  if (node < 0 || static_cast<std::size_t>(node) >= setup_.shards.size()) {
    throw std::out_of_range("task " + setup_.name + ": no node " + std::to_string(node));
  }
  return setup_.shards[static_cast<std::size_t>(node)];
}

void LearningTask::check_model_size(const std::vector<float>& model) const {
  if (model.size() != dimension()) {
    throw std::invalid_argument("task " + setup_.name + ": model has " +
                                std::to_string(model.size()) + " floats, expected " +
                                std::to_string(dimension()));
  }
}

double LearningTask::gradient_on(std::span<const std::uint32_t> rows,
                                 const std::vector<float>& model,
                                 std::vector<float>& gradient) const {
  check_model_size(model);
  gradient.assign(dimension(), 0.0f);
  const double loss_sum = setup_.predictor.add_gradient(setup_.data->train, rows, model, gradient);
  const auto scale = static_cast<float>(1.0 / static_cast<double>(rows.size()));
  const auto l2 = static_cast<float>(setup_.l2);
  for (std::size_t k = 0; k < gradient.size(); ++k)
    gradient[k] = gradient[k] * scale + l2 * model[k];
  return loss_sum / static_cast<double>(rows.size());
}

double LearningTask::stochastic_gradient(NodeId node, const std::vector<float>& model, Rng& rng,
                                         std::vector<float>& gradient) const {
  const auto& rows = shard(node);
  if (rows.empty())
    return no_gradient(model, gradient);
  // The thread's buffer: a step allocates nothing (tasks are shared by threads).
  thread_local std::vector<std::uint32_t> batch;
  batch.clear();
  // Only the plain Dirichlet draw leaves shards smaller than a batch; they
  // still give a full batch, with repeats.
  if (rows.size() < setup_.batch)
    sample_with_replacement(rows.size(), setup_.batch, rng, batch);
  else
    sample_without_replacement(rows.size(), setup_.batch, rng, batch);
  for (auto& pick : batch)
    pick = rows[pick];
  return gradient_on(batch, model, gradient);
}

double LearningTask::full_gradient(NodeId node, const std::vector<float>& model,
                                   std::vector<float>& gradient) const {
  const auto& rows = shard(node);
  if (rows.empty())
    return no_gradient(model, gradient);
  return gradient_on(rows, model, gradient);
}

double LearningTask::no_gradient(const std::vector<float>& model,
                                 std::vector<float>& gradient) const {
  check_model_size(model);
  gradient.assign(dimension(), 0.0f);
  return 0.0;
}

double LearningTask::stochastic_gradient_flops(NodeId node) const {
  return shard(node).empty() ? 0.0 : gradient_flops();
}

double LearningTask::flops_for(std::size_t samples) const {
  if (samples == 0)
    return 0.0;  // a node without rows computes nothing
  // Per-sample passes, then scaling the sum by 1/samples (1 per entry) and,
  // with l2 > 0, adding l2 * model (2 per entry).
  const double per_entry = setup_.l2 > 0.0 ? 3.0 : 1.0;
  return static_cast<double>(samples) *
             setup_.predictor.gradient_flops_per_sample(setup_.data->train.nonzeros_per_sample()) +
         per_entry * static_cast<double>(dimension());
}

TaskMetrics LearningTask::evaluate(const std::vector<double>& model) const {
  if (model.size() != dimension()) {
    throw std::invalid_argument("task " + setup_.name + ": model has " +
                                std::to_string(model.size()) + " values, expected " +
                                std::to_string(dimension()));
  }
  const std::vector<float> weights(model.begin(), model.end());
  double squared_norm = 0.0;
  for (const double value : model)
    squared_norm += value * value;
  TaskMetrics metrics;
  const BatchResult train =
      setup_.predictor.evaluate(setup_.data->train, setup_.eval_rows, weights);
  metrics.train_loss = train.loss_sum / static_cast<double>(setup_.eval_rows.size()) +
                       0.5 * setup_.l2 * squared_norm;
  if (!setup_.test_rows.empty()) {
    const BatchResult test =
        setup_.predictor.evaluate(setup_.data->test, setup_.test_rows, weights);
    const auto count = static_cast<double>(setup_.test_rows.size());
    metrics.test_loss = test.loss_sum / count;
    if (setup_.predictor.loss().classification())
      metrics.test_accuracy = static_cast<double>(test.correct) / count;
  }
  return metrics;
}

std::size_t LearningTask::data_bytes() const {
  std::size_t rows = setup_.eval_rows.size() + setup_.test_rows.size();
  for (const auto& shard : setup_.shards)
    rows += shard.size();
  return setup_.data->train.memory_bytes() + setup_.data->test.memory_bytes() +
         rows * sizeof(std::uint32_t);
}

}  // namespace commsim
