#include "models/tasks/registry.hpp"

#include "models/tasks/consensus.hpp"

namespace commsim {

const Registry<TaskFactory>& task_registry() {
  static const Registry<TaskFactory> registry(
      "task", {{consensus_info(), [](const Params& params, const TaskContext& context) {
                  return std::make_unique<ConsensusTask>(params, context.seed);
                }}});
  return registry;
}

}  // namespace commsim
