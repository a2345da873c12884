#include "topologies/consensus_rate.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <Eigen/SVD>

#include "sim/kernel/rng.hpp"

namespace commsim {

namespace {
using Vector = std::vector<double>;

constexpr int kExactnessProbes = 3;
constexpr double kExactTolerance = 1e-9;  // relative to the largest |x_i|
constexpr int kLanczosMaxSteps = 1500;
constexpr int kLanczosMinSteps = 200;
constexpr double kLanczosWorkBudget = 2.5e8;  // multiply-adds, about 0.2 s
constexpr int kLanczosFirstCheck = 10;
constexpr double kLanczosTolerance = 1e-14;  // relative change of the top Ritz value

Vector multiply(const MixingMatrix& w, const Vector& x) {
  Vector y(x.size(), 0.0);
  for (NodeId i = 0; i < w.nodes(); ++i) {
    double sum = 0.0;
    for (const auto& e : w.row(i))
      sum += e.weight * x[static_cast<std::size_t>(e.from)];
    y[static_cast<std::size_t>(i)] = sum;
  }
  return y;
}

Vector multiply_transposed(const MixingMatrix& w, const Vector& x) {
  Vector y(x.size(), 0.0);
  for (NodeId i = 0; i < w.nodes(); ++i) {
    for (const auto& e : w.row(i))
      y[static_cast<std::size_t>(e.from)] += e.weight * x[static_cast<std::size_t>(i)];
  }
  return y;
}

double mean(const Vector& x) {
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

void remove_mean(Vector& x) {
  const double m = mean(x);
  for (auto& v : x)
    v -= m;
}

double dot(const Vector& a, const Vector& b) {
  return std::inner_product(a.begin(), a.end(), b.begin(), 0.0);
}

Vector random_vector(Rng& rng, NodeId n) {
  Vector x(static_cast<std::size_t>(n));
  for (auto& v : x)
    v = 2.0 * rng.uniform01() - 1.0;
  return x;
}

// P x with W_1 applied first.
Vector apply_period(const Topology& topology, Vector x) {
  for (int r = 0; r < topology.period(); ++r)
    x = multiply(topology.round(r), x);
  return x;
}

// (P - J)^T (P - J) x for x with mean 0, where J x = 0: P^T P x, recentred.
Vector apply_gram(const Topology& topology, const Vector& x) {
  Vector y = apply_period(topology, x);
  remove_mean(y);
  for (int r = topology.period() - 1; r >= 0; --r)
    y = multiply_transposed(topology.round(r), y);
  remove_mean(y);
  return y;
}

bool averages_exactly(const Topology& topology) {
  Rng rng(1, "topology/exactness");
  for (int probe = 0; probe < kExactnessProbes; ++probe) {
    const Vector x = random_vector(rng, topology.nodes());
    const double target = mean(x);
    const Vector y = apply_period(topology, x);
    double scale = 0.0, error = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      scale = std::max(scale, std::abs(x[i]));
      error = std::max(error, std::abs(y[i] - target));
    }
    if (error > kExactTolerance * scale)
      return false;
  }
  return true;
}

double dense_rate(const Topology& topology) {
  const auto n = static_cast<Eigen::Index>(topology.nodes());
  Eigen::MatrixXd product = Eigen::MatrixXd::Identity(n, n);
  for (int r = 0; r < topology.period(); ++r) {
    const MixingMatrix& w = topology.round(r);
    Eigen::MatrixXd next = Eigen::MatrixXd::Zero(n, n);
    for (NodeId i = 0; i < w.nodes(); ++i) {
      for (const auto& e : w.row(i))
        next.row(i) += e.weight * product.row(e.from);
    }
    product = std::move(next);
  }
  product.array() -= 1.0 / static_cast<double>(n);
  return Eigen::BDCSVD<Eigen::MatrixXd>(product).singularValues()(0);
}

// Sturm count: how many eigenvalues of the symmetric tridiagonal matrix with
// diagonal `alpha` and off-diagonal `beta` lie below x.
int eigenvalues_below(const Vector& alpha, const Vector& beta, double x) {
  int count = 0;
  double pivot = 1.0;
  for (std::size_t i = 0; i < alpha.size(); ++i) {
    pivot = alpha[i] - x - (i == 0 ? 0.0 : beta[i - 1] * beta[i - 1] / pivot);
    if (pivot == 0.0)
      pivot = -1e-300;
    if (pivot < 0.0)
      ++count;
  }
  return count;
}

// Largest eigenvalue of that tridiagonal matrix, by bisection between a known
// lower bound and the Gershgorin bound: O(steps) per halving, where a dense
// solver would cost O(steps^2) per call.
double top_ritz_value(const Vector& alpha, const Vector& beta, double lower_bound) {
  double low = lower_bound, high = alpha[0];
  for (std::size_t i = 0; i < alpha.size(); ++i) {
    const double radius =
        (i > 0 ? std::abs(beta[i - 1]) : 0.0) + (i < beta.size() ? std::abs(beta[i]) : 0.0);
    high = std::max(high, alpha[i] + radius);
  }
  const int all = static_cast<int>(alpha.size());
  while (high - low > 1e-17 * std::max(1.0, std::abs(high))) {
    const double middle = 0.5 * (low + high);
    if (middle <= low || middle >= high)
      break;
    (eigenvalues_below(alpha, beta, middle) == all ? high : low) = middle;
  }
  return 0.5 * (low + high);
}

// Lanczos without reorthogonalisation: the top Ritz value of the Gram
// operator converges from below to beta^2 (lost orthogonality only adds
// copies of converged values). Stops when it settles or after a step cap.
double lanczos_rate(const Topology& topology) {
  double work_per_step = 10.0 * topology.nodes();
  for (int r = 0; r < topology.period(); ++r)
    work_per_step += 2.0 * static_cast<double>(topology.round(r).nonzeros());
  const int max_steps = std::clamp(static_cast<int>(kLanczosWorkBudget / work_per_step),
                                   kLanczosMinSteps, kLanczosMaxSteps);
  Rng rng(1, "topology/consensus_rate");
  Vector q = random_vector(rng, topology.nodes());
  remove_mean(q);
  const double norm = std::sqrt(dot(q, q));
  for (auto& v : q)
    v /= norm;
  Vector previous(q.size(), 0.0), alpha, beta;
  double theta = 0.0;
  int next_check = kLanczosFirstCheck;
  for (int step = 1; step <= max_steps; ++step) {
    Vector w = apply_gram(topology, q);
    alpha.push_back(dot(w, q));
    const double last_beta = beta.empty() ? 0.0 : beta.back();
    for (std::size_t i = 0; i < w.size(); ++i)
      w[i] -= alpha.back() * q[i] + last_beta * previous[i];
    const double next_beta = std::sqrt(dot(w, w));
    const bool invariant = next_beta <= 1e-14;  // ||A|| <= 1: a Krylov space closed up
    // Ritz values only grow with the Krylov space (interlacing), so the last
    // one bounds the next from below; checks thin out as the space grows.
    if (invariant || step == next_check || step == max_steps) {
      const double refined = top_ritz_value(alpha, beta, theta);
      const bool settled = refined - theta <= kLanczosTolerance * refined;
      theta = refined;
      if (invariant || settled)
        break;
      next_check = step + std::max(kLanczosFirstCheck, step / 8);
    }
    beta.push_back(next_beta);
    previous = std::move(q);
    q = std::move(w);
    for (auto& v : q)
      v /= next_beta;
  }
  return std::sqrt(std::max(theta, 0.0));
}
}  // namespace

double consensus_rate(const Topology& topology) {
  if (topology.nodes() <= 1)
    return 0.0;
  return topology.nodes() <= kDenseNodes ? dense_rate(topology) : lanczos_rate(topology);
}

ConsensusSummary summarize_consensus(const Topology& topology) {
  if (averages_exactly(topology))
    return {true, 0.0};
  return {false, consensus_rate(topology)};
}

}  // namespace commsim
