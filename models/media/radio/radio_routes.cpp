#include "models/media/radio/radio_routes.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/visitors.hpp>
#include <limits>
#include <stdexcept>

namespace commsim {

// Directed: a route follows who can receive whom (from -> to), and the search
// runs backwards from the destination over the reversed edges.
struct RadioRoutes::ReverseGraph
    : boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS> {
  using adjacency_list::adjacency_list;
};

RadioRoutes::RadioRoutes(const RadioGeometry& geometry)
    : geometry_(geometry),
      reverse_(std::make_unique<ReverseGraph>(static_cast<std::size_t>(geometry.nodes()))),
      distances_(static_cast<std::size_t>(geometry.nodes())) {
  for (NodeId from = 0; from < geometry.nodes(); ++from) {
    for (const Hearer& h : geometry.hearers(from)) {
      if (h.in_range) {
        boost::add_edge(static_cast<std::size_t>(h.node), static_cast<std::size_t>(from),
                        *reverse_);
      }
    }
  }
}

RadioRoutes::~RadioRoutes() = default;

const std::vector<std::int32_t>& RadioRoutes::distances_to(NodeId to) {
  auto& distances = distances_[static_cast<std::size_t>(to)];
  if (!distances.empty())
    return distances;
  const NodeId n = geometry_.nodes();
  const ReverseGraph& reverse = *reverse_;
  std::vector<std::int32_t> hops(static_cast<std::size_t>(n), kUnreachable);
  hops[static_cast<std::size_t>(to)] = 0;
  boost::breadth_first_search(
      reverse, static_cast<std::size_t>(to),
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(
          boost::make_iterator_property_map(hops.begin(), boost::get(boost::vertex_index, reverse)),
          boost::on_tree_edge()))));
  // record_distances leaves unreached vertices as they were (kUnreachable).
  distances = std::move(hops);
  return distances;
}

std::int32_t RadioRoutes::hops(NodeId from, NodeId to) {
  return distances_to(to)[static_cast<std::size_t>(from)];
}

NodeId RadioRoutes::next_hop(NodeId from, NodeId to) {
  const auto& distances = distances_to(to);
  const std::int32_t here = distances[static_cast<std::size_t>(from)];
  if (here <= 0)
    throw std::logic_error("RadioRoutes::next_hop: no route");
  // Hearers come by increasing id: the first one a hop closer wins the tie.
  for (const Hearer& h : geometry_.hearers(from)) {
    if (h.in_range && distances[static_cast<std::size_t>(h.node)] == here - 1)
      return h.node;
  }
  throw std::logic_error("RadioRoutes::next_hop: inconsistent distances");
}

}  // namespace commsim
