#include "app/link_overrides.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "models/links/registry.hpp"
#include "sim/params/input_error.hpp"
#include "sim/params/params.hpp"

namespace commsim {

bool LinkOverride::applies(NodeId from, NodeId to) const {
  for (const NodeId node : nodes) {
    if (node == from || node == to)
      return true;
  }
  for (const auto& [a, b] : edges) {
    if ((a == from && b == to) || (a == to && b == from))
      return true;
  }
  return false;
}

namespace {

NodeId node_at(const nlohmann::json& value, NodeId nodes, const std::string& path) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
      value.get<std::int64_t>() >= nodes) {
    throw InputError(
        path, "got " + quote_value(value) + ", expected a node 0 .. " + std::to_string(nodes - 1));
  }
  return static_cast<NodeId>(value.get<std::int64_t>());
}

}  // namespace

nlohmann::json resolve_link_overrides(const nlohmann::json& raw, const nlohmann::json& link_block,
                                      NodeId nodes,
                                      const std::vector<std::pair<NodeId, NodeId>>& links,
                                      std::vector<LinkOverride>& built) {
  if (!raw.is_array()) {
    throw InputError("link_overrides", "got " + quote_value(raw) +
                                           ", expected a list of {\"nodes\": [...] or \"edges\": "
                                           "[[i, j], ...], and a link block}");
  }
  nlohmann::json resolved = nlohmann::json::array();
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const std::string path = "link_overrides[" + std::to_string(k) + "]";
    const nlohmann::json& entry = raw[k];
    if (!entry.is_object() || entry.contains("nodes") == entry.contains("edges")) {
      throw InputError(path, "expected an object with either \"nodes\" or \"edges\"");
    }
    LinkOverride override;
    nlohmann::json block = entry;
    if (entry.contains("nodes")) {
      const nlohmann::json& list = entry.at("nodes");
      if (!list.is_array() || list.empty()) {
        throw InputError(path + ".nodes", "expected a non-empty list of nodes");
      }
      for (std::size_t i = 0; i < list.size(); ++i) {
        override.nodes.push_back(
            node_at(list[i], nodes, path + ".nodes[" + std::to_string(i) + "]"));
      }
      block.erase("nodes");
    } else {
      const nlohmann::json& list = entry.at("edges");
      if (!list.is_array() || list.empty()) {
        throw InputError(path + ".edges", "expected a non-empty list of [i, j] pairs");
      }
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + ".edges[" + std::to_string(i) + "]";
        if (!list[i].is_array() || list[i].size() != 2) {
          throw InputError(at, "got " + quote_value(list[i]) + ", expected [i, j]");
        }
        const NodeId a = node_at(list[i][0], nodes, at + "[0]");
        const NodeId b = node_at(list[i][1], nodes, at + "[1]");
        const bool linked = std::any_of(links.begin(), links.end(), [&](const auto& link) {
          return (link.first == a && link.second == b) || (link.first == b && link.second == a);
        });
        if (!linked) {
          throw InputError(at, "[" + std::to_string(a) + ", " + std::to_string(b) +
                                   "] is not a link of the network");
        }
        override.edges.push_back({a, b});
      }
      block.erase("edges");
    }
    // Without another model: the scenario's link with these parameters changed.
    if (!block.contains("model") || block.at("model") == link_block.at("model")) {
      nlohmann::json merged = link_block;
      for (const auto& [key, value] : block.items())
        merged[key] = value;
      block = merged;
    }
    nlohmann::json resolved_block;
    override.model = make_link_model(block, path, &resolved_block);
    if (!override.nodes.empty()) {
      resolved_block["nodes"] = override.nodes;
    } else {
      for (const auto& [a, b] : override.edges)
        resolved_block["edges"].push_back({a, b});
    }
    resolved.push_back(resolved_block);
    built.push_back(std::move(override));
  }
  return resolved;
}

std::optional<std::size_t> link_override_index(NodeId from, NodeId to,
                                               const std::vector<LinkOverride>& overrides) {
  for (std::size_t k = overrides.size(); k-- > 0;) {
    if (overrides[k].applies(from, to))
      return k;
  }
  return std::nullopt;
}

std::optional<std::size_t> node_override_index(NodeId node,
                                               const std::vector<LinkOverride>& overrides) {
  for (std::size_t k = overrides.size(); k-- > 0;) {
    const auto& nodes = overrides[k].nodes;
    if (std::find(nodes.begin(), nodes.end(), node) != nodes.end())
      return k;
  }
  return std::nullopt;
}

std::shared_ptr<const LinkModel> link_model_for(NodeId from, NodeId to,
                                                const std::shared_ptr<const LinkModel>& link,
                                                const std::vector<LinkOverride>& overrides) {
  const auto k = link_override_index(from, to, overrides);
  return k ? overrides[*k].model : link;
}

std::shared_ptr<const LinkModel> node_link_model(NodeId node,
                                                 const std::shared_ptr<const LinkModel>& link,
                                                 const std::vector<LinkOverride>& overrides) {
  const auto k = node_override_index(node, overrides);
  return k ? overrides[*k].model : link;
}

}  // namespace commsim
