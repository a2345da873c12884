#include "models/datasets/dataset.hpp"

namespace commsim {

Dataset select_rows(const Dataset& data, std::span<const std::uint32_t> selection) {
  Dataset out;
  out.samples = selection.size();
  out.features = data.features;
  out.sparse = data.sparse;
  out.classes = data.classes;
  out.targets.reserve(selection.size());
  if (data.sparse) {
    out.rows.row_start.reserve(selection.size() + 1);
  } else {
    out.dense.reserve(selection.size() * data.features);
  }
  for (const std::uint32_t row : selection) {
    out.targets.push_back(data.targets[row]);
    if (data.sparse) {
      const auto begin = static_cast<std::ptrdiff_t>(data.rows.row_start[row]);
      const auto end = static_cast<std::ptrdiff_t>(data.rows.row_start[row + 1]);
      out.rows.column.insert(out.rows.column.end(), data.rows.column.begin() + begin,
                             data.rows.column.begin() + end);
      out.rows.value.insert(out.rows.value.end(), data.rows.value.begin() + begin,
                            data.rows.value.begin() + end);
      out.rows.row_start.push_back(out.rows.column.size());
    } else {
      const float* source = data.dense_row(row);
      out.dense.insert(out.dense.end(), source, source + data.features);
    }
  }
  return out;
}

}  // namespace commsim
