#pragma once
// Random draws built on commsim::Rng only (never <random> distributions, whose
// output differs between standard libraries): shuffles, sampling without
// replacement, gamma and Dirichlet variates.
#include <cstdint>
#include <vector>

#include "sim/kernel/rng.hpp"

namespace commsim {

// Fisher-Yates shuffle.
void shuffle(std::vector<std::uint32_t>& values, Rng& rng);

// `count` distinct values of 0..population-1, each subset equally likely;
// count <= population. Replaces the contents of `out` (no allocation once it
// has the capacity). The order of the values is unspecified.
void sample_without_replacement(std::size_t population, std::size_t count, Rng& rng,
                                std::vector<std::uint32_t>& out);

// `count` independent uniform draws from 0..population-1 (repeats allowed), in
// draw order; population > 0. Replaces the contents of `out`.
void sample_with_replacement(std::size_t population, std::size_t count, Rng& rng,
                             std::vector<std::uint32_t>& out);

// log of a Gamma(shape, 1) variate, shape > 0. In log space because for small
// shapes (Dirichlet alpha = 0.01) the variate itself underflows to 0.
double log_gamma_variate(double shape, Rng& rng);

// A Dirichlet(alpha, ..., alpha) vector of `size` proportions summing to 1.
std::vector<double> dirichlet(std::size_t size, double alpha, Rng& rng);

}  // namespace commsim
