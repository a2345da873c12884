#pragma once
// The medium of a resolved scenario (`network.medium`): checked with the rest
// of the scenario, and installed under the network of a run. Without a medium
// block the network keeps its point_to_point medium.
#include <cstdint>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/link_overrides.hpp"
#include "models/algorithms/registry.hpp"
#include "sim/net/network.hpp"

namespace commsim {

NetworkOptions network_options(const nlohmann::json& network_block);
// Throws InputError (at network.medium) when the medium cannot carry the network.
// `workers`: the scenario's nodes (a parameter server is node `workers`).
void check_medium(const nlohmann::json& network_block, const NetworkLayout& layout, NodeId workers,
                  const std::shared_ptr<const LinkModel>& link,
                  const std::vector<LinkOverride>& overrides, std::uint64_t seed);
// What the medium gives each node (see MediumFactory::describe).
std::vector<std::string> describe_medium(const nlohmann::json& network_block,
                                         const NetworkLayout& layout, NodeId workers,
                                         const std::shared_ptr<const LinkModel>& link,
                                         const std::vector<LinkOverride>& overrides,
                                         std::uint64_t seed);
// Before any link is added to `network`.
void install_medium(Network& network, Simulator& simulator, const nlohmann::json& network_block,
                    const NetworkLayout& layout, NodeId workers,
                    const std::shared_ptr<const LinkModel>& link,
                    const std::vector<LinkOverride>& overrides, std::uint64_t seed);

}  // namespace commsim
