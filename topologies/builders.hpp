#pragma once
// Builders of every topology in the registry (one source file each).
#include "sim/params/params.hpp"
#include "topologies/topology.hpp"

namespace commsim {

Topology build_ring(NodeId nodes, const Params& params);
Topology build_complete(NodeId nodes, const Params& params);
Topology build_one_peer_exponential(NodeId nodes, const Params& params);

}  // namespace commsim
