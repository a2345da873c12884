#pragma once
// How well one period averages: whether P = W_m...W_1 equals J = (1/n) 1 1^T,
// and the consensus rate beta = ||P - J||_2.
#include "topologies/topology.hpp"

namespace commsim {

struct ConsensusSummary {
  bool exact = false;  // P x equals mean(x) 1 to 1e-9 for seeded random x
  double beta = 0.0;   // ||P - J||_2; 0 when exact
};

// Exactness from a few seeded random vectors pushed through the period with
// sparse mat-vecs. beta: dense SVD of P - J up to kDenseNodes nodes, else
// Lanczos on (P - J)^T (P - J) with mat-vecs only (docs/topologies.md gives
// its accuracy).
ConsensusSummary summarize_consensus(const Topology& topology);

// ||P - J||_2 without the exactness shortcut.
double consensus_rate(const Topology& topology);

inline constexpr NodeId kDenseNodes = 256;

}  // namespace commsim
