// The arithmetic of the DSGD runs in bench/learning/*.json without a
// simulator: a lower bound on what commsim spends per round. Loads
// Fashion-MNIST and splits it with commsim's own loader, Dirichlet partition
// and seeds (outside the timing), so that every node starts from the same
// model and draws the same minibatches as in commsim; then runs the rounds
// in a tight loop, all buffers allocated up front:
//   per node: draw 32 rows of its shard, copy them into the batch buffer,
//   forward, softmax cross-entropy, backward (mean over the batch), the
//   heavy-ball step m <- g + beta m, x <- x - lr m;
//   then every node mixes x_i <- sum_j W_ij x_j with the topology's weights
//   (ring: 1/3 for itself and each neighbour; complete: 1/n for all).
// Models use commsim's flat layout (feed_forward_model.hpp): per layer W
// (fan_out x fan_in, column-major), then b.
// The timed loop allocates nothing; to check, compile with
// -DEIGEN_RUNTIME_NO_MALLOC and without -DNDEBUG: any allocation asserts.
// Eigen's matrix products take their packing buffers from the stack up to
// EIGEN_STACK_ALLOCATION_LIMIT and from the heap above it; the MLP's first
// layer needs 200 KB, over the default 128 KB, hence the limit of 1 MiB.
// Usage: learning_bare [--model=softmax|mlp] [--topology=ring|complete]
//                      [--rounds=2000] [--data-dir=DIR] [--split-out=FILE]
// --split-out writes the nodes' training rows and the evaluation rows as JSON,
// so that bench/peers/torch_dsgd.py --split FILE learns on the same split.
// Prints one JSON line: CPU seconds (user + sys) of loading and of the
// rounds, and train_loss (mean loss of the nodes' average model on the
// 10,000 training rows commsim evaluates) and test_accuracy after the rounds.
#define EIGEN_STACK_ALLOCATION_LIMIT (1 << 20)

#include <time.h>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bare_network.hpp"
#include "models/datasets/fashion_mnist.hpp"
#include "models/datasets/partition.hpp"
#include "models/datasets/random_draws.hpp"

namespace commsim::bench {
namespace {

struct Options {
  std::string model = "softmax";
  std::string topology = "ring";
  std::int64_t rounds = 2000;
  std::size_t nodes = 25;
  std::size_t batch = 32;
  std::size_t hidden = 64;
  float learning_rate = 0.05f;
  float momentum = 0.9f;
  double alpha = 0.1;
  std::uint64_t seed = 1;
  std::size_t eval_samples = 10000;
  std::string data_dir = kFashionMnistDefaultDirectory;
  std::string split_out;  // where to write the split; empty: nowhere
};

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

struct MixingEntry {
  Eigen::Index from;
  float weight;
};
using MixingRows = std::vector<std::vector<MixingEntry>>;

// commsim's ring (equal_neighbour_weights: 1/(degree+1)) and complete (J).
MixingRows mixing_rows(const std::string& topology, std::size_t nodes) {
  const auto n = static_cast<Eigen::Index>(nodes);
  MixingRows rows(nodes);
  for (Eigen::Index i = 0; i < n; ++i) {
    auto& row = rows[static_cast<std::size_t>(i)];
    if (topology == "ring") {
      for (const Eigen::Index j : {(i + n - 1) % n, i, (i + 1) % n})
        row.push_back({j, 1.0f / 3.0f});
    } else if (topology == "complete") {
      for (Eigen::Index j = 0; j < n; ++j)
        row.push_back({j, 1.0f / static_cast<float>(n)});
    } else {
      throw std::invalid_argument("unknown topology " + topology + " (ring, complete)");
    }
  }
  return rows;
}

// next_i = sum_j W_ij x_j, in column chunks so that the chunk of every
// node's model stays in cache while all nodes read it.
void mix(const MixingRows& rows, const RowMatrix& models, RowMatrix& next) {
  constexpr Eigen::Index kChunkFloats = 1024;
  const Eigen::Index dimension = models.cols();
  for (Eigen::Index start = 0; start < dimension; start += kChunkFloats) {
    const Eigen::Index width = std::min(kChunkFloats, dimension - start);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto out = next.row(static_cast<Eigen::Index>(i)).segment(start, width);
      const auto& row = rows[i];
      out = row[0].weight * models.row(row[0].from).segment(start, width);
      for (std::size_t k = 1; k < row.size(); ++k)
        out += row[k].weight * models.row(row[k].from).segment(start, width);
    }
  }
}

// Mean loss and accuracy of `model` on `rows` of `data`, in blocks.
BatchScore score(const BareNetwork& shape, const Dataset& data,
                 const std::vector<std::uint32_t>& rows, const float* model) {
  constexpr std::size_t kBlockRows = 250;
  BatchScore total;
  for (std::size_t begin = 0; begin < rows.size(); begin += kBlockRows) {
    const std::size_t count = std::min(kBlockRows, rows.size() - begin);
    BareNetwork network(shape.layer_sizes(), count);
    for (std::size_t r = 0; r < count; ++r)
      network.set_row(r, data.dense_row(rows[begin + r]), data.targets[rows[begin + r]]);
    const BatchScore block = network.score(model);
    total.loss_sum += block.loss_sum;
    total.correct += block.correct;
  }
  return total;
}

void write_rows(std::FILE* out, const std::vector<std::uint32_t>& rows) {
  std::fputc('[', out);
  for (std::size_t k = 0; k < rows.size(); ++k)
    std::fprintf(out, k == 0 ? "%u" : ",%u", static_cast<unsigned>(rows[k]));
  std::fputc(']', out);
}

// {"shards": [[rows of node 0], ...], "eval_rows": [...]}
void write_split(const NodeRows& shards, const std::vector<std::uint32_t>& eval_rows,
                 const std::string& file) {
  std::FILE* out = std::fopen(file.c_str(), "w");
  if (out == nullptr)
    throw std::runtime_error("cannot write " + file);
  std::fputs("{\"shards\": [", out);
  for (std::size_t i = 0; i < shards.size(); ++i) {
    if (i > 0)
      std::fputs(",\n", out);
    write_rows(out, shards[i]);
  }
  std::fputs("],\n\"eval_rows\": ", out);
  write_rows(out, eval_rows);
  std::fputs("}\n", out);
  if (std::fclose(out) != 0)
    throw std::runtime_error("cannot write " + file);
}

int run(const Options& options) {
  const double load_start = cpu_seconds();
  const DataSplit data = load_fashion_mnist(options.data_dir, "--data-dir");
  const Dataset& train = data.train;
  std::vector<std::uint32_t> all_rows(train.samples);
  for (std::size_t k = 0; k < all_rows.size(); ++k)
    all_rows[k] = static_cast<std::uint32_t>(k);
  Rng partition_rng(options.seed, "partition");
  const NodeRows shards = partition_dirichlet(all_rows, train.targets, train.classes, options.nodes,
                                              options.alpha, options.batch, partition_rng);
  for (const auto& shard : shards) {
    if (shard.size() < options.batch)
      throw std::runtime_error("a shard is smaller than a batch; raise --alpha");
  }
  // commsim's train_loss rows (learning_task_setup.cpp).
  Rng eval_rng(options.seed, "eval-subset");
  std::vector<std::uint32_t> eval_rows;
  sample_without_replacement(train.samples, options.eval_samples, eval_rng, eval_rows);
  std::sort(eval_rows.begin(), eval_rows.end());
  const double load_cpu_seconds = cpu_seconds() - load_start;
  if (!options.split_out.empty())
    write_split(shards, eval_rows, options.split_out);

  std::vector<std::size_t> sizes = {train.features, train.classes};
  if (options.model == "mlp")
    sizes.insert(sizes.begin() + 1, options.hidden);
  else if (options.model != "softmax")
    throw std::invalid_argument("unknown model " + options.model + " (softmax, mlp)");
  BareNetwork network(sizes, options.batch);
  const auto nodes = static_cast<Eigen::Index>(options.nodes);
  const auto dimension = static_cast<Eigen::Index>(network.dimension());
  Rng init_rng(options.seed, "initial-model");
  // commsim: softmax starts at zero, the MLP at He/LeCun weights, every node alike.
  const std::vector<float> initial = network.initial_model(init_rng, options.model == "mlp");
  RowMatrix models(nodes, dimension);
  for (Eigen::Index i = 0; i < nodes; ++i)
    models.row(i) = Eigen::Map<const Eigen::RowVectorXf>(initial.data(), dimension);
  RowMatrix next(nodes, dimension);
  RowMatrix momenta = RowMatrix::Zero(nodes, dimension);
  Eigen::VectorXf gradient(dimension);
  const MixingRows weights = mixing_rows(options.topology, options.nodes);
  std::vector<Rng> minibatch_rngs;
  for (std::size_t i = 0; i < options.nodes; ++i)
    minibatch_rngs.emplace_back(options.seed, "minibatch", i);
  std::vector<std::uint32_t> picks;
  picks.reserve(options.batch);
  const float scale = 1.0f / static_cast<float>(options.batch);

#ifdef EIGEN_RUNTIME_NO_MALLOC
  Eigen::internal::set_is_malloc_allowed(false);
#endif
  const double rounds_start = cpu_seconds();
  for (std::int64_t round = 0; round < options.rounds; ++round) {
    for (Eigen::Index i = 0; i < nodes; ++i) {
      const auto& shard = shards[static_cast<std::size_t>(i)];
      sample_without_replacement(shard.size(), options.batch,
                                 minibatch_rngs[static_cast<std::size_t>(i)], picks);
      for (std::size_t r = 0; r < options.batch; ++r) {
        const std::uint32_t row = shard[picks[r]];
        network.set_row(r, train.dense_row(row), train.targets[row]);
      }
      network.loss_and_gradient(models.row(i).data(), gradient.data());
      auto m = momenta.row(i).array();
      m = gradient.transpose().array() * scale + options.momentum * m;
      models.row(i).array() -= options.learning_rate * m;
    }
    mix(weights, models, next);
    models.swap(next);
  }
  const double rounds_cpu_seconds = cpu_seconds() - rounds_start;
#ifdef EIGEN_RUNTIME_NO_MALLOC
  Eigen::internal::set_is_malloc_allowed(true);
#endif

  const Eigen::RowVectorXf average = models.colwise().mean();
  std::vector<std::uint32_t> test_rows(data.test.samples);
  for (std::size_t k = 0; k < test_rows.size(); ++k)
    test_rows[k] = static_cast<std::uint32_t>(k);
  const BatchScore fit = score(network, train, eval_rows, average.data());
  const BatchScore test = score(network, data.test, test_rows, average.data());
  const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#if defined(__AVX2__) && defined(__FMA__)
  const char* isa = "x86-64-v3";
#else
  const char* isa = "portable";
#endif
  std::printf(
      "{\"side\": \"bare\", \"isa\": \"%s\", \"cpu_has_v3\": %s, \"model\": \"%s\", "
      "\"topology\": \"%s\", \"nodes\": %zu, \"rounds\": %lld, \"load_cpu_seconds\": %.4f, "
      "\"rounds_cpu_seconds\": %.4f, \"train_loss\": %.6f, \"test_accuracy\": %.4f}\n",
      isa, v3 ? "true" : "false", options.model.c_str(), options.topology.c_str(), options.nodes,
      static_cast<long long>(options.rounds), load_cpu_seconds, rounds_cpu_seconds,
      fit.loss_sum / static_cast<double>(eval_rows.size()),
      static_cast<double>(test.correct) / static_cast<double>(test_rows.size()));
  return 0;
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&](const char* key) -> const char* {
      const std::size_t length = std::strlen(key);
      return arg.compare(0, length, key) == 0 ? argv[i] + length : nullptr;
    };
    if (const char* v = value("--model=")) {
      options.model = v;
    } else if (const char* v = value("--topology=")) {
      options.topology = v;
    } else if (const char* v = value("--rounds=")) {
      options.rounds = std::stoll(v);
    } else if (const char* v = value("--data-dir=")) {
      options.data_dir = v;
    } else if (const char* v = value("--split-out=")) {
      options.split_out = v;
    } else {
      throw std::invalid_argument("unknown argument " + arg +
                                  "; usage: learning_bare [--model=softmax|mlp] "
                                  "[--topology=ring|complete] [--rounds=N] [--data-dir=DIR] "
                                  "[--split-out=FILE]");
    }
  }
  return options;
}

}  // namespace
}  // namespace commsim::bench

int main(int argc, char** argv) {
  try {
    return commsim::bench::run(commsim::bench::parse(argc, argv));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "learning_bare: %s\n", error.what());
    return 1;
  }
}
