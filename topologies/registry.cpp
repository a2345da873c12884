#include "topologies/registry.hpp"

#include "topologies/builders.hpp"

namespace commsim {

namespace {
ParamSpec degree_budget() {
  // At most the largest node count: a larger budget means the same as
  // nodes - 1, and base-(k+1) arithmetic must not overflow.
  return ParamSpec::integer("k", 1, "degree budget: a node talks to at most k others per round")
      .at_least(1)
      .at_most(10'000'000);
}
ParamSpec seed() {
  return ParamSpec::integer("seed", 1,
                            "seed of the random graph; the same seed gives the same graph")
      .at_least(0);
}
ParamSpec rows() {
  return ParamSpec::optional_integer("rows",
                                     "number of rows a (must divide nodes); default: the largest "
                                     "divisor of nodes that is <= sqrt(nodes)")
      .at_least(1);
}
ParamSpec edge_file() {
  ParamSpec spec = ParamSpec::text("file", "",
                                   "text file with one undirected edge \"u v\" per line "
                                   "(0-based node ids, '#' starts a comment)");
  spec.default_value = nullptr;  // required: there is no sensible default graph
  return spec;
}

std::vector<RegistryEntry<TopologyFactory>> static_entries() {
  return {
      {{"ring", "Static ring; each node mixes with its two neighbours, weights 1/3", {}, ""},
       build_ring},
      {{"torus",
        "Static 2-D torus a x b (grid with wrap-around), weights 1/(degree+1)",
        {rows()},
        "rows, when given, must divide nodes"},
       build_torus},
      {{"grid",
        "Static 2-D grid a x b without wrap-around, Metropolis-Hastings weights",
        {rows()},
        "rows, when given, must divide nodes"},
       build_grid},
      {{"complete", "Static complete graph, W = J: exact averaging in one round", {}, ""},
       build_complete},
      {{"star",
        "Static star around node 0, Metropolis-Hastings weights (1/nodes per edge)",
        {},
        ""},
       build_star},
      {{"exponential",
        "Static exponential graph: node i receives from i + 2^t, weights 1/(ceil(log2 n)+1)",
        {},
        ""},
       build_exponential},
  };
}

std::vector<RegistryEntry<TopologyFactory>> general_graph_entries() {
  return {
      {{"erdos_renyi",
        "Random graph G(n, p), Metropolis-Hastings weights",
        {ParamSpec::real("p", 0.5, "probability of each edge").above(0).at_most(1), seed()},
        "the drawn graph must be connected"},
       build_erdos_renyi},
      {{"small_world",
        "Watts-Strogatz small world: ring lattice with random rewiring, Metropolis-Hastings "
        "weights",
        {ParamSpec::integer("neighbours", 4, "lattice neighbours per node (even)").at_least(2),
         ParamSpec::real("rewire", 0.1, "probability of rewiring each lattice edge")
             .at_least(0)
             .at_most(1),
         seed()},
        "neighbours even and < nodes; the drawn graph must be connected"},
       build_small_world},
      {{"random_regular",
        "Random d-regular graph (pairing model with retries), Metropolis-Hastings weights",
        {ParamSpec::integer("degree", 3, "degree d of every node").at_least(1), seed()},
        "degree < nodes, degree * nodes even, and a connected graph must exist"},
       build_random_regular},
      {{"edge_list",
        "User graph read from a file of \"u v\" lines, Metropolis-Hastings weights",
        {edge_file()},
        "node ids in 0..nodes-1, no self-loops; the graph must be connected"},
       build_edge_list},
  };
}

std::vector<RegistryEntry<TopologyFactory>> time_varying_entries() {
  return {
      {{"one_peer_exponential",
        "Time-varying 1-peer exponential graph: round t averages with node i + 2^t; exact iff "
        "nodes is a power of 2",
        {},
        ""},
       build_one_peer_exponential},
      {{"one_peer_hypercube",
        "Time-varying 1-peer hypercube: round t averages with node i XOR 2^t",
        {},
        "nodes must be a power of 2"},
       build_one_peer_hypercube},
      {{"hyper_hypercube",
        "Time-varying k-peer hyper-hypercube: cliques along each mixed-radix digit",
        {degree_budget()},
        "every prime factor of nodes must be <= k+1"},
       build_hyper_hypercube},
      {{"simple_base",
        "Time-varying Simple Base-(k+1) graph: exact averaging, degree <= k",
        {degree_budget()},
        ""},
       build_simple_base},
      {{"base",
        "Time-varying Base-(k+1) graph (the paper's topology): exact averaging, degree <= k",
        {degree_budget(), ParamSpec::choice("split", {"paper", "best"}, "paper",
                                            "which smooth divisor to split on: the largest (paper) "
                                            "or the shortest result (best)")},
        ""},
       build_base},
  };
}

std::vector<RegistryEntry<TopologyFactory>> all_entries() {
  auto entries = static_entries();
  for (auto&& more : {general_graph_entries(), time_varying_entries()}) {
    entries.insert(entries.end(), more.begin(), more.end());
  }
  return entries;
}
}  // namespace

const Registry<TopologyFactory>& topology_registry() {
  static const Registry<TopologyFactory> registry("topology", all_entries());
  return registry;
}

Topology make_topology(const nlohmann::json& block, NodeId nodes, const std::string& path,
                       nlohmann::json* resolved) {
  if (!block.is_object() || !block.contains("kind") || !block.at("kind").is_string()) {
    throw InputError(path + ".kind", "missing or not a string; available: " +
                                         join_alternatives(topology_registry().names()));
  }
  const auto& entry = topology_registry().find(block.at("kind").get<std::string>(), path + ".kind");
  nlohmann::json values = resolve_params(block, path, entry.info, "kind");
  if (nodes < 1)
    throw InputError(path, "a topology needs nodes >= 1, got " + std::to_string(nodes));
  Topology topology = entry.make(nodes, Params(values, path));
  if (resolved != nullptr)
    *resolved = std::move(values);
  return topology;
}

}  // namespace commsim
