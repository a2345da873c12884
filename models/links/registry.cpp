#include "models/links/registry.hpp"

#include "models/links/affine_bit.hpp"
#include "models/links/ethernet.hpp"
#include "models/links/ieee802154.hpp"

namespace commsim {

const Registry<LinkFactory>& link_registry() {
  static const Registry<LinkFactory> registry("link model",
                                              {
                                                  {affine_bit_info(), make_affine_bit},
                                                  {ethernet_info(), make_ethernet},
                                                  {ieee802154_info(), make_ieee802154},
                                              });
  return registry;
}

std::shared_ptr<const LinkModel> make_link_model(const nlohmann::json& block,
                                                 const std::string& path,
                                                 nlohmann::json* resolved) {
  if (!block.is_object() || !block.contains("model") || !block.at("model").is_string()) {
    throw InputError(path + ".model", "missing or not a string; available: " +
                                          join_alternatives(link_registry().names()));
  }
  const auto& entry = link_registry().find(block.at("model").get<std::string>(), path + ".model");
  nlohmann::json values = resolve_params(block, path, entry.info, "model");
  auto model = entry.make(Params(values, path));
  if (resolved != nullptr)
    *resolved = std::move(values);
  return model;
}

}  // namespace commsim
