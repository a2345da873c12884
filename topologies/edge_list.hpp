#pragma once
// The edge_list topology's parser, apart from its file, so that tests and the
// fuzzer can hand it text directly.
#include <string>
#include <string_view>

#include "sim/params/params.hpp"
#include "topologies/topology.hpp"

namespace commsim {

// Parses "u v" lines (0-based ids, '#' comments, an edge listed twice or both
// ways counts once) into a connected graph with Metropolis-Hastings weights.
// `file` names the text in errors, which are thrown through `params.error`.
Topology edge_list_topology(std::string_view text, NodeId nodes, const std::string& file,
                            const Params& params);

}  // namespace commsim
