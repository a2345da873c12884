#include "topologies/builders.hpp"
#include "topologies/graph_weights.hpp"
#include "topologies/grid_shape.hpp"

namespace commsim {

// The torus without wrap-around. Border nodes have fewer neighbours, so equal
// weights would not be doubly stochastic: Metropolis-Hastings weights instead.
Topology build_grid(NodeId nodes, const Params& params) {
  const auto [rows, columns] = grid_shape(nodes, params, "grid");
  std::vector<Edge> edges;
  for (NodeId row = 0; row < rows; ++row) {
    for (NodeId column = 0; column < columns; ++column) {
      const NodeId node = row * columns + column;
      if (row + 1 < rows)
        edges.emplace_back(node, node + columns);
      if (column + 1 < columns)
        edges.emplace_back(node, node + 1);
    }
  }
  return Topology("grid", {metropolis_hastings_weights(nodes, edges)});
}

}  // namespace commsim
