#pragma once
// Class labels of data sets whose files store them as numbers (LIBSVM).
#include <string>

#include "models/datasets/dataset.hpp"

namespace commsim {

// Replaces the raw labels of a split by class indices 0..C-1, numbered in
// increasing label order: -1/+1 and 0/1 both become 0/1, LIBSVM's 1..10
// becomes 0..9. Sets `classes` on both halves. Throws InputError at `where`
// when there are fewer than 2 or more than `max_classes` distinct training
// labels, or when a test label does not occur in the training set. Splits that
// already carry class indices (classes > 0) are left alone.
void assign_class_indices(DataSplit& split, std::size_t max_classes, const std::string& where);

}  // namespace commsim
