#include "models/compressors/powersgd.hpp"

#include <algorithm>
#include <cmath>

#include "models/compressors/collective_catalog.hpp"
#include "models/compressors/compressor_params.hpp"

namespace commsim {

void orthonormalize_columns(Eigen::MatrixXd& matrix) {
  for (Eigen::Index c = 0; c < matrix.cols(); ++c) {
    for (Eigen::Index previous = 0; previous < c; ++previous) {
      matrix.col(c) -= matrix.col(previous).dot(matrix.col(c)) * matrix.col(previous);
    }
    const double norm = matrix.col(c).norm();
    if (norm > 1e-12) {
      matrix.col(c) /= norm;
    } else {
      matrix.col(c).setZero();
    }
  }
}

PowerSgd::PowerSgd(NodeId workers, std::size_t dimension, std::size_t rows, std::size_t rank,
                   std::int64_t value_bits)
    : dimension_(dimension),
      rows_(std::clamp<std::size_t>(rows, 1, std::max<std::size_t>(dimension, 1))),
      columns_((dimension + rows_ - 1) / rows_),
      rank_(std::clamp<std::size_t>(rank, 1, std::max<std::size_t>(std::min(rows_, columns_), 1))),
      value_bits_(value_bits),
      errors_(static_cast<std::size_t>(workers), std::vector<float>(dimension, 0.0f)) {}

Eigen::MatrixXd PowerSgd::as_matrix(const std::vector<float>& gradient,
                                    const std::vector<float>& error) const {
  Eigen::MatrixXd matrix =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(rows_), static_cast<Eigen::Index>(columns_));
  for (std::size_t k = 0; k < dimension_; ++k) {
    matrix(static_cast<Eigen::Index>(k / columns_), static_cast<Eigen::Index>(k % columns_)) =
        static_cast<double>(gradient[k]) + static_cast<double>(error[k]);
  }
  return matrix;
}

CollectiveResult PowerSgd::exchange(const std::vector<std::vector<float>>& inputs,
                                    std::int64_t /*round*/, Rng& rng) {
  const std::size_t n = inputs.size();
  const auto r = static_cast<Eigen::Index>(rank_);
  if (query_.size() == 0) {
    query_.resize(static_cast<Eigen::Index>(columns_), r);
    for (Eigen::Index c = 0; c < r; ++c) {
      for (Eigen::Index row = 0; row < query_.rows(); ++row)
        query_(row, c) = rng.normal();
    }
  }
  std::vector<Eigen::MatrixXd> matrices;
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(rows_), r);
  for (std::size_t i = 0; i < n; ++i) {
    matrices.push_back(as_matrix(inputs[i], errors_[i]));
    p += matrices.back() * query_;
  }
  orthonormalize_columns(p);
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(columns_), r);
  for (const auto& matrix : matrices)
    q += matrix.transpose() * p;
  q /= static_cast<double>(n);
  const Eigen::MatrixXd approximation = p * q.transpose();

  CollectiveResult result;
  result.update.resize(dimension_);
  for (std::size_t k = 0; k < dimension_; ++k) {
    const auto row = static_cast<Eigen::Index>(k / columns_);
    const auto column = static_cast<Eigen::Index>(k % columns_);
    result.update[k] = static_cast<float>(approximation(row, column));
    for (std::size_t i = 0; i < n; ++i) {
      errors_[i][k] = static_cast<float>(matrices[i](row, column) - approximation(row, column));
    }
  }
  p_hat_ = p;
  query_ = q;  // warm start: the next round's power iteration starts from this Q
  result.phases = {
      CollectivePhase::all_reduce(static_cast<std::int64_t>(rows_ * rank_), value_bits_),
      CollectivePhase::all_reduce(static_cast<std::int64_t>(columns_ * rank_), value_bits_)};
  result.level = static_cast<std::int64_t>(rank_);
  return result;
}

PluginInfo powersgd_info() {
  return {
      "powersgd",
      "PowerSGD (collective): rank-r power iteration on the gradient viewed as a rows x columns "
      "matrix, warm-started Q, error feedback; r*(rows + columns)*b_f bits in two all-reduces",
      concat_params(
          {{ParamSpec::integer("rank", 2,
                               "rank r of the approximation (clamped to min(rows, columns))")
                .at_least(1),
            ParamSpec::integer("rows", 0,
                               "rows of the matrix view of the flat d-vector (row-major, columns = "
                               "ceil(d/rows)); 0: round(sqrt(d)), the most square view")
                .at_least(0)},
           value_width_params()}),
      "collective: only algorithm ps_sgd (mode sync) or allreduce"};
}

std::unique_ptr<Compressor> make_powersgd(const Params& params, std::size_t dimension) {
  const auto rank = static_cast<std::size_t>(params.integer("rank"));
  std::size_t rows = static_cast<std::size_t>(params.integer("rows"));
  if (rows == 0)
    rows = static_cast<std::size_t>(std::lround(std::sqrt(static_cast<double>(dimension))));
  const std::int64_t value_bits = read_value_bits(params);
  return std::make_unique<CollectiveMethod>(
      "powersgd",
      CollectiveTraits{
          "its factors P and Q are all-reduced over the workers and Q is orthogonalized against "
          "the summed P",
          true, true, false},
      [=](NodeId workers, Fabric, std::uint64_t) {
        return std::make_unique<PowerSgd>(workers, dimension, rows, rank, value_bits);
      });
}

}  // namespace commsim
