#pragma once
// Building a task from a scenario block as commsim does (nested partition
// blocks flattened, parameters resolved), and catching the input error an
// action raises: shared by the task and dataset tests.
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "models/tasks/registry.hpp"
#include "sim/params/input_error.hpp"

namespace commsim::testing {

inline std::unique_ptr<Task> build_task(nlohmann::json block, NodeId nodes, std::uint64_t seed) {
  block = normalize_task_block(block, "task");
  const auto& entry = task_registry().find(block["kind"], "task.kind");
  const Params params(resolve_params(block, "task", entry.info, "kind"), "task");
  return entry.make(params, TaskContext{nodes, seed});
}

// The message of the InputError `action` throws; "" when it throws none.
template <class Action>
std::string input_error_of(Action&& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace commsim::testing
