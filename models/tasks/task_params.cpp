#include "models/tasks/task_params.hpp"

#include <algorithm>

#include "models/datasets/fashion_mnist.hpp"
#include "sim/params/params.hpp"
#include "sim/params/suggest.hpp"

namespace commsim {

std::vector<ParamSpec> learning_params(const LearningDefaults& defaults) {
  std::vector<ParamSpec> params = {
      ParamSpec::choice("dataset", {"fashion-mnist", "libsvm", "synthetic"}, defaults.dataset,
                        "where the samples come from"),
      ParamSpec::text("data_dir", kFashionMnistDefaultDirectory,
                      "fashion-mnist: folder of the four gzip IDX files (Debian package "
                      "dataset-fashion-mnist)"),
      ParamSpec::text("path", "", "libsvm: training file (LIBSVM text, may be gzip-compressed)"),
      ParamSpec::text("test_path", "", "libsvm: held-out file; empty: hold out test_fraction"),
      ParamSpec::real("test_fraction", 0.2,
                      "synthetic, and libsvm without test_path: fraction of the samples held out "
                      "for testing (seeded)")
          .at_least(0)
          .at_most(0.9),
      ParamSpec::integer("train_samples", 0,
                         "use a seeded random subset of this many training samples; 0: all")
          .at_least(0),
      ParamSpec::integer("samples", 10000, "synthetic: samples generated (training + held-out)")
          .at_least(2)
          .at_most(1e8),
      ParamSpec::integer("features", 100, "synthetic: features per sample")
          .at_least(1)
          .at_most(1e8),
      ParamSpec::real("density", 1.0,
                      "synthetic: expected fraction of non-zero features; 1: dense Gaussian, "
                      "< 1: sparse with power-law feature frequencies (RCV1-like)")
          .above(0)
          .at_most(1),
      ParamSpec::real("condition_number", 1.0,
                      "synthetic, dense: ratio of the largest to the smallest feature variance")
          .at_least(1),
      ParamSpec::real("noise", 0.1, "synthetic: standard deviation of the teacher's output noise")
          .at_least(0)};
  if (defaults.classes_param) {
    params.push_back(ParamSpec::integer("classes", 10, "synthetic: number of classes")
                         .at_least(2)
                         .at_most(1000));
  }
  const std::vector<ParamSpec> rest = {
      ParamSpec::choice("partition", {"iid", "dirichlet", "shards"}, "iid",
                        "how training samples are split among nodes; also accepted as "
                        "{\"kind\": K, \"alpha\": A, \"redraw\": R, \"shards_per_node\": S}"),
      ParamSpec::real("alpha", 0.1, "dirichlet: concentration; small: few classes per node")
          .above(0),
      ParamSpec::boolean("redraw", true,
                         "dirichlet: redraw (up to 1000 times) until every node has a batch of "
                         "rows; false: one plain draw as in the papers, nodes with fewer rows "
                         "than a batch sample with replacement, nodes without rows only mix; "
                         "other partitions ignore it"),
      ParamSpec::integer("shards_per_node", 2, "shards: label-sorted shards per node").at_least(1),
      ParamSpec::integer("batch", 32, "samples per stochastic gradient").at_least(1),
      ParamSpec::real("l2", 0.0, "l2 regularisation: adds (l2/2) ||model||^2 to every loss")
          .at_least(0),
      ParamSpec::integer("eval_samples", 10000,
                         "train_loss is evaluated on a fixed seeded subset of this many training "
                         "samples; 0: all")
          .at_least(0)};
  params.insert(params.end(), rest.begin(), rest.end());
  return params;
}

std::vector<ParamSpec> linear_params(const LearningDefaults& defaults) {
  std::vector<ParamSpec> params = learning_params(defaults);
  params.push_back(ParamSpec::boolean(
      "bias", true,
      "fit an intercept b; false: a bias-free model (dimension features, or classes x features)"));
  return params;
}

namespace {
const ParamSpec* find_spec(const PluginInfo& info, const std::string& name) {
  const auto it = std::find_if(info.params.begin(), info.params.end(),
                               [&](const ParamSpec& spec) { return spec.name == name; });
  return it == info.params.end() ? nullptr : &*it;
}
}  // namespace

nlohmann::json flatten_partition(const nlohmann::json& block, const std::string& path,
                                 const PluginInfo& info) {
  const ParamSpec* kind_spec = find_spec(info, "partition");
  if (kind_spec == nullptr || !block.is_object() || !block.contains("partition") ||
      !block.at("partition").is_object()) {
    return block;
  }
  const std::string nested_path = path + ".partition";
  const nlohmann::json& nested = block.at("partition");
  const std::vector<std::string> keys = {"kind", "alpha", "redraw", "shards_per_node"};
  for (const auto& [key, value] : nested.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      throw InputError(nested_path + "." + key, "unknown key of the partition" +
                                                    did_you_mean(key, keys) + "; its keys are " +
                                                    join_alternatives(keys));
    }
  }
  if (!nested.contains("kind")) {
    throw InputError(nested_path + ".kind", "is required: " + kind_spec->allowed_text());
  }
  nlohmann::json flat = block;
  for (const auto& key : keys) {
    if (!nested.contains(key))
      continue;
    const std::string flat_name = key == "kind" ? "partition" : key;
    if (key != "kind" && block.contains(key)) {
      throw InputError(path + "." + key, "given twice: also as " + nested_path + "." + key);
    }
    check_param_value(*find_spec(info, flat_name), nested.at(key), nested_path + "." + key);
    flat[flat_name] = nested.at(key);
  }
  return flat;
}

}  // namespace commsim
