#pragma once
// What `commsim topology` prints: a JSON description of
// one period, and Graphviz with one cluster per round. No Boost or Eigen here.
#include <ostream>

#include <nlohmann/json.hpp>

#include "topologies/topology.hpp"

namespace commsim {

// {"kind", "nodes", "period", "max_degree", "exact", "beta",
//  "rounds": [{"weights": [[i, j, W[i][j]], ...]}, ...]} with every non-zero
// entry, self weights included.
nlohmann::json describe_topology(const Topology& topology);

// Graphviz (boost::write_graphviz): one cluster per round, node labels with
// the self weight, one undirected edge where W[i][j] = W[j][i], otherwise an
// arrow j -> i (j sends to i), each labelled with its weight.
void write_topology_dot(std::ostream& out, const Topology& topology);

}  // namespace commsim
