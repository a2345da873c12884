// The fabric medium against hand computations: max-min sharing of physical
// links, incast at a receiving NIC, oversubscribed rack uplinks, routes.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "models/links/affine_bit.hpp"
#include "models/links/ethernet.hpp"
#include "models/media/fabric/fabric_medium.hpp"
#include "models/media/fabric/flow_solver.hpp"
#include "models/media/fabric/packet_fabric_medium.hpp"
#include "sim/net/network.hpp"

using namespace commsim;

namespace {

constexpr double kRate = 1e10;            // every host link, b/s
constexpr SimTime kAccessLatency = 1000;  // 1 us per host link

struct Arrival {
  NodeId from;
  NodeId to;
  SimTime time;
};

// Hosts on a fabric; messages of exactly `bytes * 8` bits on the wire
// (affine_bit without overhead), links between every pair that is used.
struct FabricWorld {
  Simulator simulator;
  Network network;
  FabricMedium* medium = nullptr;
  std::vector<Arrival> arrivals;
  std::shared_ptr<const LinkModel> link;

  FabricWorld(NodeId hosts, const FabricConfig& config,
              const std::vector<std::pair<NodeId, NodeId>>& pairs)
      : network(simulator, hosts, {}, 1) {
    AffineBitConfig affine;
    affine.bandwidth_bps = kRate;
    link = std::make_shared<AffineBitLinkModel>(affine);
    network.set_medium([&](MediumListener& listener) {
      auto made = std::make_unique<FabricMedium>(
          simulator, listener, build_fabric(config, hosts, kRate, -1, "network.medium"), link);
      medium = made.get();
      return made;
    });
    for (const auto& [from, to] : pairs)
      network.add_link(from, to, link);
    network.on_delivery([this](const Message& m) {
      arrivals.push_back({m.from, m.to, simulator.now()});
    });
  }
  void send(NodeId from, NodeId to, std::int64_t bytes) {
    network.send(Message{from, to, bytes * 8, 0, 0, nullptr});
  }
  SimTime arrival(NodeId from) const {
    for (const Arrival& a : arrivals) {
      if (a.from == from)
        return a.time;
    }
    return -1;
  }
};

FabricConfig single_switch() {
  FabricConfig c;
  c.access_latency_s = 1e-6;
  c.switch_latency_s = 0.0;
  return c;
}

// Seconds to nanoseconds, rounded up as the medium schedules completions.
SimTime ns(double seconds) {
  return static_cast<SimTime>(std::ceil(seconds * 1e9 - 1e-6));
}

}  // namespace

TEST_CASE("fabric: two flows into one NIC each get half of it and finish together") {
  FabricWorld w(3, single_switch(), {{0, 2}, {1, 2}});
  w.send(0, 2, 1'000'000);
  w.send(1, 2, 1'000'000);
  w.simulator.run();
  REQUIRE(w.arrivals.size() == 2);
  // Two access links of latency, then 8e6 bits each at 5e9 b/s.
  const SimTime expected = 2 * kAccessLatency + ns(8e6 / 5e9);
  CHECK(w.arrival(0) == expected);
  CHECK(w.arrival(1) == expected);
}

TEST_CASE("fabric: a third flow joining half-way re-shares the receiving link exactly") {
  FabricWorld w(4, single_switch(), {{0, 3}, {1, 3}, {2, 3}});
  w.send(0, 3, 1'000'000);
  w.send(1, 3, 1'000'000);
  // Flows 0 and 1 carry at 5e9 b/s from 2 us on. At 0.8 ms + 2 us they have
  // sent 4e6 bits each; flow 2, sent at 0.8 ms, joins then: three at
  // 10/3 Gb/s. Flows 0 and 1 need 4e6 more bits: 1.2 ms, ending at
  // 2.002 ms; flow 2 has 4e6 bits by then and 4e6 to go, alone now at the
  // full 1e10 b/s: 0.4 ms more.
  w.simulator.schedule_at(800'000, [&] { w.send(2, 3, 1'000'000); });
  w.simulator.run();
  REQUIRE(w.arrivals.size() == 3);
  CHECK(w.arrival(0) == doctest::Approx(2'002'000).epsilon(1e-9));
  CHECK(w.arrival(1) == doctest::Approx(2'002'000).epsilon(1e-9));
  CHECK(w.arrival(2) == doctest::Approx(2'402'000).epsilon(1e-9));
}

TEST_CASE("fabric: 128 uploads into one server NIC take 128 times one upload (incast)") {
  const NodeId workers = 128;
  std::vector<std::pair<NodeId, NodeId>> pairs;
  for (NodeId w = 0; w < workers; ++w)
    pairs.push_back({w, workers});
  FabricWorld alone(workers + 1, single_switch(), pairs);
  alone.send(0, workers, 1'000'000);
  alone.simulator.run();
  const SimTime one = alone.arrival(0) - 2 * kAccessLatency;
  CHECK(one == ns(8e6 / kRate));

  FabricWorld incast(workers + 1, single_switch(), pairs);
  for (NodeId w = 0; w < workers; ++w)
    incast.send(w, workers, 1'000'000);
  incast.simulator.run();
  REQUIRE(incast.arrivals.size() == static_cast<std::size_t>(workers));
  for (const Arrival& a : incast.arrivals) {
    CHECK(a.time - 2 * kAccessLatency ==
          doctest::Approx(128.0 * static_cast<double>(one)).epsilon(1e-6));
  }
}

TEST_CASE("fabric: a 4:1 rack uplink slows cross-rack flows by the computed factor") {
  // Two racks of 4 hosts; every host of rack 0 sends to its peer in rack 1.
  FabricConfig racks = single_switch();
  racks.topology = FabricTopology::kRacks;
  racks.hosts_per_rack = 4;
  racks.oversubscription = 4.0;
  std::vector<std::pair<NodeId, NodeId>> pairs;
  for (NodeId h = 0; h < 4; ++h)
    pairs.push_back({h, h + 4});
  FabricWorld w(8, racks, pairs);
  for (NodeId h = 0; h < 4; ++h)
    w.send(h, h + 4, 1'000'000);
  w.simulator.run();
  REQUIRE(w.arrivals.size() == 4);
  // The uplink carries 4 x 1e10 / 4 = 1e10 b/s, shared by 4 flows: 2.5e9 each,
  // a quarter of the host links' rate. Route: host, ToR, core, ToR, host.
  const SimTime latency = 2 * kAccessLatency;  // the switch links have none here
  for (const Arrival& a : w.arrivals)
    CHECK(a.time == latency + ns(8e6 / 2.5e9));
  // Within a rack, the same flows run at the host rate.
  FabricWorld local(8, racks, {{0, 1}, {2, 3}});
  local.send(0, 1, 1'000'000);
  local.send(2, 3, 1'000'000);
  local.simulator.run();
  for (const Arrival& a : local.arrivals)
    CHECK(a.time == latency + ns(8e6 / kRate));
}

TEST_CASE("fabric: routes are shortest, deterministic, and equal-cost paths are spread") {
  FabricConfig tree = single_switch();
  tree.topology = FabricTopology::kFatTree;
  tree.k = 4;  // 16 hosts, 4 pods
  FabricGraph a = build_fabric(tree, 16, kRate, -1, "network.medium");
  FabricGraph b = build_fabric(tree, 16, kRate, -1, "network.medium");
  std::set<std::int32_t> cores_used;
  for (NodeId from = 0; from < 16; ++from) {
    for (NodeId to = 0; to < 16; ++to) {
      if (from == to)
        continue;
      const auto route = a.route(from, to);
      const auto again = b.route(from, to);
      CHECK(std::vector<std::int32_t>(route.begin(), route.end()) ==
            std::vector<std::int32_t>(again.begin(), again.end()));
      // Same edge switch: 2 links; same pod: 4; other pod: 6 (through a core).
      const std::size_t hops = from / 2 == to / 2 ? 2 : (from / 4 == to / 4 ? 4 : 6);
      CHECK(route.size() == hops);
      if (hops == 6)
        cores_used.insert(a.links()[static_cast<std::size_t>(route[2])].to);
    }
  }
  CHECK(cores_used.size() == 4);  // every core switch carries some pair
}

TEST_CASE("flow solver: max-min fair rates by progressive filling") {
  // Links 0 (10) and 1 (4). Flow a over 0, flow b over 0 and 1, flow c over 1.
  // Link 1 is the bottleneck of b and c: 2 each; a gets what is left of 0: 8.
  FlowSolver solver({10.0, 4.0});
  const std::int32_t a = solver.add(std::vector<std::int32_t>{0});
  const std::int32_t b = solver.add(std::vector<std::int32_t>{0, 1});
  const std::int32_t c = solver.add(std::vector<std::int32_t>{1});
  solver.solve();
  CHECK(solver.rate(a) == doctest::Approx(8.0));
  CHECK(solver.rate(b) == doctest::Approx(2.0));
  CHECK(solver.rate(c) == doctest::Approx(2.0));
  CHECK(solver.load(0) == doctest::Approx(10.0));
  solver.remove(c);
  const auto changed = solver.solve();
  CHECK(solver.rate(a) == doctest::Approx(6.0));
  CHECK(solver.rate(b) == doctest::Approx(4.0));
  CHECK(changed.size() == 2);
}

namespace {

// Hosts on one switch in packet mode, Ethernet framing like a PPP link (no
// preamble, gap or padding, 2-byte header): a packet of p payload bytes is
// p + 30 bytes on the wire (PPP 2, IPv4 20, UDP 8).
struct PacketWorld {
  Simulator simulator;
  Network network;
  std::vector<Arrival> arrivals;
  std::vector<Arrival> lost;
  std::shared_ptr<const LinkModel> link;

  PacketWorld(NodeId hosts, std::int64_t buffer_bytes,
              const std::vector<std::pair<NodeId, NodeId>>& pairs)
      : network(simulator, hosts, {}, 1) {
    EthernetConfig ppp;
    ppp.bandwidth_bps = 1e9;
    ppp.preamble_bytes = 0;
    ppp.gap_bytes = 0;
    ppp.header_bytes = 2;
    ppp.fcs_bytes = 0;
    ppp.min_frame_bytes = 0;
    link = std::make_shared<EthernetLinkModel>(ppp);
    network.set_medium([&](MediumListener& listener) {
      return std::make_unique<PacketFabricMedium>(
          simulator, listener, build_fabric(single_switch(), hosts, 1e9, -1, "network.medium"),
          link, buffer_bytes);
    });
    for (const auto& [from, to] : pairs)
      network.add_link(from, to, link);
    network.on_delivery([this](const Message& m) {
      arrivals.push_back({m.from, m.to, simulator.now()});
    });
    network.on_loss([this](const Message& m, LossReason) {
      lost.push_back({m.from, m.to, simulator.now()});
    });
  }
};

SimTime wire(std::int64_t bytes) {
  return bytes * 8;
}  // ns at 1 Gb/s

}  // namespace

TEST_CASE("fabric packets: store and forward through a switch, packets pipelined") {
  // 3000 B: packets of 1472, 1472 and 56 B, on the wire 1502, 1502 and 86 B.
  // The switch starts forwarding the first packet once it has arrived whole
  // (one serialisation and one latency), then sends the three back to back at
  // the same rate as they come in, and the last one has one latency to go.
  PacketWorld w(2, 1'000'000, {{0, 1}});
  w.network.send(Message{0, 1, 3000 * 8, 0, 0, nullptr});
  w.simulator.run();
  REQUIRE(w.arrivals.size() == 1);
  CHECK(w.arrivals[0].time ==
        wire(1502) + kAccessLatency + wire(1502) + wire(1502) + wire(86) + kAccessLatency);
}

TEST_CASE(
    "fabric packets: an incast overflows the switch port, drops are counted and the messages "
    "lost") {
  // Four hosts send 100,000 B each to a fifth through one switch. The port to
  // the receiver drains at the rate one host fills it, so four fill it 3x
  // faster than it empties: with 30,000 B of buffer it drops.
  std::vector<std::pair<NodeId, NodeId>> pairs;
  for (NodeId h = 0; h < 4; ++h)
    pairs.push_back({h, 4});
  PacketWorld small(5, 30'000, pairs);
  for (NodeId h = 0; h < 4; ++h)
    small.network.send(Message{h, 4, 100'000 * 8, 0, 0, nullptr});
  small.simulator.run();
  const TrafficCounters totals = small.network.totals();
  CHECK(totals.packets_dropped > 0);
  CHECK(small.lost.size() + small.arrivals.size() == 4);
  CHECK(totals.messages_lost == static_cast<std::int64_t>(small.lost.size()));
  CHECK(totals.queueing_s > 0.0);
  // With room for everything, nothing is dropped and the port drains all
  // 4 x 68 packets back to back: the last arrives after 4 x 100,000 B + 4 x
  // 68 x 30 B of headers at 1 Gb/s behind the first packet's first hop.
  PacketWorld large(5, 1'000'000'000, pairs);
  for (NodeId h = 0; h < 4; ++h)
    large.network.send(Message{h, 4, 100'000 * 8, 0, 0, nullptr});
  large.simulator.run();
  REQUIRE(large.arrivals.size() == 4);
  CHECK(large.network.totals().packets_dropped == 0);
  SimTime last = 0;
  for (const Arrival& a : large.arrivals)
    last = std::max(last, a.time);
  CHECK(last == wire(1502) + kAccessLatency + wire(4 * (100'000 + 68 * 30)) + kAccessLatency);
}
