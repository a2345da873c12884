#pragma once
// The parameters every learning task shares (data set, partition, batch,
// regularisation, evaluation), declared once.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/params/param_spec.hpp"

namespace commsim {

struct LearningDefaults {
  std::string dataset;         // "fashion-mnist", "libsvm" or "synthetic"
  bool classes_param = false;  // declare `classes` (synthetic multiclass)
};

std::vector<ParamSpec> learning_params(const LearningDefaults& defaults);

// learning_params plus `bias`, for the linear models (least_squares, logistic,
// softmax): a paper's bias-free model has a different dimension and step size.
std::vector<ParamSpec> linear_params(const LearningDefaults& defaults);

// Accepts the nested partition form {"partition": {"kind": K, "alpha": A,
// "redraw": R, "shards_per_node": S}} next to the flat one ("partition": K, "alpha": A, ...)
// and returns the block in the flat form, validating the nested keys with their
// own paths (task.partition.kind, task.partition.alpha, ...). Blocks without a
// nested partition, or whose plugin has no `partition` parameter, come back
// unchanged.
nlohmann::json flatten_partition(const nlohmann::json& block, const std::string& path,
                                 const PluginInfo& info);

}  // namespace commsim
