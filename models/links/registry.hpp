#pragma once
// The link-model registry: affine_bit, ethernet, ieee802154.
#include <functional>
#include <memory>

#include "sim/net/link_model.hpp"
#include "sim/params/params.hpp"
#include "sim/params/registry.hpp"

namespace commsim {

using LinkFactory = std::function<std::shared_ptr<const LinkModel>(const Params& params)>;

const Registry<LinkFactory>& link_registry();

// Validates `block` ({"model": ..., params...}) at `path` and builds the model.
// Returns the resolved block through `resolved` when non-null.
std::shared_ptr<const LinkModel> make_link_model(const nlohmann::json& block,
                                                 const std::string& path,
                                                 nlohmann::json* resolved = nullptr);

}  // namespace commsim
