#include "models/datasets/labels.hpp"

#include <algorithm>
#include <sstream>

#include "sim/params/input_error.hpp"

namespace commsim {

namespace {
std::string number_text(float value) {
  std::ostringstream out;
  out << value;
  return out.str();
}
}  // namespace

void assign_class_indices(DataSplit& split, std::size_t max_classes, const std::string& where) {
  if (split.train.classes > 0)
    return;
  std::vector<float> distinct = split.train.targets;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (distinct.size() < 2) {
    throw InputError(where, "the training labels take " + std::to_string(distinct.size()) +
                                " value(s); classification needs at least 2 classes");
  }
  if (distinct.size() > max_classes) {
    throw InputError(where,
                     "the training labels take " + std::to_string(distinct.size()) +
                         " distinct values, more than the " + std::to_string(max_classes) +
                         " classes this task allows (real-valued targets? use least_squares)");
  }
  auto index_of = [&](float label, const char* part, std::size_t row) {
    const auto it = std::lower_bound(distinct.begin(), distinct.end(), label);
    if (it == distinct.end() || *it != label) {
      throw InputError(
          where, std::string(part) + " sample " + std::to_string(row) + " has label " +
                     number_text(label) + ", which is out of range: the training labels are " +
                     number_text(distinct.front()) + " .. " + number_text(distinct.back()) + " (" +
                     std::to_string(distinct.size()) + " values)");
    }
    return static_cast<float>(it - distinct.begin());
  };
  for (std::size_t k = 0; k < split.train.samples; ++k) {
    split.train.targets[k] = index_of(split.train.targets[k], "training", k);
  }
  for (std::size_t k = 0; k < split.test.samples; ++k) {
    split.test.targets[k] = index_of(split.test.targets[k], "test", k);
  }
  split.train.classes = split.test.classes = distinct.size();
}

}  // namespace commsim
