#include "topologies/edge_list.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "sim/params/input_file.hpp"
#include "topologies/builders.hpp"
#include "topologies/graph_weights.hpp"

namespace commsim {

namespace {
// Next whitespace-separated token of `line` from `pos`, or empty.
std::string_view next_token(std::string_view line, std::size_t& pos) {
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t' || line[pos] == '\r'))
    ++pos;
  const std::size_t start = pos;
  while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t' && line[pos] != '\r')
    ++pos;
  return line.substr(start, pos - start);
}

std::optional<std::int64_t> parse_node(std::string_view token) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size())
    return std::nullopt;
  return value;
}

// One "u v" line; blank lines and '#' comments give nothing. `where` is "FILE:LINE".
std::optional<Edge> parse_line(std::string_view line, NodeId nodes, const std::string& where,
                               const Params& params) {
  line = line.substr(0, line.find('#'));
  std::size_t pos = 0;
  const auto first = next_token(line, pos), second = next_token(line, pos),
             extra = next_token(line, pos);
  if (first.empty())
    return std::nullopt;
  const auto u = parse_node(first), v = parse_node(second);
  if (!u || !v || !extra.empty()) {
    throw params.error(
        "file", where + ": expected two node ids \"u v\", got \"" + std::string(line) + "\"");
  }
  for (const auto node : {*u, *v}) {
    if (node < 0 || node >= nodes) {
      throw params.error("file", where + ": node " + std::to_string(node) + " is outside 0.." +
                                     std::to_string(nodes - 1) +
                                     " (nodes = " + std::to_string(nodes) + ")");
    }
  }
  if (*u == *v)
    throw params.error("file", where + ": self-loop on node " + std::to_string(*u));
  return Edge{static_cast<NodeId>(*u), static_cast<NodeId>(*v)};
}
}  // namespace

Topology edge_list_topology(std::string_view text, NodeId nodes, const std::string& file,
                            const Params& params) {
  std::vector<Edge> edges;
  for (int number = 1; !text.empty(); ++number) {
    const std::size_t end = text.find('\n');
    if (auto edge =
            parse_line(text.substr(0, end), nodes, file + ":" + std::to_string(number), params))
      edges.push_back(*edge);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  if (const int parts = count_components(nodes, edges); parts > 1) {
    throw params.error("file", "the graph in \"" + file + "\" is disconnected (" +
                                   std::to_string(parts) + " components over nodes 0.." +
                                   std::to_string(nodes - 1) + ")");
  }
  return Topology("edge_list", {metropolis_hastings_weights(nodes, edges)});
}

// A user graph read from the file named by the parameter "file".
Topology build_edge_list(NodeId nodes, const Params& params) {
  const std::string file = params.text("file");
  check_input_file(file, params.error("file", "").where(), "an edge list file");
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw params.error("file", "cannot open \"" + file + "\"");
  std::ostringstream text;
  text << in.rdbuf();
  return edge_list_topology(text.str(), nodes, file, params);
}

}  // namespace commsim
