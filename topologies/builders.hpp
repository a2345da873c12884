#pragma once
// Builders of every topology in the registry (one source file each). Each
// throws InputError, through `params.error`, when n or a parameter is not allowed.
#include "sim/params/params.hpp"
#include "topologies/topology.hpp"

namespace commsim {

// Static.
Topology build_ring(NodeId nodes, const Params& params);
Topology build_torus(NodeId nodes, const Params& params);
Topology build_grid(NodeId nodes, const Params& params);
Topology build_complete(NodeId nodes, const Params& params);
Topology build_star(NodeId nodes, const Params& params);
Topology build_exponential(NodeId nodes, const Params& params);
// General graphs with Metropolis-Hastings weights.
Topology build_erdos_renyi(NodeId nodes, const Params& params);
Topology build_small_world(NodeId nodes, const Params& params);
Topology build_random_regular(NodeId nodes, const Params& params);
Topology build_edge_list(NodeId nodes, const Params& params);
// Time-varying.
Topology build_one_peer_exponential(NodeId nodes, const Params& params);
Topology build_one_peer_hypercube(NodeId nodes, const Params& params);
Topology build_hyper_hypercube(NodeId nodes, const Params& params);
Topology build_simple_base(NodeId nodes, const Params& params);
Topology build_base(NodeId nodes, const Params& params);

}  // namespace commsim
