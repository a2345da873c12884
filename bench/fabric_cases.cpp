// commsim's fabric medium on the flow cases that bench/peers/simgrid_flows.cpp
// runs on SimGrid (docs/network.md, "Fabric validation"). For every case it
// writes CASE.json (the directed physical links, and every message with its
// size, start time and route, as commsim routes it) into OUT_DIR, runs the
// same messages on the fabric medium and prints one JSON line:
//   {"simulator":"commsim","case":...,"messages":[{"id":..,"finish_s":..}],"cpu_s":..}
// Platforms: 16 hosts on a single switch, in 4 racks of 4 behind 4:1 uplinks,
// and on a 4-ary fat tree; host links 10 Gb/s, 1 us of latency on host links
// only (every route then has the same latency). Message sets per platform:
//   ring_step     host i sends (1 + i mod 3) MB to host i + 1
//   ps_round      hosts 0..14 upload (1 + i mod 3) MB to host 15 at t = 0, and
//                 host 15 sends 2 MB to each of them from t = 10 ms
//   dsgd_round    every host sends 1 MB to i + 1, i + 2, i + 4, i + 8 (exponential graph)
// With --packet, packet-mode cases for bench/peers/ns3_packets.cc instead: 8
// hosts on one switch at 1 Gb/s, PPP-like framing (2-byte header, no
// preamble, gap or padding: a 1472-byte UDP payload is 1502 bytes on the
// wire), switch ports of 30,000 or 10^9 bytes: an incast of 7 x 100,000 B
// into host 7, and a ring step with (1 + i mod 3) x 100,000 B.
// With --speed, larger cases for timing instead: a 256-host fat tree (k = 12)
// with 20 waves of a ring step (4 MB per host, a wave every 4 ms) and 20
// waves of exponential-graph gossip (1 MB to each of 8 peers, every 8 ms):
// each wave needs about 80 % of the time to the next on the hosts' links.
// Usage: fabric_cases OUT_DIR [--packet | --speed]
#include <time.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/links/affine_bit.hpp"
#include "models/links/ethernet.hpp"
#include "models/media/fabric/fabric_medium.hpp"
#include "models/media/fabric/packet_fabric_medium.hpp"
#include "sim/net/network.hpp"

namespace commsim::bench {
namespace {

constexpr double kHostRate = 1e10;
constexpr double kPacketRate = 1e9;

struct Send {
  NodeId src;
  NodeId dst;
  std::int64_t bytes;
  double start_s;
};

struct Case {
  std::string name;
  FabricConfig fabric;
  NodeId hosts;
  std::vector<Send> sends;
  std::int64_t buffer_bytes = 0;  // > 0: packet mode
};

FabricConfig platform(FabricTopology topology) {
  FabricConfig c;
  c.topology = topology;
  c.access_latency_s = 1e-6;
  c.switch_latency_s = 0.0;
  c.hosts_per_rack = 4;
  c.oversubscription = 4.0;
  c.k = 4;
  return c;
}

std::vector<Case> validation_cases() {
  const std::pair<const char*, FabricTopology> platforms[] = {
      {"single_switch", FabricTopology::kSingleSwitch},
      {"racks_4to1", FabricTopology::kRacks},
      {"fat_tree_16", FabricTopology::kFatTree}};
  const NodeId n = 16;
  std::vector<Case> cases;
  for (const auto& [name, topology] : platforms) {
    Case ring{std::string(name) + "/ring_step", platform(topology), n, {}};
    for (NodeId i = 0; i < n; ++i)
      ring.sends.push_back({i, (i + 1) % n, (1 + i % 3) * 1'000'000, 0.0});
    Case ps{std::string(name) + "/ps_round", platform(topology), n, {}};
    for (NodeId i = 0; i < n - 1; ++i)
      ps.sends.push_back({i, n - 1, (1 + i % 3) * 1'000'000, 0.0});
    for (NodeId i = 0; i < n - 1; ++i)
      ps.sends.push_back({n - 1, i, 2'000'000, 0.010});
    Case dsgd{std::string(name) + "/dsgd_round", platform(topology), n, {}};
    for (NodeId i = 0; i < n; ++i) {
      for (const NodeId hop : {1, 2, 4, 8})
        dsgd.sends.push_back({i, (i + hop) % n, 1'000'000, 0.0});
    }
    cases.push_back(ring);
    cases.push_back(ps);
    cases.push_back(dsgd);
  }
  return cases;
}

std::vector<Case> speed_cases() {
  const NodeId n = 256;
  FabricConfig tree = platform(FabricTopology::kFatTree);
  tree.k = 12;
  Case ring{"fat_tree_256/ring_waves", tree, n, {}};
  Case gossip{"fat_tree_256/gossip_waves", tree, n, {}};
  for (int wave = 0; wave < 20; ++wave) {
    for (NodeId i = 0; i < n; ++i) {
      ring.sends.push_back({i, (i + 1) % n, 4'000'000, 0.004 * wave});
      for (NodeId hop = 1; hop < n; hop *= 2) {
        gossip.sends.push_back({i, (i + hop) % n, 1'000'000, 0.008 * wave});
      }
    }
  }
  return {ring, gossip};
}

std::vector<Case> packet_cases() {
  const NodeId n = 8;
  FabricConfig star = platform(FabricTopology::kSingleSwitch);
  std::vector<Case> cases;
  for (const std::int64_t buffer : {30'000LL, 1'000'000'000LL}) {
    const std::string suffix = buffer < 1'000'000 ? "_buffer30k" : "_unbounded";
    Case incast{"star8/incast" + suffix, star, n, {}, buffer};
    for (NodeId i = 0; i < n - 1; ++i)
      incast.sends.push_back({i, n - 1, 100'000, 0.0});
    Case ring{"star8/ring_step" + suffix, star, n, {}, buffer};
    for (NodeId i = 0; i < n; ++i)
      ring.sends.push_back({i, (i + 1) % n, (1 + i % 3) * 100'000, 0.0});
    cases.push_back(incast);
    cases.push_back(ring);
  }
  return cases;
}

// Ethernet framing shaped like ns-3's point-to-point links: PPP header of 2
// bytes, no preamble, gap, FCS or minimum frame.
std::shared_ptr<const LinkModel> packet_link(double rate_bps) {
  EthernetConfig ppp;
  ppp.bandwidth_bps = rate_bps;
  ppp.preamble_bytes = 0;
  ppp.gap_bytes = 0;
  ppp.header_bytes = 2;
  ppp.fcs_bytes = 0;
  ppp.min_frame_bytes = 0;
  return std::make_shared<EthernetLinkModel>(ppp);
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

void write_case(const Case& c, FabricGraph& graph, const std::string& file) {
  nlohmann::json out;
  out["case"] = c.name;
  out["hosts"] = c.hosts;
  for (std::int32_t v = 0; v < graph.vertices(); ++v)
    out["nodes"].push_back(graph.name(v));
  for (std::int32_t l = 0; l < static_cast<std::int32_t>(graph.links().size()); ++l) {
    const PhysicalLink& link = graph.links()[static_cast<std::size_t>(l)];
    out["links"].push_back({{"name", graph.link_name(l)},
                            {"from", graph.name(link.from)},
                            {"to", graph.name(link.to)},
                            {"bandwidth_bps", link.bandwidth_bps},
                            {"latency_s", simtime_to_seconds(link.latency)}});
  }
  if (c.buffer_bytes > 0) {
    // UDP payload per packet at MTU 1500, and PPP 2 + IPv4 20 + UDP 8 bytes.
    out["packet"] = {
        {"payload_bytes", 1472}, {"overhead_bytes", 30}, {"buffer_bytes", c.buffer_bytes}};
  }
  for (std::size_t id = 0; id < c.sends.size(); ++id) {
    const Send& s = c.sends[id];
    nlohmann::json route = nlohmann::json::array();
    for (const std::int32_t l : graph.route(s.src, s.dst))
      route.push_back(graph.link_name(l));
    out["messages"].push_back({{"id", id},
                               {"src", s.src},
                               {"dst", s.dst},
                               {"bytes", s.bytes},
                               {"start_s", s.start_s},
                               {"route", route}});
  }
  std::ofstream(file) << out.dump() << '\n';
}

void run(const Case& c, const std::string& folder) {
  FabricGraph graph =
      build_fabric(c.fabric, c.hosts, c.buffer_bytes > 0 ? kPacketRate : kHostRate, -1, "fabric");
  std::string file_name = c.name;
  for (char& ch : file_name) {
    if (ch == '/')
      ch = '.';
  }
  write_case(c, graph, folder + "/" + file_name + ".json");

  Simulator simulator;
  Network network(simulator, c.hosts, {}, 1);
  AffineBitConfig affine;  // no overhead: a message is exactly its bytes on the wire
  affine.bandwidth_bps = kHostRate;
  const bool packets = c.buffer_bytes > 0;
  const std::shared_ptr<const LinkModel> link =
      packets ? packet_link(kPacketRate) : std::make_shared<AffineBitLinkModel>(affine);
  network.set_medium([&](MediumListener& listener) -> std::unique_ptr<Medium> {
    if (packets) {
      return std::make_unique<PacketFabricMedium>(simulator, listener, graph, link, c.buffer_bytes);
    }
    return std::make_unique<FabricMedium>(simulator, listener, graph, link);
  });
  for (const Send& s : c.sends) {
    if (!network.has_link(s.src, s.dst))
      network.add_link(s.src, s.dst, link);
  }
  // A message's id travels in its round field.
  std::vector<double> finish_s(c.sends.size(), -1.0);
  network.on_delivery([&](const Message& m) {
    finish_s[static_cast<std::size_t>(m.round)] = simtime_to_seconds(simulator.now());
  });
  for (std::size_t id = 0; id < c.sends.size(); ++id) {
    const Send& s = c.sends[id];
    simulator.schedule_at(seconds_to_simtime(s.start_s), [&network, s, id] {
      network.send(Message{s.src, s.dst, s.bytes * 8, static_cast<std::int64_t>(id), 0, nullptr});
    });
  }
  const double cpu_start = thread_cpu_seconds();
  simulator.run();
  const double cpu_s = thread_cpu_seconds() - cpu_start;
  std::printf("{\"simulator\":\"commsim\",\"case\":\"%s\",\"messages\":[", c.name.c_str());
  for (std::size_t id = 0; id < finish_s.size(); ++id) {
    if (finish_s[id] < 0) {
      std::printf("%s{\"id\":%zu,\"finish_s\":null}", id == 0 ? "" : ",", id);
    } else {
      std::printf("%s{\"id\":%zu,\"finish_s\":%.17g}", id == 0 ? "" : ",", id, finish_s[id]);
    }
  }
  std::printf("],\"drops\":%lld,\"cpu_s\":%.9g,\"events\":%llu}\n",
              static_cast<long long>(network.totals().packets_dropped), cpu_s,
              static_cast<unsigned long long>(simulator.events_processed()));
}

}  // namespace
}  // namespace commsim::bench

int main(int argc, char** argv) {
  const std::string mode = argc == 3 ? argv[2] : "";
  if (argc < 2 || argc > 3 || (argc == 3 && mode != "--speed" && mode != "--packet")) {
    std::fprintf(stderr, "usage: fabric_cases OUT_DIR [--packet | --speed]\n");
    return 2;
  }
  const auto cases = mode == "--speed"    ? commsim::bench::speed_cases()
                     : mode == "--packet" ? commsim::bench::packet_cases()
                                          : commsim::bench::validation_cases();
  for (const auto& c : cases)
    commsim::bench::run(c, argv[1]);
  return 0;
}
