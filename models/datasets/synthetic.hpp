#pragma once
// Synthetic data sets with known structure, drawn from a seeded Rng.
//
// Features. density == 1: dense Gaussian features with independent
// coordinates of variance lambda_j = condition_number^(-j/(features-1)), so the
// feature covariance (the least-squares Hessian) has exactly that condition
// number. density < 1: sparse, RCV1-like: feature j is present in a sample with
// probability p_j = min(1, c/(j+1)) (Zipf-like document frequencies, feature 0
// the most frequent), c chosen so that the expected fraction of non-zeros is
// `density`; present values are |N(0,1)| and every row is scaled to unit
// Euclidean norm (as RCV1's tf-idf rows are).
//
// Targets come from a random linear teacher W* (entries N(0,1), scaled so
// that a teacher output has unit variance on dense data): classes == 0 gives
// real targets y = w*.x + noise * N(0,1); classes >= 2 gives the label
// argmax_c (W*_c.x + noise * N(0,1)).
#include <cstddef>

#include "models/datasets/dataset.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim {

struct SyntheticSpec {
  std::size_t samples = 1000;
  std::size_t features = 100;
  double density = 1.0;           // fraction of non-zero features, in (0, 1]
  double condition_number = 1.0;  // dense only: largest / smallest feature variance, >= 1
  std::size_t classes = 0;        // 0: regression targets; >= 2: class labels
  double noise = 0.1;             // standard deviation of the teacher's output noise
};

Dataset generate_synthetic(const SyntheticSpec& spec, Rng& rng);

}  // namespace commsim
