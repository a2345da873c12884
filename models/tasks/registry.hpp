#pragma once
// The task registry.
#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "models/tasks/task.hpp"
#include "sim/params/params.hpp"
#include "sim/params/registry.hpp"

namespace commsim {

struct TaskContext {
  NodeId nodes;
  std::uint64_t seed;
};

using TaskFactory = std::function<std::unique_ptr<Task>(const Params& params, const TaskContext&)>;

const Registry<TaskFactory>& task_registry();

// Rewrites a raw "task" block into the form its plugin declares before it is
// validated: learning tasks accept the partition as a nested object
// {"kind": K, "alpha": A, "shards_per_node": S} as well as flat parameters.
// Other blocks come back unchanged. Throws InputError (e.g. at
// task.partition.alpha) for a bad nested block.
nlohmann::json normalize_task_block(const nlohmann::json& block, const std::string& path);

}  // namespace commsim
