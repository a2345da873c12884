#include "app/explain.hpp"

#include <sstream>

#include "app/link_overrides.hpp"
#include "app/network_medium.hpp"
#include "models/algorithms/registry.hpp"
#include "models/compute/compute_model.hpp"

namespace commsim {

namespace {

// "ethernet (bandwidth_bps 1e9, latency_s 0.0001)", from a resolved link block.
std::string link_text(const nlohmann::json& block) {
  std::string text = block.at("model").get<std::string>() + " (";
  bool first = true;
  for (const auto& [key, value] : block.items()) {
    if (key == "model" || key == "nodes" || key == "edges")
      continue;
    text += (first ? "" : ", ") + key + " " + value.dump();
    first = false;
  }
  return text + ")";
}

// The block a link's model comes from: "link" or "link_overrides[k]".
std::string source_name(std::optional<std::size_t> k) {
  return k ? "link_overrides[" + std::to_string(*k) + "]" : std::string("link");
}

// That block's name and the model it gives.
std::string source_text(const nlohmann::json& resolved, std::optional<std::size_t> k) {
  const nlohmann::json& block = k ? resolved.at("link_overrides").at(*k) : resolved.at("link");
  return source_name(k) + ": " + link_text(block);
}

}  // namespace

std::string explain_scenario(const Scenario& scenario) {
  const nlohmann::json& s = scenario.resolved;
  const auto& algorithm = algorithm_registry().find(s["algorithm"]["kind"], "algorithm.kind");
  const NetworkLayout layout = algorithm.make.layout(*scenario.topology);
  const auto compute = node_compute(Params(s["compute"], "compute"), layout.nodes, scenario.nodes);
  std::vector<std::string> medium_lines;
  if (s["network"].contains("medium")) {
    medium_lines = describe_medium(s["network"], layout, scenario.nodes, scenario.link,
                                   scenario.link_overrides, scenario.seed);
  }
  // Each node's neighbours, in the layout's order, gathered in one pass.
  std::vector<std::vector<NodeId>> neighbours(static_cast<std::size_t>(layout.nodes));
  for (const auto& [from, to] : layout.links)
    neighbours[static_cast<std::size_t>(from)].push_back(to);
  std::ostringstream out;
  for (NodeId node = 0; node < layout.nodes; ++node) {
    const auto& mine = compute[static_cast<std::size_t>(node)];
    const auto own = node_override_index(node, scenario.link_overrides);
    out << "node " << node << " (" << (node < scenario.nodes ? "worker" : "parameter server")
        << "): " << mine.flops_per_s << " FLOP/s" << (mine.straggler ? " (straggler)" : "") << "; "
        << source_text(s, own) << "\n";
    if (static_cast<std::size_t>(node) < medium_lines.size() &&
        !medium_lines[static_cast<std::size_t>(node)].empty()) {
      out << "  " << medium_lines[static_cast<std::size_t>(node)] << "\n";
    }
    for (const NodeId to : neighbours[static_cast<std::size_t>(node)]) {
      const auto k = link_override_index(node, to, scenario.link_overrides);
      if (k == own)
        continue;
      out << "  to " << to << ": " << source_name(k) << " ("
          << link_model_for(node, to, scenario.link, scenario.link_overrides)->name() << ")\n";
    }
  }
  return out.str();
}

}  // namespace commsim
