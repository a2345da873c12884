// Learning tasks end to end: training makes progress, Fashion-MNIST reaches a
// sane accuracy, and bad combinations are errors with JSON paths.
#include <doctest/doctest.h>

#include "tests/support/task_builder.hpp"

#include <filesystem>

#include "models/datasets/fashion_mnist.hpp"
#include "models/tasks/registry.hpp"

using namespace commsim;

namespace {

std::unique_ptr<Task> make_task(const nlohmann::json& block, NodeId nodes, std::uint64_t seed = 1) {
  return commsim::testing::build_task(block, nodes, seed);
}

// Full-batch gradient descent on node 0's shard; returns the final metrics.
TaskMetrics gradient_descent(const Task& task, int steps, float step_size,
                             std::vector<double>* losses = nullptr) {
  std::vector<float> model = task.initial_model(0), gradient;
  for (int step = 0; step < steps; ++step) {
    const double loss = task.full_gradient(0, model, gradient);
    if (losses != nullptr)
      losses->push_back(loss);
    for (std::size_t k = 0; k < model.size(); ++k)
      model[k] -= step_size * gradient[k];
  }
  return task.evaluate(std::vector<double>(model.begin(), model.end()));
}

bool fashion_mnist_installed() {
  return std::filesystem::exists(std::string(kFashionMnistDefaultDirectory) +
                                 "/train-images-idx3-ubyte.gz");
}

}  // namespace

TEST_CASE("softmax gradient descent on synthetic data decreases the loss") {
  const auto task = make_task({{"kind", "softmax"},
                               {"dataset", "synthetic"},
                               {"samples", 2000},
                               {"features", 20},
                               {"classes", 4},
                               {"l2", 1e-3}},
                              1);
  const TaskMetrics before = task->evaluate(std::vector<double>(task->dimension(), 0.0));
  std::vector<double> losses;
  const TaskMetrics after = gradient_descent(*task, 100, 0.5f, &losses);
  for (std::size_t k = 1; k < losses.size(); ++k)
    CHECK(losses[k] <= losses[k - 1] + 1e-9);
  CHECK(*after.train_loss < 0.6 * *before.train_loss);
  CHECK(*after.test_accuracy > 0.8);
}

TEST_CASE("least squares and logistic gradient descent converge on well-conditioned data") {
  const auto regression =
      make_task({{"kind", "least_squares"}, {"samples", 1000}, {"features", 10}}, 1);
  const TaskMetrics fit = gradient_descent(*regression, 200, 0.5f);
  CHECK(*fit.train_loss < 0.01);  // the noise floor is 0.1^2 / 2 = 0.005
  const auto classifier = make_task({{"kind", "logistic"}, {"samples", 1000}, {"features", 10}}, 1);
  CHECK(*gradient_descent(*classifier, 200, 1.0f).test_accuracy > 0.9);
}

TEST_CASE("softmax on 2000 Fashion-MNIST samples reaches a sane test accuracy in 300 GD steps") {
  if (!fashion_mnist_installed()) {
    MESSAGE("dataset-fashion-mnist is not installed; skipping the Fashion-MNIST training check");
    return;
  }
  const auto task = make_task({{"kind", "softmax"}, {"train_samples", 2000}}, 1);
  CHECK(task->dimension() == 7850);
  CHECK(task->shard_size(0) == 2000);
  const TaskMetrics metrics = gradient_descent(*task, 300, 0.5f);
  MESSAGE("Fashion-MNIST softmax, 300 GD steps on 2000 samples: test accuracy "
          << *metrics.test_accuracy);
  CHECK(*metrics.test_accuracy > 0.7);
}

TEST_CASE("shard and batch errors name the JSON path and the node") {
  // 100 samples, 20% held out: 80 over 3 nodes gives shards of 27, 27, 26.
  const nlohmann::json small = {
      {"kind", "logistic"}, {"samples", 100}, {"features", 3}, {"batch", 27}};
  CHECK(commsim::testing::input_error_of([&] { make_task(small, 3); }) ==
        "task.batch: got 27, but node 2's shard has 26 samples; lower batch");
  nlohmann::json skewed = small;
  skewed["partition"] = {{"kind", "dirichlet"}, {"alpha", 0.01}};
  CHECK(commsim::testing::input_error_of([&] {
          make_task(skewed, 3);
        }).find("(partition dirichlet with alpha 0.01, best of 1000 draws)") != std::string::npos);
  nlohmann::json shards = small;
  shards["partition"] = "shards";
  shards["shards_per_node"] = 30;
  CHECK(commsim::testing::input_error_of([&] {
          make_task(shards, 3);
        }).find("task.shards_per_node: got 30") == 0);
  CHECK(commsim::testing::input_error_of([&] {
          make_task(small, 200);
        }).find("task: the training set has 80 samples, fewer than the 200 nodes") == 0);
  nlohmann::json regression = {
      {"kind", "least_squares"}, {"samples", 100}, {"partition", "dirichlet"}};
  CHECK(commsim::testing::input_error_of([&] {
          make_task(regression, 2);
        }).find("task.partition: got \"dirichlet\"") == 0);
  nlohmann::json subset = small;
  subset["train_samples"] = 81;
  CHECK(commsim::testing::input_error_of([&] { make_task(subset, 1); }) ==
        "task.train_samples: got 81, but the training set has 80 samples");
}

TEST_CASE("the partition may be nested, as in the interface example, with its own paths") {
  const nlohmann::json nested = {{"kind", "softmax"},
                                 {"dataset", "synthetic"},
                                 {"samples", 500},
                                 {"partition", {{"kind", "dirichlet"}, {"alpha", 0.5}}}};
  const nlohmann::json flat = normalize_task_block(nested, "task");
  CHECK(flat["partition"] == "dirichlet");
  CHECK(flat["alpha"] == 0.5);
  CHECK(make_task(nested, 4)->shard_size(0) > 0);
  auto error = [](nlohmann::json partition, nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json block = {{"kind", "softmax"}, {"partition", partition}};
    block.update(extra);
    return commsim::testing::input_error_of([&] { normalize_task_block(block, "task"); });
  };
  CHECK(error({{"kind", "dirichlet"}, {"alpha", -1}}) ==
        "task.partition.alpha: got -1, expected a number > 0");
  CHECK(error({{"kind", "dirchlet"}}).find("task.partition.kind: got \"dirchlet\"") == 0);
  CHECK(error({{"alpha", 1}}).find("task.partition.kind: is required") == 0);
  CHECK(error({{"kind", "shards"}, {"shard_per_node", 2}})
            .find("task.partition.shard_per_node: unknown key") == 0);
  CHECK(error({{"kind", "dirichlet"}, {"alpha", 1}}, {{"alpha", 2}}) ==
        "task.alpha: given twice: also as task.partition.alpha");
  const nlohmann::json consensus = {{"kind", "consensus"}, {"dim", 3}};
  CHECK(normalize_task_block(consensus, "task") == consensus);
}

TEST_CASE("logistic rejects multiclass data, consensus stays untrainable") {
  CHECK(commsim::testing::input_error_of([&] {
          make_task({{"kind", "logistic"}, {"dataset", "fashion-mnist"}}, 1);
        }).find("task.dataset: the fashion-mnist data have 10 classes, but logistic is binary") ==
        0);
  CHECK(commsim::testing::input_error_of([&] {
          make_task({{"kind", "softmax"}, {"data_dir", "no-such-dir"}}, 1);
        }).find("task.data_dir: cannot find no-such-dir") == 0);
  const auto consensus = make_task({{"kind", "consensus"}, {"dim", 4}}, 2);
  CHECK_FALSE(consensus->trainable());
  CHECK(consensus->gradient_flops() == 0.0);
  std::vector<float> gradient;
  CHECK_THROWS_AS(consensus->full_gradient(0, consensus->initial_model(0), gradient),
                  std::logic_error);
  CHECK(task_registry().names() == std::vector<std::string>{"consensus", "least_squares",
                                                            "logistic", "softmax", "mlp",
                                                            "synthetic_model"});
}
