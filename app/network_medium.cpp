#include "app/network_medium.hpp"

#include "models/media/registry.hpp"

namespace commsim {

namespace {

MediumContext context_of(const nlohmann::json& network_block, const NetworkLayout& layout,
                         NodeId workers, const std::shared_ptr<const LinkModel>& link,
                         const std::vector<LinkOverride>& overrides, std::uint64_t seed) {
  MediumContext context;
  context.nodes = layout.nodes;
  context.workers = workers;
  context.links = layout.links;
  context.link = link;
  context.options = network_options(network_block);
  context.seed = seed;
  context.node_links.reserve(static_cast<std::size_t>(layout.nodes));
  for (NodeId node = 0; node < layout.nodes; ++node) {
    context.node_links.push_back(node_link_model(node, link, overrides));
  }
  context.overridden = !overrides.empty();
  for (const auto& override : overrides)
    context.edges_overridden |= !override.edges.empty();
  return context;
}

}  // namespace

NetworkOptions network_options(const nlohmann::json& network_block) {
  return NetworkOptions{.shared_interface = network_block["shared_interface"].get<bool>(),
                        .broadcast = network_block["broadcast"].get<bool>()};
}

void check_medium(const nlohmann::json& network_block, const NetworkLayout& layout, NodeId workers,
                  const std::shared_ptr<const LinkModel>& link,
                  const std::vector<LinkOverride>& overrides, std::uint64_t seed) {
  if (!network_block.contains("medium"))
    return;
  const nlohmann::json& medium = network_block["medium"];
  const auto& entry = medium_registry().find(medium["kind"], "network.medium.kind");
  entry.make.check(Params(medium, "network.medium"),
                   context_of(network_block, layout, workers, link, overrides, seed));
}

std::vector<std::string> describe_medium(const nlohmann::json& network_block,
                                         const NetworkLayout& layout, NodeId workers,
                                         const std::shared_ptr<const LinkModel>& link,
                                         const std::vector<LinkOverride>& overrides,
                                         std::uint64_t seed) {
  const nlohmann::json& medium = network_block["medium"];
  const auto& entry = medium_registry().find(medium["kind"], "network.medium.kind");
  if (!entry.make.describe)
    return {};
  return entry.make.describe(Params(medium, "network.medium"),
                             context_of(network_block, layout, workers, link, overrides, seed));
}

void install_medium(Network& network, Simulator& simulator, const nlohmann::json& network_block,
                    const NetworkLayout& layout, NodeId workers,
                    const std::shared_ptr<const LinkModel>& link,
                    const std::vector<LinkOverride>& overrides, std::uint64_t seed) {
  if (!network_block.contains("medium"))
    return;
  const nlohmann::json& medium = network_block["medium"];
  const auto& entry = medium_registry().find(medium["kind"], "network.medium.kind");
  const MediumContext context = context_of(network_block, layout, workers, link, overrides, seed);
  network.set_medium([&](MediumListener& listener) {
    return entry.make.make(Params(medium, "network.medium"), context, simulator, listener);
  });
}

}  // namespace commsim
