#pragma once
// A topology is one period of mixing matrices, used cyclically through a
// global round counter: round r uses matrix r mod period for every node alike
// (exact finite-time averaging holds only for windows aligned with the period).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "topologies/mixing_matrix.hpp"

namespace commsim {

class Topology {
 public:
  Topology(std::string kind, std::vector<MixingMatrix> period);

  const std::string& kind() const { return kind_; }
  NodeId nodes() const { return nodes_; }
  int period() const { return static_cast<int>(period_.size()); }
  const MixingMatrix& round(std::int64_t r) const {
    return period_[static_cast<std::size_t>(r % static_cast<std::int64_t>(period_.size()))];
  }
  // Distinct other nodes a node exchanges with in one round, maximised over
  // nodes and rounds of the period (edges taken as undirected).
  int max_degree() const { return max_degree_; }
  // Every directed pair (sender, receiver) that carries a message in some round.
  std::vector<std::pair<NodeId, NodeId>> directed_links() const;
  std::size_t memory_bytes() const {
    std::size_t bytes = 0;
    for (const MixingMatrix& matrix : period_)
      bytes += matrix.memory_bytes();
    return bytes;
  }

 private:
  std::string kind_;
  NodeId nodes_ = 0;
  std::vector<MixingMatrix> period_;
  int max_degree_ = 0;
};

}  // namespace commsim
