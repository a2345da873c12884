#pragma once
// Mixing weights for general undirected graphs given as edge lists (self
// loops and repeated edges are dropped). The graph itself is a Boost.Graph
// adjacency_list inside graph_weights.cpp; this header stays Boost-free.
#include <utility>
#include <vector>

#include "topologies/mixing_matrix.hpp"

namespace commsim {

using Edge = std::pair<NodeId, NodeId>;

// Each distinct neighbour and the node itself get 1/(deg+1) (ring, torus).
// Doubly stochastic only for regular graphs such as the ring and the torus.
MixingMatrix equal_neighbour_weights(NodeId nodes, const std::vector<Edge>& edges);

// Metropolis-Hastings: W_ij = 1/(1 + max(deg_i, deg_j)) on every edge, self
// weight the rest. Symmetric and doubly stochastic for any graph.
MixingMatrix metropolis_hastings_weights(NodeId nodes, const std::vector<Edge>& edges);

// Number of connected components (boost::connected_components).
int count_components(NodeId nodes, const std::vector<Edge>& edges);

}  // namespace commsim
