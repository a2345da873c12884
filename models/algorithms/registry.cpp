#include "models/algorithms/registry.hpp"

#include "models/algorithms/gossip.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

const Registry<AlgorithmFactoryWithCheck>& algorithm_registry() {
  static const Registry<AlgorithmFactoryWithCheck> registry(
      "algorithm",
      {{gossip_info(),
        {[](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
           return std::make_unique<Gossip>(params, std::move(context));
         },
         [](const Params&, const std::string& task_kind, const std::string& task_path) {
           if (task_kind != "consensus") {
             throw InputError(task_path, "got \"" + task_kind +
                                             "\", but algorithm gossip only averages: it needs "
                                             "task \"consensus\"");
           }
         }}}});
  return registry;
}

}  // namespace commsim
