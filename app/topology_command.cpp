// `commsim topology`: a topology's period, degree, exactness and weights.
#include <iostream>

#include "app/command_line.hpp"
#include "app/plugin_options.hpp"
#include "sim/params/input_error.hpp"
#include "topologies/inspect.hpp"
#include "topologies/registry.hpp"

namespace commsim {

int topology_command(const Arguments& arguments) {
  std::string kind;
  std::int64_t nodes = 0;
  std::vector<std::string> assignments;
  bool as_json = false, as_dot = false;
  po::options_description options("options");
  options.add_options()("kind", po::value(&kind)->required(),
                        "topology name (see commsim list topologies)")(
      "nodes", po::value(&nodes)->required(), "number of nodes")(
      "set", po::value(&assignments)->composing(), "KEY=VALUE parameter of the topology, e.g. k=2")(
      "json", po::bool_switch(&as_json), "print one JSON object with every round's weights")(
      "dot", po::bool_switch(&as_dot), "print Graphviz, one cluster per round");
  po::variables_map values;
  if (!parse_command_line(
          arguments, "commsim topology --kind NAME --nodes N [--set KEY=VALUE]... [--json | --dot]",
          options, {}, values)) {
    return 0;
  }
  if (as_json && as_dot)
    throw InputError("--dot", "choose one of --json and --dot");
  if (nodes < 1 || nodes > 10'000'000) {
    throw InputError("--nodes",
                     "got " + std::to_string(nodes) + ", expected an integer in 1..10000000");
  }
  const Topology topology = make_topology(plugin_block("kind", kind, assignments),
                                          static_cast<NodeId>(nodes), "topology");
  if (as_dot) {
    write_topology_dot(std::cout, topology);
    return 0;
  }
  nlohmann::json description = describe_topology(topology);
  if (as_json) {
    std::cout << description.dump() << "\n";
    return 0;
  }
  std::cout << kind << " on " << nodes << " nodes: period " << description["period"]
            << ", max degree " << description["max_degree"] << ", exact " << description["exact"]
            << ", beta " << description["beta"] << "\n";
  return 0;
}

}  // namespace commsim
