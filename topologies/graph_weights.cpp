#include "topologies/graph_weights.hpp"

#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>

namespace commsim {

namespace {
// setS out-edge lists make the graph simple: a repeated edge is not added twice.
using SimpleGraph = boost::adjacency_list<boost::setS, boost::vecS, boost::undirectedS>;

SimpleGraph make_graph(NodeId nodes, const std::vector<Edge>& edges) {
  SimpleGraph graph(static_cast<std::size_t>(nodes));
  for (const auto& [u, v] : edges) {
    if (u != v)
      boost::add_edge(static_cast<std::size_t>(u), static_cast<std::size_t>(v), graph);
  }
  return graph;
}

double degree(const SimpleGraph& graph, std::size_t v) {
  return static_cast<double>(boost::out_degree(v, graph));
}
}  // namespace

MixingMatrix equal_neighbour_weights(NodeId nodes, const std::vector<Edge>& edges) {
  const SimpleGraph graph = make_graph(nodes, edges);
  std::vector<MixingTriplet> entries;
  for (std::size_t i = 0; i < boost::num_vertices(graph); ++i) {
    const double weight = 1.0 / (degree(graph, i) + 1.0);
    for (const auto j : boost::make_iterator_range(boost::adjacent_vertices(i, graph))) {
      entries.push_back({static_cast<NodeId>(i), static_cast<NodeId>(j), weight});
    }
  }
  return MixingMatrix::with_self_weights(nodes, std::move(entries));
}

MixingMatrix metropolis_hastings_weights(NodeId nodes, const std::vector<Edge>& edges) {
  const SimpleGraph graph = make_graph(nodes, edges);
  std::vector<MixingTriplet> entries;
  for (std::size_t i = 0; i < boost::num_vertices(graph); ++i) {
    for (const auto j : boost::make_iterator_range(boost::adjacent_vertices(i, graph))) {
      const double weight = 1.0 / (1.0 + std::max(degree(graph, i), degree(graph, j)));
      entries.push_back({static_cast<NodeId>(i), static_cast<NodeId>(j), weight});
    }
  }
  return MixingMatrix::with_self_weights(nodes, std::move(entries));
}

int count_components(NodeId nodes, const std::vector<Edge>& edges) {
  const SimpleGraph graph = make_graph(nodes, edges);
  std::vector<int> component(boost::num_vertices(graph));
  return static_cast<int>(boost::connected_components(graph, component.data()));
}

}  // namespace commsim
