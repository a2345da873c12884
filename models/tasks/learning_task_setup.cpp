// build_learning_task: from validated parameters to shards, with the checks
// that need the data (label counts, shard sizes).
#include <algorithm>
#include <sstream>

#include "models/datasets/fashion_mnist.hpp"
#include "models/datasets/random_draws.hpp"
#include "models/tasks/learning_task.hpp"

namespace commsim {

namespace {

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

void check_labels(const Params& params, std::size_t classes, const TaskSpec& spec) {
  if (spec.labels != LabelKind::kBinary || classes == 2)
    return;
  const std::string dataset = params.text("dataset");
  throw params.error(dataset == "libsvm" ? "path" : "dataset",
                     "the " + dataset + " data have " + std::to_string(classes) + " classes, but " +
                         spec.name + " is binary (exactly 2); use softmax or mlp");
}

// The training rows the task uses: all, or a seeded subset of train_samples.
std::vector<std::uint32_t> training_rows(const Params& params, const Dataset& train,
                                         std::uint64_t seed) {
  const auto wanted = static_cast<std::size_t>(params.integer("train_samples"));
  if (wanted > train.samples) {
    throw params.error("train_samples", "got " + std::to_string(wanted) +
                                            ", but the training set has " +
                                            std::to_string(train.samples) + " samples");
  }
  std::vector<std::uint32_t> rows;
  if (wanted == 0 || wanted == train.samples) {
    rows.resize(train.samples);
    for (std::size_t k = 0; k < rows.size(); ++k)
      rows[k] = static_cast<std::uint32_t>(k);
  } else {
    Rng rng(seed, "train-subset");
    sample_without_replacement(train.samples, wanted, rng, rows);
    std::sort(rows.begin(), rows.end());
  }
  return rows;
}

NodeRows partition(const Params& params, const Dataset& train, std::vector<std::uint32_t> rows,
                   std::size_t nodes, std::size_t batch, std::uint64_t seed) {
  const std::string kind = params.text("partition");
  if (rows.size() < nodes) {
    throw params.error("", "the training set has " + std::to_string(rows.size()) +
                               " samples, fewer than the " + std::to_string(nodes) + " nodes");
  }
  Rng rng(seed, "partition");
  if (kind == "iid")
    return partition_iid(std::move(rows), nodes, rng);
  if (kind == "dirichlet") {
    if (train.classes == 0) {
      throw params.error("partition",
                         "got \"dirichlet\", which splits classes, but the targets are "
                         "real numbers; use \"iid\" or \"shards\"");
    }
    // min_samples 0: the first draw is kept (the papers' plain draw).
    const std::size_t min_samples = params.boolean("redraw") ? batch : 0;
    return partition_dirichlet(rows, train.targets, train.classes, nodes, params.real("alpha"),
                               min_samples, rng);
  }
  const auto per_node = static_cast<std::size_t>(params.integer("shards_per_node"));
  if (nodes * per_node > rows.size()) {
    throw params.error("shards_per_node", "got " + std::to_string(per_node) + ": " +
                                              std::to_string(nodes) + " nodes x " +
                                              std::to_string(per_node) + " shards exceed the " +
                                              std::to_string(rows.size()) + " training samples");
  }
  return partition_shards(std::move(rows), train.targets, nodes, per_node, rng);
}

// Under the plain Dirichlet draw small shards are part of the setting: such
// nodes sample with replacement, empty ones only mix (learning_task.cpp).
void check_batch(const Params& params, const NodeRows& shards, std::size_t batch) {
  if (params.text("partition") == "dirichlet" && !params.boolean("redraw"))
    return;
  for (std::size_t node = 0; node < shards.size(); ++node) {
    if (shards[node].size() >= batch)
      continue;
    std::string hint = "; lower batch";
    if (params.text("partition") == "dirichlet") {
      hint = " (partition dirichlet with alpha " + number_text(params.real("alpha")) +
             ", best of " + std::to_string(kDirichletDraws) +
             " draws); lower batch, raise alpha or set partition.redraw false";
    }
    throw params.error("batch", "got " + std::to_string(batch) + ", but node " +
                                    std::to_string(node) + "'s shard has " +
                                    std::to_string(shards[node].size()) + " samples" + hint);
  }
}

std::vector<std::uint32_t> evaluation_rows(const Params& params,
                                           const std::vector<std::uint32_t>& rows,
                                           std::uint64_t seed) {
  const auto wanted = static_cast<std::size_t>(params.integer("eval_samples"));
  if (wanted == 0 || wanted >= rows.size())
    return rows;
  Rng rng(seed, "eval-subset");
  std::vector<std::uint32_t> picks;
  sample_without_replacement(rows.size(), wanted, rng, picks);
  std::sort(picks.begin(), picks.end());
  for (auto& pick : picks)
    pick = rows[pick];
  return picks;
}

}  // namespace

LearningTaskSetup build_learning_task(const Params& params, const TaskContext& context,
                                      const TaskSpec& spec) {
  if (params.text("dataset") == "fashion-mnist") {
    check_labels(params, kFashionMnistClasses, spec);  // before loading 200 MB
  }
  DataOrigin origin = DataOrigin::kGenerated;
  auto data = load_task_data(params, spec.labels, context.seed, &origin);
  check_labels(params, data->train.classes, spec);
  std::vector<std::size_t> sizes = {data->train.features};
  sizes.insert(sizes.end(), spec.hidden.begin(), spec.hidden.end());
  sizes.push_back(spec.loss.outputs(data->train.classes));
  LearningTaskSetup setup{
      spec.name, data,  FeedForwardModel(sizes, spec.loss, spec.bias), {}, {}, {}, 0, 0, 0.0,
      {},        origin};
  setup.batch = static_cast<std::size_t>(params.integer("batch"));
  setup.l2 = params.real("l2");
  std::vector<std::uint32_t> rows = training_rows(params, data->train, context.seed);
  setup.train_samples = rows.size();
  setup.eval_rows = evaluation_rows(params, rows, context.seed);
  setup.shards = partition(params, data->train, std::move(rows),
                           static_cast<std::size_t>(context.nodes), setup.batch, context.seed);
  check_batch(params, setup.shards, setup.batch);
  setup.test_rows.resize(data->test.samples);
  for (std::size_t k = 0; k < setup.test_rows.size(); ++k)
    setup.test_rows[k] = static_cast<std::uint32_t>(k);
  Rng init_rng(context.seed, "initial-model");
  setup.initial_model = setup.predictor.initial_model(init_rng, spec.random_init);
  return setup;
}

}  // namespace commsim
