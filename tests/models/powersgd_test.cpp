// PowerSGD: one worker, rank 1, M = [[1,2],[3,4],[5,6]], Q = (1,0).
#include <doctest/doctest.h>

#include <cmath>

#include "models/compressors/powersgd.hpp"

using namespace commsim;

TEST_CASE("powersgd: worked vector (P^, Q, approximation, error, 160 bits)") {
  PowerSgd power(1, 6, 3, 1, 32);
  REQUIRE(power.rows() == 3);
  REQUIRE(power.columns() == 2);
  Eigen::MatrixXd query(2, 1);
  query << 1, 0;
  power.set_query(query);
  Rng rng(1, "test");
  const auto result = power.exchange({{1, 2, 3, 4, 5, 6}}, 0, rng);
  const double root35 = std::sqrt(35.0);
  CHECK(power.orthonormal_p()(0, 0) == doctest::Approx(1 / root35));
  CHECK(power.orthonormal_p()(1, 0) == doctest::Approx(3 / root35));
  CHECK(power.orthonormal_p()(2, 0) == doctest::Approx(5 / root35));
  CHECK(power.query()(0, 0) == doctest::Approx(5.91608).epsilon(1e-5));
  CHECK(power.query()(1, 0) == doctest::Approx(7.43736).epsilon(1e-5));
  const std::vector<double> approximation = {1, 1.25714, 3, 3.77143, 5, 6.28571};
  const std::vector<double> error = {0, 0.74286, 0, 0.22857, 0, -0.28571};
  for (std::size_t k = 0; k < 6; ++k) {
    CHECK(result.update[k] == doctest::Approx(approximation[k]).epsilon(1e-5));
    CHECK(power.error(0)[k] == doctest::Approx(error[k]).epsilon(1e-4));
  }
  REQUIRE(result.phases.size() == 2);
  std::int64_t bits = 0;
  for (const auto& phase : result.phases)
    bits += phase.values * phase.value_bits;
  CHECK(bits == 160);  // 5 floats, versus 192 dense
}

TEST_CASE("powersgd: a rank-1 average is exact, and each error is the local M minus the average") {
  PowerSgd power(2, 4, 2, 1, 32);
  Rng rng(3, "test");
  // Both workers send multiples of the rank-1 matrix [[1,2],[2,4]]: the average is exact.
  const auto result = power.exchange({{1, 2, 2, 4}, {3, 6, 6, 12}}, 0, rng);
  const std::vector<float> average = {2, 4, 4, 8};
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(result.update[k] == doctest::Approx(average[k]).epsilon(1e-5));
    // e_0 = M_0 - average = -(1, 2, 2, 4); e_1 = +(1, 2, 2, 4): together nothing is lost.
    CHECK(power.error(0)[k] == doctest::Approx(-average[k] / 2).epsilon(1e-5));
    CHECK(power.error(1)[k] == doctest::Approx(average[k] / 2).epsilon(1e-5));
  }
}

TEST_CASE("powersgd: Gram-Schmidt gives orthonormal columns and zeroes dependent ones") {
  Eigen::MatrixXd m(3, 3);
  m << 1, 2, 1, 0, 1, 0, 1, 0, 1;  // third column equals the first
  orthonormalize_columns(m);
  CHECK(m.col(0).norm() == doctest::Approx(1.0));
  CHECK(m.col(1).norm() == doctest::Approx(1.0));
  CHECK(std::fabs(m.col(0).dot(m.col(1))) < 1e-12);
  CHECK(m.col(2).norm() == doctest::Approx(0.0));
}
