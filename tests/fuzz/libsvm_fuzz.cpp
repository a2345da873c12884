// Fuzzes the LIBSVM parser and the label-to-class mapping that classification
// tasks apply to it. Besides crashes, a data set that breaks the CSR
// invariants the tasks rely on (dataset.hpp) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "models/datasets/labels.hpp"
#include "models/datasets/libsvm_file.hpp"
#include "sim/params/input_error.hpp"

namespace {
bool well_formed(const commsim::Dataset& data) {
  const auto& rows = data.rows;
  if (rows.row_start.size() != data.samples + 1 || data.targets.size() != data.samples ||
      rows.column.size() != rows.value.size() || rows.row_start.back() != rows.column.size())
    return false;
  for (std::size_t r = 0; r < data.samples; ++r) {
    for (std::uint64_t k = rows.row_start[r]; k < rows.row_start[r + 1]; ++k) {
      if (rows.column[k] >= data.features)
        return false;
      if (k > rows.row_start[r] && rows.column[k] <= rows.column[k - 1])
        return false;
    }
  }
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    commsim::DataSplit split;
    split.train = commsim::parse_libsvm(text, "fuzz.svm", "task.file");
    if (!well_formed(split.train))
      __builtin_trap();
    split.test = split.train;
    commsim::assign_class_indices(split, 100, "task.file");
    for (const float target : split.test.targets) {
      if (!(target >= 0.0f && target < static_cast<float>(split.test.classes)))
        __builtin_trap();
    }
  } catch (const commsim::InputError&) {
  }
  return 0;
}
