#include "models/tasks/registry.hpp"

#include "models/tasks/consensus.hpp"
#include "models/tasks/least_squares.hpp"
#include "models/tasks/logistic.hpp"
#include "models/tasks/mlp.hpp"
#include "models/tasks/softmax.hpp"
#include "models/tasks/synthetic_model.hpp"
#include "models/tasks/task_params.hpp"

namespace commsim {

const Registry<TaskFactory>& task_registry() {
  static const Registry<TaskFactory> registry(
      "task", {{consensus_info(),
                [](const Params& params, const TaskContext& context) -> std::unique_ptr<Task> {
                  return std::make_unique<ConsensusTask>(params, context.seed);
                }},
               {least_squares_info(), make_least_squares},
               {logistic_info(), make_logistic},
               {softmax_info(), make_softmax},
               {mlp_info(), make_mlp},
               {synthetic_model_info(),
                [](const Params& params, const TaskContext&) -> std::unique_ptr<Task> {
                  return std::make_unique<SyntheticModelTask>(params);
                }}});
  return registry;
}

nlohmann::json normalize_task_block(const nlohmann::json& block, const std::string& path) {
  if (!block.is_object() || !block.contains("kind") || !block.at("kind").is_string())
    return block;
  for (const auto& entry : task_registry().entries()) {
    if (entry.info.name == block.at("kind").get<std::string>()) {
      return flatten_partition(block, path, entry.info);
    }
  }
  return block;
}

}  // namespace commsim
