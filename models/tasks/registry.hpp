#pragma once
// The task registry.
#include <functional>
#include <memory>

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

}  // namespace commsim
