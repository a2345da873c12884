// Fuzzes the edge_list topology's parser: the first byte picks the node count
// (1..64), the rest is the file's text. A result that is not a doubly
// stochastic mixing matrix over those nodes is a finding, like a crash.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "topologies/edge_list.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  const auto nodes = static_cast<commsim::NodeId>(1 + data[0] % 64);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const commsim::Params params(nlohmann::json{{"kind", "edge_list"}, {"file", "fuzz.edges"}},
                               "topology");
  try {
    const commsim::Topology topology =
        commsim::edge_list_topology(text, nodes, "fuzz.edges", params);
    const commsim::MixingMatrix& w = topology.round(0);
    if (topology.period() != 1 || w.nodes() != nodes)
      __builtin_trap();
    for (commsim::NodeId i = 0; i < nodes; ++i) {
      double row_sum = 0.0, column_sum = 0.0;
      for (commsim::NodeId j = 0; j < nodes; ++j) {
        row_sum += w.weight(i, j);
        column_sum += w.weight(j, i);
        if (w.weight(i, j) < 0.0 || w.weight(i, j) != w.weight(j, i))
          __builtin_trap();
      }
      if (std::abs(row_sum - 1.0) > 1e-12 || std::abs(column_sum - 1.0) > 1e-12)
        __builtin_trap();
    }
  } catch (const commsim::InputError&) {
  }
  return 0;
}
