#include "models/media/gateway/gateway_factory.hpp"

#include <set>
#include <string>
#include <utility>

#include "models/links/ieee802154.hpp"
#include "models/media/fabric/fabric_config.hpp"
#include "models/media/fabric/fabric_factory.hpp"
#include "models/media/gateway/gateway_medium.hpp"
#include "models/media/radio/radio_config.hpp"
#include "models/media/radio/radio_factory.hpp"

namespace commsim {

namespace {

constexpr int kRadio = 0;
constexpr int kFabric = 1;

// The network cut in two: who is on which side, and each side's context.
struct Sides {
  NodeId gateway = 0;
  std::array<std::vector<NodeId>, kGatewaySides> nodes;
  std::array<MediumContext, kGatewaySides> contexts;
};

Sides split(const Params& params, const MediumContext& c) {
  Sides sides;
  if (!params.has("gateway_node")) {
    throw params.error("gateway_node", "missing: name the node that has both a radio and a NIC");
  }
  const std::int64_t gateway = params.integer("gateway_node");
  if (gateway >= c.nodes) {
    throw params.error("gateway_node", "got " + std::to_string(gateway) + ", but the network has " +
                                           std::to_string(c.nodes) + " nodes (0 .. " +
                                           std::to_string(c.nodes - 1) + ")");
  }
  sides.gateway = static_cast<NodeId>(gateway);
  if (c.edges_overridden) {
    throw InputError("link_overrides",
                     "names edges, but on radio_fabric a node's link is its radio or its NIC: "
                     "override nodes");
  }
  const auto& gateway_link = c.node_links[static_cast<std::size_t>(gateway)];
  if (gateway_link->line_rate_bps() <= 0.0) {
    throw params.error("gateway_node",
                       "node " + std::to_string(gateway) + " has the link model \"" +
                           gateway_link->name() +
                           "\", but the gateway's own link is its NIC on the fabric: give it "
                           "ethernet or affine_bit (its radio is the radio nodes' ieee802154)");
  }
  std::shared_ptr<const LinkModel> radio_link;
  for (NodeId node = 0; node < c.nodes; ++node) {
    const auto& model = c.node_links[static_cast<std::size_t>(node)];
    const bool radio =
        node != sides.gateway && dynamic_cast<const Ieee802154LinkModel*>(model.get()) != nullptr;
    if (radio && radio_link && model != radio_link) {
      throw InputError("link_overrides",
                       "gives the radio nodes different ieee802154 links, but they share one "
                       "channel: give them all one link_overrides entry");
    }
    if (radio)
      radio_link = model;
    if (node == sides.gateway || radio)
      sides.nodes[kRadio].push_back(node);
    if (node == sides.gateway || !radio)
      sides.nodes[kFabric].push_back(node);
  }
  if (!radio_link) {
    throw InputError("link_overrides",
                     "gives no node an ieee802154 link, but radio_fabric needs radio nodes: "
                     "override them with model \"ieee802154\"");
  }
  // Each side carries the legs of the logical links that cross it.
  const GatewaySideIds ids = gateway_side_ids(c.nodes, sides.nodes);
  std::array<std::set<std::pair<NodeId, NodeId>>, kGatewaySides> legs;
  for (const auto& [from, to] : c.links) {
    for (const GatewayLeg& leg : gateway_route(ids, sides.gateway, from, to)) {
      const auto& local = ids[static_cast<std::size_t>(leg.side)];
      legs[static_cast<std::size_t>(leg.side)].insert(
          {local[static_cast<std::size_t>(leg.from)], local[static_cast<std::size_t>(leg.to)]});
    }
  }
  for (int s = 0; s < kGatewaySides; ++s) {
    MediumContext& side = sides.contexts[static_cast<std::size_t>(s)];
    const auto& on_side = sides.nodes[static_cast<std::size_t>(s)];
    side.nodes = static_cast<NodeId>(on_side.size());
    side.workers = side.nodes;
    side.links.assign(legs[static_cast<std::size_t>(s)].begin(),
                      legs[static_cast<std::size_t>(s)].end());
    side.options = c.options;
    side.seed = c.seed;
    side.link = s == kRadio ? radio_link : gateway_link;
    for (const NodeId node : on_side) {
      side.node_links.push_back(s == kRadio ? radio_link
                                            : c.node_links[static_cast<std::size_t>(node)]);
    }
  }
  // A parameter server (the node after the workers) is the fabric's last host.
  MediumContext& fabric = sides.contexts[kFabric];
  if (c.nodes > c.workers && sides.nodes[kFabric].back() == c.workers)
    fabric.workers = fabric.nodes - 1;
  return sides;
}

std::vector<std::string> describe(const Params& params, const MediumContext& c) {
  const Sides sides = split(params, c);
  const std::array<std::string, kGatewaySides> labels{"radio", "fabric"};
  std::vector<std::string> lines(static_cast<std::size_t>(c.nodes));
  for (int s = 0; s < kGatewaySides; ++s) {
    const auto& factory = s == kRadio ? radio_medium_factory() : fabric_medium_factory();
    const auto side_lines = factory.describe(params, sides.contexts[static_cast<std::size_t>(s)]);
    const auto& on_side = sides.nodes[static_cast<std::size_t>(s)];
    for (std::size_t i = 0; i < on_side.size(); ++i) {
      std::string& line = lines[static_cast<std::size_t>(on_side[i])];
      line += std::string(line.empty() ? "" : "; ") + labels[static_cast<std::size_t>(s)] +
              " side as " + labels[static_cast<std::size_t>(s)] + " node " + std::to_string(i) +
              (i < side_lines.size() && !side_lines[i].empty() ? ": " + side_lines[i] : "");
    }
  }
  lines[static_cast<std::size_t>(sides.gateway)] =
      "gateway: " + lines[static_cast<std::size_t>(sides.gateway)];
  return lines;
}

}  // namespace

PluginInfo radio_fabric_medium_info() {
  const PluginInfo radio = radio_medium_info();
  const PluginInfo fabric = fabric_medium_info();
  PluginInfo info{
      "radio_fabric",
      "802.15.4 radios and a switched wired fabric meeting at one gateway node that has both "
      "a radio and a NIC. Nodes whose link (after link_overrides) is ieee802154 are radios "
      "and share one channel as on the radio medium; the others are fabric hosts as on the "
      "fabric medium. A message between the two sides crosses its sender's medium to the "
      "gateway, is stored there whole, and crosses the other medium from there. Each side "
      "numbers its own nodes 0, 1, ... in the order of the network's ids (the gateway "
      "included); radio positions and fabric edge lists use those numbers",
      {ParamSpec::optional_integer("gateway_node",
                                   "the node with both a radio and a NIC (required); its own "
                                   "link must be wired, its radio is the radio nodes' link")
           .at_least(0)},
      "link.model (or the gateway's override) must be ethernet or affine_bit; the radio nodes "
      "get one ieee802154 link through link_overrides"};
  info.params.insert(info.params.end(), radio.params.begin(), radio.params.end());
  info.params.insert(info.params.end(), fabric.params.begin(), fabric.params.end());
  return info;
}

MediumFactory radio_fabric_medium_factory() {
  return {
      [](const Params& params, const MediumContext& c) {
        const Sides sides = split(params, c);
        radio_medium_factory().check(params, sides.contexts[kRadio]);
        fabric_medium_factory().check(params, sides.contexts[kFabric]);
      },
      [](const Params& params, const MediumContext& c, Simulator& simulator,
         MediumListener& listener) -> std::unique_ptr<Medium> {
        Sides sides = split(params, c);
        std::array<GatewayMedium::SideSpec, kGatewaySides> specs;
        for (int s = 0; s < kGatewaySides; ++s) {
          const MediumContext& context = sides.contexts[static_cast<std::size_t>(s)];
          auto& spec = specs[static_cast<std::size_t>(s)];
          spec.nodes = sides.nodes[static_cast<std::size_t>(s)];
          spec.leg_models = context.node_links;
          spec.make = [params, context, &simulator, s](MediumListener& side_listener) {
            const auto& factory = s == kRadio ? radio_medium_factory() : fabric_medium_factory();
            return factory.make(params, context, simulator, side_listener);
          };
        }
        return std::make_unique<GatewayMedium>(listener, c.nodes, sides.gateway, std::move(specs));
      },
      describe};
}

}  // namespace commsim
