#include "app/network_medium.hpp"

#include "models/media/registry.hpp"

namespace commsim {

namespace {

MediumContext context_of(const nlohmann::json& network_block, const NetworkLayout& layout,
                         NodeId workers, const std::shared_ptr<const LinkModel>& link,
                         std::uint64_t seed) {
  return MediumContext{layout.nodes, workers, layout.links, link, network_options(network_block),
                       seed};
}

}  // namespace

NetworkOptions network_options(const nlohmann::json& network_block) {
  return NetworkOptions{.shared_interface = network_block["shared_interface"].get<bool>(),
                        .broadcast = network_block["broadcast"].get<bool>()};
}

void check_medium(const nlohmann::json& network_block, const NetworkLayout& layout, NodeId workers,
                  const std::shared_ptr<const LinkModel>& link, std::uint64_t seed) {
  if (!network_block.contains("medium"))
    return;
  const nlohmann::json& medium = network_block["medium"];
  const auto& entry = medium_registry().find(medium["kind"], "network.medium.kind");
  entry.make.check(Params(medium, "network.medium"),
                   context_of(network_block, layout, workers, link, seed));
}

void install_medium(Network& network, Simulator& simulator, const nlohmann::json& network_block,
                    const NetworkLayout& layout, NodeId workers,
                    const std::shared_ptr<const LinkModel>& link, std::uint64_t seed) {
  if (!network_block.contains("medium"))
    return;
  const nlohmann::json& medium = network_block["medium"];
  const auto& entry = medium_registry().find(medium["kind"], "network.medium.kind");
  const MediumContext context = context_of(network_block, layout, workers, link, seed);
  network.set_medium([&](MediumListener& listener) {
    return entry.make.make(Params(medium, "network.medium"), context, simulator, listener);
  });
}

}  // namespace commsim
