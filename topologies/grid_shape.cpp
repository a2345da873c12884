#include "topologies/grid_shape.hpp"

namespace commsim {

GridShape grid_shape(NodeId nodes, const Params& params, const std::string& kind) {
  if (params.has("rows")) {
    const std::int64_t rows = params.integer("rows");
    if (nodes % rows != 0) {
      throw params.error("rows", kind + " needs rows to divide nodes = " + std::to_string(nodes) +
                                     ", got rows = " + std::to_string(rows));
    }
    return {static_cast<NodeId>(rows), static_cast<NodeId>(nodes / rows)};
  }
  NodeId rows = 1;
  for (NodeId d = 1; static_cast<std::int64_t>(d) * d <= nodes; ++d) {
    if (nodes % d == 0)
      rows = d;
  }
  return {rows, nodes / rows};
}

}  // namespace commsim
