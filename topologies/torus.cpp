#include "topologies/builders.hpp"
#include "topologies/graph_weights.hpp"
#include "topologies/grid_shape.hpp"

namespace commsim {

// (row, column) links to (row +- 1 mod a, column) and
// (row, column +- 1 mod b). When a or b < 3 neighbours coincide; the distinct
// ones get 1/(deg+1), and a = 1 (prime n by default) is the ring.
Topology build_torus(NodeId nodes, const Params& params) {
  const auto [rows, columns] = grid_shape(nodes, params, "torus");
  std::vector<Edge> edges;
  for (NodeId row = 0; row < rows; ++row) {
    for (NodeId column = 0; column < columns; ++column) {
      const NodeId node = row * columns + column;
      edges.emplace_back(node, ((row + 1) % rows) * columns + column);
      edges.emplace_back(node, row * columns + (column + 1) % columns);
    }
  }
  return Topology("torus", {equal_neighbour_weights(nodes, edges)});
}

}  // namespace commsim
