#pragma once
// Routes over the radio graph (the pairs that can receive each other): fewest
// hops, ties broken towards the lowest node id, found by breadth-first search
// from each destination (Boost.Graph) the first time a route to it is asked.
#include <cstdint>
#include <memory>
#include <vector>

#include "models/media/radio/radio_geometry.hpp"

namespace commsim {

class RadioRoutes {
 public:
  explicit RadioRoutes(const RadioGeometry& geometry);
  ~RadioRoutes();

  static constexpr std::int32_t kUnreachable = -1;
  // Radio hops from `from` to `to`; kUnreachable when there is no route.
  std::int32_t hops(NodeId from, NodeId to);
  // The next radio on the route; `to` itself when it is in range.
  NodeId next_hop(NodeId from, NodeId to);

 private:
  const std::vector<std::int32_t>& distances_to(NodeId to);
  struct ReverseGraph;  // Boost.Graph stays out of the header
  const RadioGeometry& geometry_;
  std::unique_ptr<ReverseGraph> reverse_;
  std::vector<std::vector<std::int32_t>> distances_;  // [destination][node]; empty until asked
};

}  // namespace commsim
