#pragma once
// Loads (or generates) a learning task's training and test sets from its
// parameters. Loaded data are cached per process by what determines them
// (files, generator parameters, seed), so the nodes of a run, and the runs of
// a sweep executing at the same time, share one read-only copy; the copy is
// freed when the last task using it is destroyed.
#include <cstdint>
#include <memory>

#include "models/datasets/dataset.hpp"
#include "sim/params/params.hpp"

namespace commsim {

enum class LabelKind {
  kReal,     // targets used as real numbers (least squares)
  kBinary,   // exactly 2 classes, indices 0/1
  kClasses,  // 2 or more classes, indices 0..C-1
};

std::shared_ptr<const DataSplit> load_task_data(const Params& params, LabelKind labels,
                                                std::uint64_t seed);

}  // namespace commsim
