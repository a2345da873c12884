#pragma once
// Loads (or generates) a learning task's training and test sets from its
// parameters. Loaded data are shared in the process by what determines them
// (files, generator parameters, seed; shared_data.hpp), so the nodes of a
// run, and the runs of a sweep executing at the same time, share one
// read-only copy, freed when the last task using it is destroyed; decoded
// files also stay while a DataRetention lives (a sweep's), and their decoded
// arrays go to the on-disk data cache (data_cache.hpp) for later processes.
#include <cstdint>
#include <memory>

#include "models/datasets/dataset.hpp"
#include "models/tasks/shared_data.hpp"
#include "sim/params/params.hpp"

namespace commsim {

enum class LabelKind {
  kReal,     // targets used as real numbers (least squares)
  kBinary,   // exactly 2 classes, indices 0/1
  kClasses,  // 2 or more classes, indices 0..C-1
};

// `origin`, when given, says how the data were obtained.
std::shared_ptr<const DataSplit> load_task_data(const Params& params, LabelKind labels,
                                                std::uint64_t seed, DataOrigin* origin = nullptr);

}  // namespace commsim
