#include "models/tasks/data_source.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <sstream>

#include "models/datasets/data_cache.hpp"
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

// The decoded files (train = path, test = test_path when given), shared and
// retained by their paths, whatever the seed and labels of the task.
std::shared_ptr<const DataSplit> libsvm_files(const Params& params, DataOrigin& origin) {
  const std::string path = params.text("path"), test_path = params.text("test_path");
  std::string key = "libsvm files|";
  key += path;
  key += '|';
  key += test_path;
  if (auto files = find_shared_data(key)) {
    origin = DataOrigin::kShared;
    return files;
  }
  std::vector<std::string> sources = {path};
  if (!test_path.empty())
    sources.push_back(test_path);
  CachedParts decoded =
      decode_through_cache({"libsvm", kLibsvmDecoderVersion}, sources, sources.size(), [&] {
        std::vector<Dataset> parts;
        parts.push_back(read_libsvm_file(path, params.path() + ".path"));
        if (!test_path.empty())
          parts.push_back(read_libsvm_file(test_path, params.path() + ".test_path"));
        return parts;
      });
  origin = decoded.from_cache ? DataOrigin::kFromCache : DataOrigin::kDecoded;
  auto files = std::make_shared<DataSplit>();
  files->train = std::move(decoded.parts[0]);
  if (decoded.parts.size() > 1)
    files->test = std::move(decoded.parts[1]);
  share_data(key, files, true);
  return files;
}

DataSplit load_libsvm(const Params& params, LabelKind labels, std::uint64_t seed,
                      DataOrigin& origin) {
  const std::string path_where = params.path() + ".path";
  if (params.text("path").empty()) {
    throw params.error("path", "is required with dataset \"libsvm\": the training file");
  }
  const auto files = libsvm_files(params, origin);
  DataSplit split;
  if (params.text("test_path").empty()) {
    Rng rng(seed, "test-split");
    split = hold_out(files->train, params.real("test_fraction"), rng);
  } else {
    split = *files;
  }
  split.train.features = split.test.features = std::max(split.train.features, split.test.features);
  if (labels != LabelKind::kReal)
    assign_class_indices(split, kMaxClasses, path_where);
  return split;
}

std::shared_ptr<const DataSplit> fashion_mnist(const Params& params, DataOrigin& origin) {
  const std::string directory = params.text("data_dir");
  const std::string where = params.path() + ".data_dir";
  CachedParts decoded = decode_through_cache(
      {"fashion-mnist", kFashionMnistDecoderVersion}, fashion_mnist_files(directory), 2, [&] {
        DataSplit split = load_fashion_mnist(directory, where);
        std::vector<Dataset> parts;
        parts.push_back(std::move(split.train));
        parts.push_back(std::move(split.test));
        return parts;
      });
  origin = decoded.from_cache ? DataOrigin::kFromCache : DataOrigin::kDecoded;
  auto split = std::make_shared<DataSplit>();
  split->train = std::move(decoded.parts[0]);
  split->test = std::move(decoded.parts[1]);
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

std::shared_ptr<const DataSplit> load(const Params& params, LabelKind labels, std::uint64_t seed,
                                      DataOrigin& origin) {
  const std::string dataset = params.text("dataset");
  if (dataset == "fashion-mnist")
    return fashion_mnist(params, origin);
  if (dataset == "libsvm")
    return std::make_shared<const DataSplit>(load_libsvm(params, labels, seed, origin));
  origin = DataOrigin::kGenerated;
  return std::make_shared<const DataSplit>(generate(params, labels, seed));
}

}  // namespace

std::shared_ptr<const DataSplit> load_task_data(const Params& params, LabelKind labels,
                                                std::uint64_t seed, DataOrigin* origin) {
  static std::mutex loading;
  const std::lock_guard lock(loading);  // one load at a time: a second task of the same data waits
  const std::string key = data_key(params, labels, seed);
  DataOrigin how = DataOrigin::kShared;
  auto data = find_shared_data(key);
  if (!data) {
    data = load(params, labels, seed, how);
    // Fashion-MNIST's task data are its decoded files: kept for the sweep.
    // Splits and synthetic data are cheap to redo from retained files or seeds.
    share_data(key, data, params.text("dataset") == "fashion-mnist");
  }
  count_data_load(how);
  if (origin != nullptr)
    *origin = how;
  return data;
}

}  // namespace commsim
