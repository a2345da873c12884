#include "topologies/round_links.hpp"

namespace commsim {

void RoundLinks::add_clique(NodeSpan members) {
  const double weight = 1.0 / static_cast<double>(members.size);
  for (NodeId a = 0; a < members.size; ++a) {
    for (NodeId b = 0; b < members.size; ++b) {
      if (a != b)
        links_.push_back({members.at(a), members.at(b), weight});
    }
  }
}

void RoundLinks::add_clique(const std::vector<NodeId>& members) {
  const double weight = 1.0 / static_cast<double>(members.size());
  for (const NodeId a : members) {
    for (const NodeId b : members) {
      if (a != b)
        links_.push_back({a, b, weight});
    }
  }
}

void RoundLinks::add_link(NodeId u, NodeId v, double weight) {
  links_.push_back({u, v, weight});
  links_.push_back({v, u, weight});
}

MixingMatrix RoundLinks::matrix(NodeId nodes) && {
  return MixingMatrix::with_self_weights(nodes, std::move(links_));
}

}  // namespace commsim
