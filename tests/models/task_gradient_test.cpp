// Every learning task's gradient against central finite differences of its
// loss, on small synthetic data, dense and sparse.
#include <doctest/doctest.h>

#include "tests/support/task_builder.hpp"

#include <cmath>
#include <vector>

#include "models/tasks/registry.hpp"

using namespace commsim;

namespace {

std::unique_ptr<Task> make_task(nlohmann::json block, NodeId nodes = 2, std::uint64_t seed = 3) {
  return commsim::testing::build_task(block, nodes, seed);
}

std::vector<float> random_model(const Task& task, double scale) {
  Rng rng(11, "test-model");
  std::vector<float> model(task.dimension());
  for (auto& value : model)
    value = static_cast<float>(scale * rng.normal());
  return model;
}

// f_0(x) = shard mean loss + (l2/2) ||x||^2, in double around the float loss.
double objective(const Task& task, const std::vector<float>& model, double l2) {
  std::vector<float> unused;
  double squares = 0.0;
  for (const float value : model)
    squares += double{value} * value;
  return task.full_gradient(0, model, unused) + 0.5 * l2 * squares;
}

void check_gradient(const nlohmann::json& block, double model_scale = 0.3) {
  CAPTURE(block.dump());
  nlohmann::json with_batch = block;
  with_batch["batch"] = 4;
  const auto task = make_task(with_batch);
  REQUIRE(task->trainable());
  const double l2 = block.value("l2", 0.0);
  std::vector<float> model = random_model(*task, model_scale);
  std::vector<float> gradient;
  task->full_gradient(0, model, gradient);
  REQUIRE(gradient.size() == task->dimension());
  const float step = 1e-3f;
  double worst = 0.0;
  for (std::size_t k = 0; k < model.size(); ++k) {
    const float saved = model[k];
    model[k] = saved + step;
    const double up = objective(*task, model, l2);
    model[k] = saved - step;
    const double down = objective(*task, model, l2);
    model[k] = saved;
    // The perturbed coordinates are exactly saved +- step in float, so divide by their true
    // distance.
    const double distance = double{saved + step} - double{saved - step};
    const double numeric = (up - down) / distance;
    const double error = std::fabs(numeric - gradient[k]) / (1e-2 + std::fabs(numeric));
    worst = std::max(worst, error);
  }
  CHECK(worst < 2e-2);
}

}  // namespace

TEST_CASE("least_squares gradient matches finite differences, dense and sparse") {
  check_gradient({{"kind", "least_squares"},
                  {"samples", 80},
                  {"features", 6},
                  {"l2", 0.1},
                  {"condition_number", 10.0}});
  check_gradient({{"kind", "least_squares"},
                  {"samples", 80},
                  {"features", 30},
                  {"density", 0.2},
                  {"l2", 0.05}});
}

TEST_CASE("logistic gradient matches finite differences, dense and sparse") {
  check_gradient({{"kind", "logistic"}, {"samples", 80}, {"features", 6}, {"l2", 0.1}}, 1.0);
  check_gradient({{"kind", "logistic"}, {"samples", 80}, {"features", 30}, {"density", 0.2}}, 1.0);
}

TEST_CASE("softmax gradient matches finite differences, dense and sparse") {
  check_gradient({{"kind", "softmax"},
                  {"dataset", "synthetic"},
                  {"samples", 80},
                  {"features", 6},
                  {"classes", 4},
                  {"l2", 0.1}},
                 1.0);
  check_gradient({{"kind", "softmax"},
                  {"dataset", "synthetic"},
                  {"samples", 80},
                  {"features", 30},
                  {"density", 0.2},
                  {"classes", 3}},
                 1.0);
}

TEST_CASE("mlp gradient matches finite differences with one and two hidden layers") {
  check_gradient({{"kind", "mlp"},
                  {"dataset", "synthetic"},
                  {"samples", 60},
                  {"features", 6},
                  {"classes", 3},
                  {"hidden", 5},
                  {"l2", 0.01}},
                 0.7);
  check_gradient({{"kind", "mlp"},
                  {"dataset", "synthetic"},
                  {"samples", 60},
                  {"features", 6},
                  {"classes", 3},
                  {"hidden", 5},
                  {"hidden2", 4}},
                 0.7);
  check_gradient({{"kind", "mlp"},
                  {"dataset", "synthetic"},
                  {"samples", 60},
                  {"features", 25},
                  {"density", 0.3},
                  {"classes", 3},
                  {"hidden", 4},
                  {"hidden2", 3}},
                 0.7);
}

TEST_CASE("a minibatch as large as the shard gives the full gradient") {
  const auto task = make_task({{"kind", "softmax"},
                               {"dataset", "synthetic"},
                               {"samples", 100},
                               {"features", 5},
                               {"classes", 3},
                               {"l2", 0.2},
                               {"batch", 40},
                               {"test_fraction", 0.2}});
  REQUIRE(task->shard_size(0) == 40);
  REQUIRE(task->shard_size(1) == 40);
  CHECK(task->train_samples() == 80);
  const std::vector<float> model = random_model(*task, 0.5);
  std::vector<float> full, stochastic;
  const double full_loss = task->full_gradient(1, model, full);
  Rng rng(5, "batches", 1);
  const double batch_loss = task->stochastic_gradient(1, model, rng, stochastic);
  CHECK(batch_loss == doctest::Approx(full_loss).epsilon(1e-5));
  for (std::size_t k = 0; k < full.size(); ++k)
    CHECK(stochastic[k] == doctest::Approx(full[k]).epsilon(1e-4));
}

TEST_CASE("minibatches are drawn from the caller's stream and differ between draws") {
  const auto task =
      make_task({{"kind", "logistic"}, {"samples", 500}, {"features", 5}, {"batch", 8}});
  const std::vector<float> model = random_model(*task, 1.0);
  std::vector<float> a, b, c;
  Rng first(1, "batches"), second(1, "batches");
  task->stochastic_gradient(0, model, first, a);
  task->stochastic_gradient(0, model, second, b);
  CHECK(a == b);
  task->stochastic_gradient(0, model, first, c);
  CHECK(a != c);
}

TEST_CASE("train_loss of evaluate() is the global objective over all training samples") {
  const auto task = make_task({{"kind", "softmax"},
                               {"dataset", "synthetic"},
                               {"samples", 300},
                               {"features", 4},
                               {"classes", 3},
                               {"l2", 0.5},
                               {"eval_samples", 0}},
                              1);
  const std::vector<float> model = random_model(*task, 1.0);
  const TaskMetrics metrics = task->evaluate(std::vector<double>(model.begin(), model.end()));
  REQUIRE(metrics.train_loss);
  CHECK(*metrics.train_loss == doctest::Approx(objective(*task, model, 0.5)).epsilon(1e-6));
  REQUIRE(metrics.test_accuracy);
  CHECK(*metrics.test_accuracy >= 0.0);
  CHECK(*metrics.test_accuracy <= 1.0);
  CHECK(metrics.test_loss);
}

TEST_CASE("least squares reports a test loss but no accuracy") {
  const auto task = make_task({{"kind", "least_squares"}, {"samples", 100}, {"features", 3}});
  const TaskMetrics metrics = task->evaluate(std::vector<double>(task->dimension(), 0.0));
  CHECK(metrics.train_loss);
  CHECK(metrics.test_loss);
  CHECK_FALSE(metrics.test_accuracy);
}

TEST_CASE("linear models start at zero, the mlp from the same seeded random model on every node") {
  const auto softmax = make_task({{"kind", "softmax"},
                                  {"dataset", "synthetic"},
                                  {"samples", 50},
                                  {"features", 4},
                                  {"batch", 4}});
  CHECK(softmax->dimension() == 10 * 4 + 10);
  for (const float value : softmax->initial_model(0))
    CHECK(value == 0.0f);
  const auto mlp = make_task({{"kind", "mlp"},
                              {"dataset", "synthetic"},
                              {"samples", 50},
                              {"features", 4},
                              {"hidden", 8},
                              {"classes", 3},
                              {"batch", 4}});
  CHECK(mlp->dimension() == 8 * 4 + 8 + 3 * 8 + 3);
  CHECK(mlp->initial_model(0) == mlp->initial_model(1));
  const auto again = make_task({{"kind", "mlp"},
                                {"dataset", "synthetic"},
                                {"samples", 50},
                                {"features", 4},
                                {"hidden", 8},
                                {"classes", 3},
                                {"batch", 4}});
  CHECK(again->initial_model(0) == mlp->initial_model(0));
  double squares = 0.0;
  for (const float value : mlp->initial_model(0))
    squares += double{value} * value;
  CHECK(squares > 0.0);
}

TEST_CASE("gradient FLOPs follow the documented formula") {
  // softmax, dense d = 4, C = 3, batch 8: 8 * (4 d C + 2 C + 6 C + 4) + dimension.
  const auto task = make_task({{"kind", "softmax"},
                               {"dataset", "synthetic"},
                               {"samples", 100},
                               {"features", 4},
                               {"classes", 3},
                               {"batch", 8}});
  const double dimension = 3 * 4 + 3;
  CHECK(task->gradient_flops() == doctest::Approx(8 * (4 * 4 * 3 + 2 * 3 + 6 * 3 + 4) + dimension));
  CHECK(task->full_gradient_flops(0) ==
        doctest::Approx(static_cast<double>(task->shard_size(0)) * (4 * 4 * 3 + 2 * 3 + 6 * 3 + 4) +
                        dimension));
  // mlp 4 -> 5 -> 3 with l2: per sample 4*4*5 + 2*5 + (4*5*3 + 2*3) + (2*5*3 + 2*5) + 6*3 + 4.
  const auto mlp = make_task({{"kind", "mlp"},
                              {"dataset", "synthetic"},
                              {"samples", 100},
                              {"features", 4},
                              {"classes", 3},
                              {"hidden", 5},
                              {"batch", 2},
                              {"l2", 0.1}});
  const double per_sample = 4 * 4 * 5 + 2 * 5 + 4 * 5 * 3 + 2 * 3 + 2 * 5 * 3 + 2 * 5 + 6 * 3 + 4;
  CHECK(mlp->gradient_flops() ==
        doctest::Approx(2 * per_sample + 3.0 * static_cast<double>(mlp->dimension())));
}
