#pragma once
// The algorithm registry.
#include <functional>
#include <memory>

#include "models/algorithms/algorithm.hpp"
#include "sim/params/params.hpp"
#include "sim/params/registry.hpp"

namespace commsim {


using AlgorithmFactory =
    std::function<std::unique_ptr<Algorithm>(const Params& params, AlgorithmContext context)>;

struct AlgorithmFactoryWithCheck {
  AlgorithmFactory make;
  // Throws InputError when the algorithm cannot run the given task (by name).
  std::function<void(const Params& params, const std::string& task_kind,
                     const std::string& task_path)>
      check_task;
};

const Registry<AlgorithmFactoryWithCheck>& algorithm_registry();

}  // namespace commsim
