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
// With --speed, larger cases for timing instead: a 256-host fat tree (k = 12)
// with 20 waves of a ring step (4 MB per host, a wave every 4 ms) and 20
// waves of exponential-graph gossip (1 MB to each of 8 peers, every 8 ms):
// each wave needs about 80 % of the time to the next on the hosts' links.
// Usage: fabric_cases OUT_DIR [--speed]
#include <time.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/links/affine_bit.hpp"
#include "models/media/fabric/fabric_medium.hpp"
#include "sim/net/network.hpp"

namespace commsim::bench {
namespace {

constexpr double kHostRate = 1e10;

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

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

void write_case(const Case& c, FabricGraph& graph, const std::string& file) {
  nlohmann::json out;
  out["case"] = c.name;
  out["hosts"] = c.hosts;
  for (std::int32_t l = 0; l < static_cast<std::int32_t>(graph.links().size()); ++l) {
    const PhysicalLink& link = graph.links()[static_cast<std::size_t>(l)];
    out["links"].push_back({{"name", graph.link_name(l)},
                            {"bandwidth_bps", link.bandwidth_bps},
                            {"latency_s", simtime_to_seconds(link.latency)}});
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
  FabricGraph graph = build_fabric(c.fabric, c.hosts, kHostRate, -1, "fabric");
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
  const auto link = std::make_shared<AffineBitLinkModel>(affine);
  network.set_medium([&](MediumListener& listener) {
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
    std::printf("%s{\"id\":%zu,\"finish_s\":%.17g}", id == 0 ? "" : ",", id, finish_s[id]);
  }
  std::printf("],\"cpu_s\":%.9g,\"events\":%llu}\n", cpu_s,
              static_cast<unsigned long long>(simulator.events_processed()));
}

}  // namespace
}  // namespace commsim::bench

int main(int argc, char** argv) {
  if (argc < 2 || (argc == 3 && std::strcmp(argv[2], "--speed") != 0) || argc > 3) {
    std::fprintf(stderr, "usage: fabric_cases OUT_DIR [--speed]\n");
    return 2;
  }
  const bool speed = argc == 3;
  for (const auto& c : speed ? commsim::bench::speed_cases() : commsim::bench::validation_cases()) {
    commsim::bench::run(c, argv[1]);
  }
  return 0;
}
