#include "topologies/topology.hpp"

#include <algorithm>
#include <stdexcept>

namespace commsim {

namespace {
int round_degree(const MixingMatrix& w) {
  int best = 0;
  std::vector<NodeId> contacts;
  for (NodeId i = 0; i < w.nodes(); ++i) {
    const auto in = w.senders_to(i);
    const auto out = w.receivers_of(i);
    contacts.assign(in.begin(), in.end());
    contacts.insert(contacts.end(), out.begin(), out.end());
    std::sort(contacts.begin(), contacts.end());
    const auto distinct = std::unique(contacts.begin(), contacts.end()) - contacts.begin();
    best = std::max(best, static_cast<int>(distinct));
  }
  return best;
}
}  // namespace

Topology::Topology(std::string kind, std::vector<MixingMatrix> period)
    : kind_(std::move(kind)), period_(std::move(period)) {
  if (period_.empty())
    throw std::logic_error("Topology: a period needs at least one round");
  nodes_ = period_.front().nodes();
  for (const auto& w : period_) {
    if (w.nodes() != nodes_)
      throw std::logic_error("Topology: rounds of different sizes");
    max_degree_ = std::max(max_degree_, round_degree(w));
  }
}

std::vector<std::pair<NodeId, NodeId>> Topology::directed_links() const {
  std::vector<std::pair<NodeId, NodeId>> links;
  for (const auto& w : period_) {
    for (NodeId i = 0; i < nodes_; ++i) {
      for (const NodeId j : w.senders_to(i))
        links.emplace_back(j, i);
    }
  }
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  return links;
}

}  // namespace commsim
