// The radio_fabric medium: radios and fabric hosts meeting at a gateway. A
// message between the sides takes exactly its radio leg's time plus its
// fabric leg's time, each as the side's own medium gives it alone.
#include <doctest/doctest.h>

#include <set>

#include "models/links/affine_bit.hpp"
#include "models/links/ieee802154.hpp"
#include "models/media/registry.hpp"
#include "sim/net/network.hpp"

using namespace commsim;

namespace {

// Radios 0, 1, 2 and the gateway 3 on a 2 x 2 grid 10 m apart (disc, 15 m);
// fabric hosts 3, 4, 5 on one switch at 1 Gb/s.
constexpr NodeId kNodes = 6;
constexpr NodeId kGateway = 3;

Params gateway_params() {
  const nlohmann::json block = {{"kind", "radio_fabric"},
                                {"gateway_node", kGateway},
                                {"placement", "grid"},
                                {"spacing_m", 10.0},
                                {"access_latency_s", 2e-6}};
  return Params(resolve_medium(block, "network.medium"), "network.medium");
}

struct Models {
  std::shared_ptr<const LinkModel> radio =
      std::make_shared<Ieee802154LinkModel>(Ieee802154Config{});
  std::shared_ptr<const LinkModel> wired = std::make_shared<AffineBitLinkModel>([] {
    AffineBitConfig c;
    c.bandwidth_bps = 1e9;
    return c;
  }());
};

struct Delivery {
  NodeId from;
  NodeId to;
  SimTime at;
};

// A network of `kind` over `node_links`, with `links`, running one message.
struct World {
  Simulator simulator;
  Network network;
  Medium* medium = nullptr;
  std::vector<Delivery> deliveries;

  World(const std::string& kind, const Params& params,
        std::vector<std::shared_ptr<const LinkModel>> node_links,
        const std::vector<std::pair<NodeId, NodeId>>& links, NodeId workers = -1)
      : network(simulator, static_cast<NodeId>(node_links.size()), {}, 7) {
    MediumContext context;
    context.nodes = static_cast<NodeId>(node_links.size());
    context.workers = workers < 0 ? context.nodes : workers;
    context.links = links;
    context.link = node_links.back();
    context.seed = 7;
    context.node_links = node_links;
    const auto& factory = medium_registry().find(kind, "kind").make;
    factory.check(params, context);
    network.set_medium([&](MediumListener& listener) {
      auto made = factory.make(params, context, simulator, listener);
      medium = made.get();
      return made;
    });
    for (const auto& [from, to] : links)
      network.add_link(from, to, node_links[static_cast<std::size_t>(from)]);
    network.on_delivery([this](const Message& m) {
      deliveries.push_back({m.from, m.to, simulator.now()});
    });
  }
  SimTime deliver(NodeId from, NodeId to, std::int64_t bytes) {
    network.send(Message{from, to, bytes * 8, 0, 0, nullptr});
    simulator.run();
    REQUIRE(deliveries.size() == 1);
    CHECK(deliveries.front().from == from);
    CHECK(deliveries.front().to == to);
    return deliveries.front().at;
  }
};

std::vector<std::shared_ptr<const LinkModel>> mixed(const Models& m) {
  return {m.radio, m.radio, m.radio, m.wired, m.wired, m.wired};
}

}  // namespace

TEST_CASE("radio_fabric: a message across the gateway takes its radio leg plus its fabric leg") {
  const Models m;
  const Params params = gateway_params();
  const std::vector<std::pair<NodeId, NodeId>> links{{0, 5}, {5, 0}, {1, 2}, {4, 5}};
  // The radio side alone: radios 0, 1, 2 and the gateway as radio 3.
  const std::vector<std::shared_ptr<const LinkModel>> radios(4, m.radio);
  // The fabric side alone: the gateway as host 0, nodes 4 and 5 as hosts 1 and 2.
  const std::vector<std::shared_ptr<const LinkModel>> hosts(3, m.wired);

  SUBCASE("radio to fabric") {
    const SimTime radio_leg = World("radio", params, radios, {{0, 3}}).deliver(0, 3, 300);
    const SimTime fabric_leg = World("fabric", params, hosts, {{0, 2}}).deliver(0, 2, 300);
    const SimTime both = World("radio_fabric", params, mixed(m), links).deliver(0, 5, 300);
    CHECK(radio_leg > 0);
    CHECK(fabric_leg > 0);
    CHECK(both == radio_leg + fabric_leg);
  }
  SUBCASE("fabric to radio") {
    const SimTime fabric_leg = World("fabric", params, hosts, {{2, 0}}).deliver(2, 0, 300);
    const SimTime radio_leg = World("radio", params, radios, {{3, 0}}).deliver(3, 0, 300);
    const SimTime both = World("radio_fabric", params, mixed(m), links).deliver(5, 0, 300);
    CHECK(both == fabric_leg + radio_leg);
  }
  SUBCASE("within one side, the side's medium alone") {
    const SimTime radio_only = World("radio", params, radios, {{1, 2}}).deliver(1, 2, 300);
    CHECK(World("radio_fabric", params, mixed(m), links).deliver(1, 2, 300) == radio_only);
    const SimTime fabric_only = World("fabric", params, hosts, {{1, 2}}).deliver(1, 2, 300);
    CHECK(World("radio_fabric", params, mixed(m), links).deliver(4, 5, 300) == fabric_only);
  }
}

TEST_CASE(
    "radio_fabric: radios draw energy, fabric hosts do not; links.csv names the network's hosts") {
  const Models m;
  World world("radio_fabric", gateway_params(), mixed(m), {{0, 5}});
  const SimTime done = world.deliver(0, 5, 300);
  CHECK(world.medium->energy(0, done).tx_j > 0.0);
  CHECK(world.medium->energy(kGateway, done).rx_j > 0.0);  // its radio received the first leg
  CHECK(world.medium->energy(5, done).total_j() == 0.0);
  std::set<std::string> names;
  double carried_bits = 0.0;
  for (const auto& usage : world.medium->physical_links(done)) {
    names.insert(usage.name);
    carried_bits += usage.carried_bits;
  }
  CHECK(names.count("h3->switch") == 1);  // the gateway's NIC
  CHECK(names.count("switch->h5") == 1);
  CHECK(names.count("h0->switch") == 0);                // node 0 is a radio, not a host
  CHECK(carried_bits == doctest::Approx(2 * 300 * 8));  // the second leg crosses two cables
}

TEST_CASE("radio_fabric: refuses a network it cannot build, naming what to change") {
  const Models m;
  const auto error_of = [&](const nlohmann::json& block,
                            std::vector<std::shared_ptr<const LinkModel>> node_links) {
    MediumContext context;
    context.nodes = static_cast<NodeId>(node_links.size());
    context.workers = context.nodes;
    context.links = {{0, 5}};
    context.link = m.wired;
    context.node_links = std::move(node_links);
    try {
      medium_registry()
          .find("radio_fabric", "kind")
          .make.check(Params(resolve_medium(block, "network.medium"), "network.medium"), context);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error_of({{"kind", "radio_fabric"}}, mixed(m)).find("gateway_node") != std::string::npos);
  CHECK(error_of({{"kind", "radio_fabric"}, {"gateway_node", 9}}, mixed(m)).find("6 nodes") !=
        std::string::npos);
  // The gateway's own link must be its NIC.
  CHECK(error_of({{"kind", "radio_fabric"}, {"gateway_node", 0}}, mixed(m)).find("NIC") !=
        std::string::npos);
  // Nobody on the radio.
  const std::vector<std::shared_ptr<const LinkModel>> wired(6, m.wired);
  CHECK(error_of({{"kind", "radio_fabric"}, {"gateway_node", 3}}, wired).find("ieee802154") !=
        std::string::npos);
  // A radio out of reach of the gateway (disc, 15 m; 100 m apart).
  CHECK(error_of({{"kind", "radio_fabric"}, {"gateway_node", 3}, {"spacing_m", 100.0}}, mixed(m))
            .find("cannot be reached") != std::string::npos);
}
