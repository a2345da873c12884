// GCC 12 reports a false "may be used uninitialized" inside Boost.Graph's
// edge iterator (a boost::optional it fills before use) when write_graphviz
// walks a subgraph; silence that one warning for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <map>
#include <sstream>
#include <string>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/subgraph.hpp>

#include "topologies/inspect.hpp"

namespace commsim {

namespace {
using Attributes = std::map<std::string, std::string>;
// The property layout boost::write_graphviz expects of a subgraph<>: every
// round is a child graph named "cluster...", which Graphviz draws as a box.
using AttributedGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS,
    boost::property<boost::vertex_attribute_t, Attributes>,
    boost::property<boost::edge_index_t, int, boost::property<boost::edge_attribute_t, Attributes>>,
    boost::property<boost::graph_name_t, std::string,
                    boost::property<boost::graph_graph_attribute_t, Attributes,
                                    boost::property<boost::graph_vertex_attribute_t, Attributes,
                                                    boost::property<boost::graph_edge_attribute_t,
                                                                    Attributes>>>>>;
using ClusteredGraph = boost::subgraph<AttributedGraph>;

std::string number_text(double value) {
  std::ostringstream text;
  text.precision(6);
  text << value;
  return text.str();
}

// One round as a cluster of its own copy of the nodes (vertex ids r*n + i).
void add_round_cluster(ClusteredGraph& root, const MixingMatrix& w, int round) {
  const NodeId n = w.nodes();
  ClusteredGraph& cluster = root.create_subgraph();
  boost::get_property(cluster, boost::graph_name) = "cluster_round_" + std::to_string(round + 1);
  boost::get_property(cluster, boost::graph_graph_attribute)["label"] =
      "round " + std::to_string(round + 1);
  auto vertex_attributes = boost::get(boost::vertex_attribute, cluster);
  for (NodeId i = 0; i < n; ++i) {
    const auto v = boost::add_vertex(static_cast<std::size_t>(round) * n + i, cluster);
    vertex_attributes[v]["label"] = std::to_string(i) + " (" + number_text(w.weight(i, i)) + ")";
  }
  auto edge_attributes = boost::get(boost::edge_attribute, cluster);
  for (const auto& e : w.triplets()) {
    if (e.row == e.column)
      continue;
    const bool symmetric = w.weight(e.column, e.row) == e.weight;
    if (symmetric && e.column > e.row)
      continue;  // drawn once, from the smaller node
    const auto edge = boost::add_edge(e.column, e.row, cluster).first;
    edge_attributes[edge]["label"] = number_text(e.weight);
    if (symmetric)
      edge_attributes[edge]["dir"] = "none";
  }
}
}  // namespace

void write_topology_dot(std::ostream& out, const Topology& topology) {
  const auto vertices =
      static_cast<std::size_t>(topology.nodes()) * static_cast<std::size_t>(topology.period());
  ClusteredGraph root(vertices);
  boost::get_property(root, boost::graph_name) = topology.kind();
  for (int r = 0; r < topology.period(); ++r)
    add_round_cluster(root, topology.round(r), r);
  boost::write_graphviz(out, root);
  out << '\n';
}

}  // namespace commsim
