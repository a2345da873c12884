#include "models/media/fabric/fabric_factory.hpp"

#include <sstream>
#include <string>
#include <vector>

#include "models/media/fabric/fabric_config.hpp"
#include "models/media/fabric/fabric_graph.hpp"
#include "models/media/fabric/fabric_medium.hpp"
#include "models/media/fabric/packet_fabric_medium.hpp"

namespace commsim {

namespace {

std::string rate_text(double bps) {
  std::ostringstream text;
  text << bps;  // 1e+10
  return text.str();
}

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
  const double default_rate = line_rate(params, c);
  if (c.edges_overridden) {
    throw InputError("link_overrides",
                     "names edges, but on the fabric messages cross physical links, not "
                     "logical edges: override nodes (their NICs), or give a physical edge list "
                     "(fabric \"file\") its own bandwidths");
  }
  std::vector<double> node_rates;  // 0: the host takes the fabric's host bandwidth
  for (std::size_t node = 0; node < c.node_links.size(); ++node) {
    const auto& model = c.node_links[node];
    if (model == c.link) {
      node_rates.push_back(0.0);
      continue;
    }
    const double rate = model->line_rate_bps();
    if (rate <= 0.0) {
      throw InputError("link_overrides", "give node " + std::to_string(node) +
                                             " the link model \"" + model->name() +
                                             "\", but a fabric host needs a wired one (ethernet "
                                             "or affine_bit)");
    }
    node_rates.push_back(rate);
  }
  FabricGraph graph =
      build_fabric(config, c.nodes, default_rate, server, params.path(), node_rates);
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
  return {
      [](const Params& params, const MediumContext& c) { make_graph(params, c); },
      [](const Params& params, const MediumContext& c, Simulator& simulator,
         MediumListener& listener) -> std::unique_ptr<Medium> {
        const FabricConfig config = make_fabric_config(params);
        if (config.sharing == FabricSharing::kPacket) {
          return std::make_unique<PacketFabricMedium>(simulator, listener, make_graph(params, c),
                                                      c.link, config.buffer_bytes);
        }
        return std::make_unique<FabricMedium>(simulator, listener, make_graph(params, c), c.link);
      },
      [](const Params& params, const MediumContext& c) {
        const FabricGraph graph = make_graph(params, c);
        std::vector<std::string> lines(static_cast<std::size_t>(c.nodes));
        for (const PhysicalLink& link : graph.links()) {
          if (link.from >= graph.hosts())
            continue;
          std::string& line = lines[static_cast<std::size_t>(link.from)];
          line += std::string(line.empty() ? "host h" + std::to_string(link.from) + ": " : ", ") +
                  "cable to " + graph.name(link.to) + " at " + rate_text(link.bandwidth_bps) +
                  " bit/s each way";
        }
        return lines;
      }};
}

}  // namespace commsim
