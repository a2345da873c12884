#include "topologies/inspect.hpp"

#include "topologies/consensus_rate.hpp"

namespace commsim {

nlohmann::json describe_topology(const Topology& topology) {
  const ConsensusSummary consensus = summarize_consensus(topology);
  nlohmann::json rounds = nlohmann::json::array();
  for (int r = 0; r < topology.period(); ++r) {
    nlohmann::json weights = nlohmann::json::array();
    for (const auto& e : topology.round(r).triplets())
      weights.push_back({e.row, e.column, e.weight});
    rounds.push_back({{"weights", std::move(weights)}});
  }
  return {{"kind", topology.kind()},     {"nodes", topology.nodes()},
          {"period", topology.period()}, {"max_degree", topology.max_degree()},
          {"exact", consensus.exact},    {"beta", consensus.beta},
          {"rounds", std::move(rounds)}};
}

}  // namespace commsim
