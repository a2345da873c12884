// `bias: false` on the linear tasks: the dimension drops to the weights alone
// and the gradient is that of the bias-free model.
#include <doctest/doctest.h>

#include "tests/support/task_builder.hpp"

#include <cmath>
#include <vector>

#include "models/tasks/registry.hpp"

using namespace commsim;

namespace {

std::unique_ptr<Task> make_task(nlohmann::json block, NodeId nodes = 1) {
  return commsim::testing::build_task(block, nodes, 5);
}

std::vector<float> random_model(std::size_t dimension) {
  Rng rng(12, "test-model");
  std::vector<float> model(dimension);
  for (auto& value : model)
    value = static_cast<float>(0.5 * rng.normal());
  return model;
}

// Largest relative error of the gradient against central finite differences
// of f_0 = shard mean loss + (l2/2) ||x||^2.
double worst_gradient_error(const Task& task, double l2) {
  std::vector<float> model = random_model(task.dimension()), gradient, unused;
  task.full_gradient(0, model, gradient);
  auto objective = [&] {
    double squares = 0.0;
    for (const float value : model)
      squares += double{value} * value;
    return task.full_gradient(0, model, unused) + 0.5 * l2 * squares;
  };
  double worst = 0.0;
  for (std::size_t k = 0; k < model.size(); ++k) {
    const float saved = model[k];
    model[k] = saved + 1e-3f;
    const double up = objective();
    model[k] = saved - 1e-3f;
    const double down = objective();
    model[k] = saved;
    const double numeric = (up - down) / (double{saved + 1e-3f} - double{saved - 1e-3f});
    worst = std::max(worst, std::fabs(numeric - gradient[k]) / (1e-2 + std::fabs(numeric)));
  }
  return worst;
}

}  // namespace

TEST_CASE("bias false: dimension features, resp. classes x features, and FD-exact gradients") {
  struct Case {
    nlohmann::json block;
    std::size_t with_bias, without_bias;
  };
  const std::vector<Case> cases = {
      {{{"kind", "least_squares"}, {"samples", 80}, {"features", 6}, {"l2", 0.1}}, 7, 6},
      {{{"kind", "logistic"}, {"samples", 80}, {"features", 6}}, 7, 6},
      {{{"kind", "logistic"}, {"samples", 80}, {"features", 30}, {"density", 0.2}}, 31, 30},
      {{{"kind", "softmax"},
        {"dataset", "synthetic"},
        {"samples", 80},
        {"features", 6},
        {"classes", 4},
        {"l2", 0.1}},
       28,
       24}};
  for (const Case& c : cases) {
    CAPTURE(c.block.dump());
    CHECK(make_task(c.block)->dimension() == c.with_bias);  // the default keeps the bias
    nlohmann::json free = c.block;
    free["bias"] = false;
    const auto task = make_task(free);
    CHECK(task->dimension() == c.without_bias);
    CHECK(task->message_floats() == static_cast<std::int64_t>(c.without_bias));
    CHECK(worst_gradient_error(*task, c.block.value("l2", 0.0)) < 2e-2);
  }
}

TEST_CASE("bias false: least squares gradient by hand and no intercept in the scores") {
  // One node, one training row: f(w) = (1/2)(w.x - y)^2 has gradient (w.x - y) x.
  // The data's only row is unknown here, but at w = 0 the gradient is -y x
  // and f = y^2 / 2, so x = -gradient / y with y = sqrt(2 f); then the
  // gradient at any w must be (w.x - y) x.
  const auto task = make_task({{"kind", "least_squares"},
                               {"samples", 2},
                               {"features", 4},
                               {"test_fraction", 0.5},
                               {"batch", 1},
                               {"bias", false}});
  REQUIRE(task->shard_size(0) == 1);
  REQUIRE(task->dimension() == 4);
  std::vector<float> zero(4, 0.0f), at_zero, gradient;
  const double loss = task->full_gradient(0, zero, at_zero);
  REQUIRE(loss > 0.0);
  // The sign of y is unknown: y x = -at_zero for either sign, so use y x directly.
  const std::vector<float> w = {0.3f, -0.7f, 1.1f, 0.2f};
  task->full_gradient(0, w, gradient);
  const double y_squared = 2.0 * loss;
  double w_dot_yx = 0.0;  // y (w.x)
  for (std::size_t k = 0; k < 4; ++k)
    w_dot_yx -= double{w[k]} * at_zero[k];
  for (std::size_t k = 0; k < 4; ++k) {
    // (w.x - y) x = (y (w.x) - y^2) (y x) / y^2.
    const double expected = (w_dot_yx - y_squared) * -double{at_zero[k]} / y_squared;
    CHECK(gradient[k] == doctest::Approx(expected).epsilon(1e-4));
  }
  // Fewer parameters, fewer FLOPs: 4 nnz + 3 per sample, no bias terms (+ d to scale).
  CHECK(task->gradient_flops() == doctest::Approx(4 * 4 + 3 + 4));
}
