#include "models/datasets/synthetic.hpp"

#include <algorithm>
#include <cmath>

namespace commsim {

namespace {

void dense_features(const SyntheticSpec& spec, Rng& rng, Dataset& data,
                    std::vector<double>& variance) {
  data.sparse = false;
  variance.resize(spec.features);
  const double steps = spec.features > 1 ? static_cast<double>(spec.features - 1) : 1.0;
  for (std::size_t j = 0; j < spec.features; ++j) {
    variance[j] = std::pow(spec.condition_number, -static_cast<double>(j) / steps);
  }
  data.dense.resize(spec.samples * spec.features);
  for (std::size_t row = 0; row < spec.samples; ++row) {
    for (std::size_t j = 0; j < spec.features; ++j) {
      data.dense[row * spec.features + j] =
          static_cast<float>(std::sqrt(variance[j]) * rng.normal());
    }
  }
}

// p_j = min(1, c / (j + 1)) with sum_j p_j = density * features (bisection on c).
std::vector<double> feature_frequencies(const SyntheticSpec& spec) {
  const double wanted = spec.density * static_cast<double>(spec.features);
  auto expected_nonzeros = [&](double c) {
    double sum = 0.0;
    for (std::size_t j = 0; j < spec.features; ++j)
      sum += std::min(1.0, c / static_cast<double>(j + 1));
    return sum;
  };
  double low = 0.0, high = static_cast<double>(spec.features);
  for (int iteration = 0; iteration < 100; ++iteration) {
    const double middle = 0.5 * (low + high);
    (expected_nonzeros(middle) < wanted ? low : high) = middle;
  }
  std::vector<double> frequency(spec.features);
  for (std::size_t j = 0; j < spec.features; ++j) {
    frequency[j] = std::min(1.0, high / static_cast<double>(j + 1));
  }
  return frequency;
}

void sparse_features(const SyntheticSpec& spec, Rng& rng, Dataset& data) {
  data.sparse = true;
  // Column by column: the rows holding feature j are a Bernoulli(p_j) process,
  // walked with geometric skips, so the cost is O(non-zeros + features).
  std::vector<std::vector<std::uint32_t>> rows_of(spec.features);
  std::vector<std::size_t> row_length(spec.samples, 0);
  const std::vector<double> frequency = feature_frequencies(spec);
  for (std::size_t j = 0; j < spec.features; ++j) {
    const double log_miss = std::log1p(-std::min(frequency[j], 1.0 - 1e-12));
    double row = -1.0;
    for (;;) {
      row += 1.0 +
             (frequency[j] >= 1.0 ? 0.0 : std::floor(std::log(1.0 - rng.uniform01()) / log_miss));
      if (row >= static_cast<double>(spec.samples))
        break;
      rows_of[j].push_back(static_cast<std::uint32_t>(row));
      ++row_length[static_cast<std::size_t>(row)];
    }
  }
  data.rows.row_start.assign(spec.samples + 1, 0);
  for (std::size_t row = 0; row < spec.samples; ++row) {
    data.rows.row_start[row + 1] = data.rows.row_start[row] + row_length[row];
  }
  data.rows.column.resize(data.rows.row_start.back());
  data.rows.value.resize(data.rows.row_start.back());
  std::vector<std::uint64_t> next(data.rows.row_start.begin(), data.rows.row_start.end() - 1);
  for (std::size_t j = 0; j < spec.features; ++j) {  // increasing j: columns end up sorted
    for (const std::uint32_t row : rows_of[j]) {
      data.rows.column[next[row]] = static_cast<std::uint32_t>(j);
      data.rows.value[next[row]++] = static_cast<float>(std::fabs(rng.normal()));
    }
  }
  for (std::size_t row = 0; row < spec.samples; ++row) {
    double squares = 0.0;
    for (auto k = data.rows.row_start[row]; k < data.rows.row_start[row + 1]; ++k) {
      squares += double{data.rows.value[k]} * data.rows.value[k];
    }
    const double scale = squares > 0.0 ? 1.0 / std::sqrt(squares) : 0.0;
    for (auto k = data.rows.row_start[row]; k < data.rows.row_start[row + 1]; ++k) {
      data.rows.value[k] = static_cast<float>(data.rows.value[k] * scale);
    }
  }
}

double teacher_output(const Dataset& data, std::size_t row, const std::vector<double>& weights) {
  double sum = 0.0;
  if (data.sparse) {
    for (auto k = data.rows.row_start[row]; k < data.rows.row_start[row + 1]; ++k) {
      sum += weights[data.rows.column[k]] * data.rows.value[k];
    }
  } else {
    const float* x = data.dense_row(row);
    for (std::size_t j = 0; j < data.features; ++j)
      sum += weights[j] * x[j];
  }
  return sum;
}

void teacher_targets(const SyntheticSpec& spec, Rng& rng, const std::vector<double>& variance,
                     Dataset& data) {
  // Dense: scale so that Var(w*.x) = sum_j lambda_j w_j^2 has expectation 1.
  double total_variance = 0.0;
  for (const double v : variance)
    total_variance += v;
  const double scale = data.sparse ? 1.0 : 1.0 / std::sqrt(total_variance);
  const std::size_t outputs = std::max<std::size_t>(spec.classes, 1);
  std::vector<std::vector<double>> teacher(outputs, std::vector<double>(spec.features));
  for (auto& weights : teacher) {
    for (auto& w : weights)
      w = scale * rng.normal();
  }
  data.targets.resize(spec.samples);
  for (std::size_t row = 0; row < spec.samples; ++row) {
    double best = -HUGE_VAL;
    for (std::size_t c = 0; c < outputs; ++c) {
      const double output = teacher_output(data, row, teacher[c]) + spec.noise * rng.normal();
      if (spec.classes == 0) {
        data.targets[row] = static_cast<float>(output);
      } else if (output > best) {
        best = output;
        data.targets[row] = static_cast<float>(c);
      }
    }
  }
}

}  // namespace

Dataset generate_synthetic(const SyntheticSpec& spec, Rng& rng) {
  Dataset data;
  data.samples = spec.samples;
  data.features = spec.features;
  data.classes = spec.classes;
  std::vector<double> variance;
  if (spec.density >= 1.0) {
    dense_features(spec, rng, data, variance);
  } else {
    sparse_features(spec, rng, data);
  }
  teacher_targets(spec, rng, variance, data);
  return data;
}

}  // namespace commsim
