#pragma once
// `link_overrides`: other link models or parameters for chosen nodes' links
// or chosen edges, over the scenario's `link`:
//   [{"nodes": [3, 7], "model": "ieee802154", ...},   // every link from or to 3 or 7
//    {"edges": [[0, 1]], "bandwidth_bps": 1e8}]       // both directions of 0 - 1
// An entry without "model" (or with the link's model) changes parameters of
// the scenario's link block; one with another model starts from that
// model's defaults. Later entries win over earlier ones.
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/net/link_model.hpp"
#include "sim/net/message.hpp"

namespace commsim {

struct LinkOverride {
  std::vector<NodeId> nodes;
  std::vector<std::pair<NodeId, NodeId>> edges;  // undirected
  std::shared_ptr<const LinkModel> model;
  bool applies(NodeId from, NodeId to) const;
};

// Validates the raw list against the link registry, the network's `nodes`
// and its directed `links`; returns the resolved list (every entry with its
// model and parameters filled in) and the overrides through `built`.
nlohmann::json resolve_link_overrides(const nlohmann::json& raw, const nlohmann::json& link_block,
                                      NodeId nodes,
                                      const std::vector<std::pair<NodeId, NodeId>>& links,
                                      std::vector<LinkOverride>& built);

// The index of the last override that applies to from -> to (or names `node`).
std::optional<std::size_t> link_override_index(NodeId from, NodeId to,
                                               const std::vector<LinkOverride>& overrides);
std::optional<std::size_t> node_override_index(NodeId node,
                                               const std::vector<LinkOverride>& overrides);

// The model of the link from -> to: the last override that applies, or `link`.
std::shared_ptr<const LinkModel> link_model_for(NodeId from, NodeId to,
                                                const std::shared_ptr<const LinkModel>& link,
                                                const std::vector<LinkOverride>& overrides);
// A node's own model (its radio or NIC): the last override naming the node.
std::shared_ptr<const LinkModel> node_link_model(NodeId node,
                                                 const std::shared_ptr<const LinkModel>& link,
                                                 const std::vector<LinkOverride>& overrides);

}  // namespace commsim
