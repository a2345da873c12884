#include "models/media/registry.hpp"

#include "models/links/ieee802154.hpp"
#include "models/media/fabric/fabric_config.hpp"
#include "models/media/fabric/fabric_factory.hpp"
#include "models/media/gateway/gateway_factory.hpp"
#include "models/media/radio/radio_config.hpp"
#include "models/media/radio/radio_factory.hpp"
#include "sim/net/point_to_point_medium.hpp"
#include "sim/params/suggest.hpp"

namespace commsim {

namespace {

PluginInfo point_to_point_info() {
  return {"point_to_point",
          "nothing is shared: every message is priced alone by its link's model on an idle "
          "link, and occupies its link (or, with network.shared_interface, its sender's "
          "interface) until the model says the sender is free",
          {},
          ""};
}

MediumFactory point_to_point_factory() {
  return {[](const Params&, const MediumContext&) {},
          [](const Params&, const MediumContext& c, Simulator& simulator,
             MediumListener& listener) -> std::unique_ptr<Medium> {
            return std::make_unique<PointToPointMedium>(
                simulator, listener, c.nodes, c.options.shared_interface || c.options.broadcast,
                c.seed);
          },
          nullptr};
}

}  // namespace

const Registry<MediumFactory>& medium_registry() {
  static const Registry<MediumFactory> registry(
      "medium", {
                    {point_to_point_info(), point_to_point_factory()},
                    {radio_medium_info(), radio_medium_factory()},
                    {fabric_medium_info(), fabric_medium_factory()},
                    {radio_fabric_medium_info(), radio_fabric_medium_factory()},
                });
  return registry;
}

nlohmann::json resolve_medium(const nlohmann::json& block, const std::string& path) {
  if (!block.is_object()) {
    throw InputError(path, "got " + quote_value(block) + ", expected an object with \"kind\"");
  }
  if (!block.contains("kind") || !block.at("kind").is_string()) {
    throw InputError(path + ".kind", "missing or not a string; available: " +
                                         join_alternatives(medium_registry().names()));
  }
  const auto& entry = medium_registry().find(block.at("kind").get<std::string>(), path + ".kind");
  return resolve_params(block, path, entry.info, "kind");
}

}  // namespace commsim
