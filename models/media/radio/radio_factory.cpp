#include "models/media/radio/radio_factory.hpp"

#include <string>

#include "models/media/radio/radio_config.hpp"
#include "models/media/radio/radio_geometry.hpp"
#include "models/media/radio/radio_medium.hpp"
#include "models/media/radio/radio_routes.hpp"

namespace commsim {

namespace {

const Ieee802154Config& link_config(const Params& params, const MediumContext& c) {
  if (c.overridden) {
    throw InputError("link_overrides",
                     "cannot be used with the radio medium, whose radios share one 802.15.4 "
                     "configuration (link); use point_to_point for a mix of link models");
  }
  const auto* radio = dynamic_cast<const Ieee802154LinkModel*>(c.link.get());
  if (radio == nullptr) {
    throw InputError(params.path() + ".kind",
                     "got \"radio\", which needs link.model \"ieee802154\", but the link model "
                     "is \"" +
                         c.link->name() + "\"");
  }
  return radio->config();
}

std::unique_ptr<RadioGeometry> make_geometry(const RadioMediumConfig& config,
                                             const MediumContext& c) {
  if (config.interference == Interference::kTopology) {
    return std::make_unique<RadioGeometry>(c.nodes, c.links);
  }
  return std::make_unique<RadioGeometry>(place_radios(config, c.nodes, c.seed), config, c.seed);
}

void check_reachable(const Params& params, const RadioGeometry& geometry, const MediumContext& c) {
  RadioRoutes routes(geometry);
  for (const auto& [from, to] : c.links) {
    if (routes.hops(from, to) == RadioRoutes::kUnreachable) {
      throw params.error("", "node " + std::to_string(to) + " is a logical neighbour of node " +
                                 std::to_string(from) +
                                 " but cannot be reached from it over the radio graph, not even "
                                 "in several hops: move the radios closer, raise range_m (disc) "
                                 "or tx_power_dbm (log_distance), or use interference "
                                 "\"topology\"");
    }
  }
}

}  // namespace

MediumFactory radio_medium_factory() {
  return {[](const Params& params, const MediumContext& c) {
            link_config(params, c);
            const RadioMediumConfig config = make_radio_medium_config(params, c.nodes);
            check_reachable(params, *make_geometry(config, c), c);
          },
          [](const Params& params, const MediumContext& c, Simulator& simulator,
             MediumListener& listener) -> std::unique_ptr<Medium> {
            const Ieee802154Config& link = link_config(params, c);
            const RadioMediumConfig config = make_radio_medium_config(params, c.nodes);
            return std::make_unique<RadioMedium>(simulator, listener, make_geometry(config, c),
                                                 config, link, c.seed);
          },
          [](const Params& params, const MediumContext& c) {
            const RadioMediumConfig config = make_radio_medium_config(params, c.nodes);
            const auto geometry = make_geometry(config, c);
            RadioRoutes routes(*geometry);
            std::vector<std::string> lines;
            for (NodeId node = 0; node < c.nodes; ++node) {
              std::int64_t in_range = 0;
              for (const Hearer& hearer : geometry->hearers(node))
                in_range += hearer.in_range;
              lines.push_back("radio: " + std::to_string(in_range) + " radios in range");
            }
            // One pass over the links: each sender's neighbours, in the links' order.
            for (const auto& [from, to] : c.links) {
              lines[static_cast<std::size_t>(from)] += ", to " + std::to_string(to) + " in " +
                                                       std::to_string(routes.hops(from, to)) +
                                                       " hop(s)";
            }
            return lines;
          }};
}

}  // namespace commsim
