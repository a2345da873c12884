#pragma once
// The a x b shape shared by the torus and the grid.
#include <string>

#include "sim/net/message.hpp"
#include "sim/params/params.hpp"

namespace commsim {

struct GridShape {
  NodeId rows;     // a
  NodeId columns;  // b; node (row, column) has index row * b + column
};

// a = the `rows` parameter when given (it must divide n), else the largest
// divisor of n that is <= sqrt(n). `kind` names the topology in errors.
GridShape grid_shape(NodeId nodes, const Params& params, const std::string& kind);

}  // namespace commsim
