#include "models/tasks/data_source.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <sstream>

#include "models/datasets/fashion_mnist.hpp"
#include "models/datasets/labels.hpp"
#include "models/datasets/libsvm_file.hpp"
#include "models/datasets/random_draws.hpp"
#include "models/datasets/synthetic.hpp"

namespace commsim {

namespace {

constexpr std::size_t kMaxClasses = 1000;

// Holds out round(fraction * samples) seeded random rows as the test set.
DataSplit hold_out(const Dataset& all, double fraction, Rng& rng) {
  std::vector<std::uint32_t> order(all.samples);
  for (std::size_t k = 0; k < order.size(); ++k)
    order[k] = static_cast<std::uint32_t>(k);
  shuffle(order, rng);
  const auto test_rows =
      static_cast<std::size_t>(std::llround(fraction * static_cast<double>(all.samples)));
  std::vector<std::uint32_t> test(order.begin(),
                                  order.begin() + static_cast<std::ptrdiff_t>(test_rows));
  std::vector<std::uint32_t> train(order.begin() + static_cast<std::ptrdiff_t>(test_rows),
                                   order.end());
  std::sort(test.begin(), test.end());  // keep file order: better locality
  std::sort(train.begin(), train.end());
  return {select_rows(all, train), select_rows(all, test)};
}

DataSplit load_libsvm(const Params& params, LabelKind labels, std::uint64_t seed) {
  const std::string path_where = params.path() + ".path";
  if (params.text("path").empty()) {
    throw params.error("path", "is required with dataset \"libsvm\": the training file");
  }
  DataSplit split;
  Dataset all = read_libsvm_file(params.text("path"), path_where);
  if (params.text("test_path").empty()) {
    Rng rng(seed, "test-split");
    split = hold_out(all, params.real("test_fraction"), rng);
  } else {
    split.train = std::move(all);
    split.test = read_libsvm_file(params.text("test_path"), params.path() + ".test_path");
  }
  split.train.features = split.test.features = std::max(split.train.features, split.test.features);
  if (labels != LabelKind::kReal)
    assign_class_indices(split, kMaxClasses, path_where);
  return split;
}

DataSplit generate(const Params& params, LabelKind labels, std::uint64_t seed) {
  SyntheticSpec spec;
  spec.samples = static_cast<std::size_t>(params.integer("samples"));
  spec.features = static_cast<std::size_t>(params.integer("features"));
  spec.density = params.real("density");
  spec.condition_number = params.real("condition_number");
  spec.noise = params.real("noise");
  spec.classes = labels == LabelKind::kReal ? 0
                 : labels == LabelKind::kBinary
                     ? 2
                     : static_cast<std::size_t>(params.integer("classes"));
  Rng data_rng(seed, "synthetic-data");
  const Dataset all = generate_synthetic(spec, data_rng);
  Rng split_rng(seed, "test-split");
  return hold_out(all, params.real("test_fraction"), split_rng);
}

// What determines the loaded data: the cache key.
std::string data_key(const Params& params, LabelKind labels, std::uint64_t seed) {
  std::ostringstream key;
  const std::string dataset = params.text("dataset");
  key << dataset;
  if (dataset == "fashion-mnist") {
    key << '|' << params.text("data_dir");
    return key.str();
  }
  key << '|' << (labels == LabelKind::kReal ? "real" : "classes") << '|' << seed << '|'
      << params.real("test_fraction");
  if (dataset == "libsvm") {
    key << '|' << params.text("path") << '|' << params.text("test_path");
  } else {
    key << '|' << static_cast<int>(labels) << '|' << params.integer("samples") << '|'
        << params.integer("features") << '|' << params.real("density") << '|'
        << params.real("condition_number") << '|' << params.real("noise") << '|'
        << (params.has("classes") ? params.integer("classes") : 0);
  }
  return key.str();
}

DataSplit load(const Params& params, LabelKind labels, std::uint64_t seed) {
  const std::string dataset = params.text("dataset");
  if (dataset == "fashion-mnist")
    return load_fashion_mnist(params.text("data_dir"), params.path() + ".data_dir");
  if (dataset == "libsvm")
    return load_libsvm(params, labels, seed);
  return generate(params, labels, seed);
}

}  // namespace

std::shared_ptr<const DataSplit> load_task_data(const Params& params, LabelKind labels,
                                                std::uint64_t seed) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const DataSplit>> cache;
  const std::string key = data_key(params, labels, seed);
  const std::lock_guard lock(mutex);  // held while loading: one load per key at a time
  if (auto data = cache[key].lock())
    return data;
  std::erase_if(cache, [](const auto& entry) { return entry.second.expired(); });
  auto data = std::make_shared<const DataSplit>(load(params, labels, seed));
  cache[key] = data;
  return data;
}

}  // namespace commsim
