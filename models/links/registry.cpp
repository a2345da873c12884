#include "models/links/registry.hpp"
// Placeholder until the link models land.
namespace commsim {
const Registry<LinkFactory>& link_registry() {
  static const Registry<LinkFactory> registry("link model", {});
  return registry;
}
std::shared_ptr<const LinkModel> make_link_model(const nlohmann::json& block, const std::string& path,
                                                 nlohmann::json* resolved) {
  const auto& entry = link_registry().find(block.value("model", ""), path + ".model");
  nlohmann::json values = resolve_params(block, path, entry.info, "model");
  auto model = entry.make(Params(values, path));
  if (resolved != nullptr) *resolved = std::move(values);
  return model;
}
}  // namespace commsim
