#pragma once
// PowerSGD: rank-r power iteration with warm start and error
// feedback. The flat model vector is viewed as a rows x columns matrix
// (row-major, columns = ceil(d / rows), the tail padded with zeros that are
// never sent as model entries). Per round, with Q (columns x r) kept from the
// previous round (Gaussian at round 0):
//   M_i = g_i + e_i;  P = sum_i M_i Q  (all-reduce);  P^ = Gram-Schmidt(P);
//   Q = (1/n) sum_i M_i^T P^  (all-reduce);  update = P^ Q^T;
//   e_i = M_i - P^ Q^T  (local M, averaged factors).
// Bits: r*(rows + columns)*b_f in two all-reduces.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "models/compressors/collective.hpp"

namespace commsim {

class PowerSgd final : public CollectiveCompressor {
 public:
  PowerSgd(NodeId workers, std::size_t dimension, std::size_t rows, std::size_t rank,
           std::int64_t value_bits);
  CollectiveResult exchange(const std::vector<std::vector<float>>& inputs, std::int64_t round,
                            Rng& rng) override;

  std::size_t rows() const { return rows_; }
  std::size_t columns() const { return columns_; }
  std::size_t rank() const { return rank_; }
  // The warm-start query (columns x rank); tests set it to a fixed vector.
  void set_query(const Eigen::MatrixXd& query) { query_ = query; }
  const Eigen::MatrixXd& query() const { return query_; }
  // P^ of the last round (rows x rank).
  const Eigen::MatrixXd& orthonormal_p() const { return p_hat_; }
  const std::vector<float>& error(NodeId worker) const {
    return errors_[static_cast<std::size_t>(worker)];
  }

 private:
  Eigen::MatrixXd as_matrix(const std::vector<float>& gradient,
                            const std::vector<float>& error) const;

  std::size_t dimension_;
  std::size_t rows_;
  std::size_t columns_;
  std::size_t rank_;
  std::int64_t value_bits_;
  Eigen::MatrixXd query_;  // empty until round 0 draws it
  Eigen::MatrixXd p_hat_;
  std::vector<std::vector<float>> errors_;
};

// Orthonormalizes the columns in place (modified Gram-Schmidt); a column that
// is (numerically) dependent on the previous ones becomes zero.
void orthonormalize_columns(Eigen::MatrixXd& matrix);

}  // namespace commsim
