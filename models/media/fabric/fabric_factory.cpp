#include "models/media/fabric/fabric_factory.hpp"

#include <string>

#include "models/media/fabric/fabric_config.hpp"
#include "models/media/fabric/fabric_graph.hpp"
#include "models/media/fabric/fabric_medium.hpp"
#include "models/media/fabric/packet_fabric_medium.hpp"

namespace commsim {

namespace {

double line_rate(const Params& params, const MediumContext& c) {
  const double rate = c.link->line_rate_bps();
  if (rate <= 0.0) {
    throw InputError(params.path() + ".kind",
                     "got \"fabric\", which needs a wired link model (link.model \"ethernet\" or "
                     "\"affine_bit\"), but the link model is \"" +
                         c.link->name() + "\"");
  }
  return rate;
}

FabricGraph make_graph(const Params& params, const MediumContext& c) {
  const FabricConfig config = make_fabric_config(params);
  const std::int32_t server = c.nodes > c.workers ? c.workers : -1;
  FabricGraph graph = build_fabric(config, c.nodes, line_rate(params, c), server, params.path());
  for (const auto& [from, to] : c.links) {
    if (graph.route(from, to).empty()) {
      throw params.error("", "host h" + std::to_string(to) + " (node " + std::to_string(to) +
                                 ") cannot be reached from host h" + std::to_string(from) +
                                 " over the physical network: connect it in edges_file");
    }
  }
  return graph;
}

}  // namespace

MediumFactory fabric_medium_factory() {
  return {[](const Params& params, const MediumContext& c) { make_graph(params, c); },
          [](const Params& params, const MediumContext& c, Simulator& simulator,
             MediumListener& listener) -> std::unique_ptr<Medium> {
            const FabricConfig config = make_fabric_config(params);
            if (config.sharing == FabricSharing::kPacket) {
              return std::make_unique<PacketFabricMedium>(
                  simulator, listener, make_graph(params, c), c.link, config.buffer_bytes);
            }
            return std::make_unique<FabricMedium>(simulator, listener, make_graph(params, c),
                                                  c.link);
          }};
}

}  // namespace commsim
