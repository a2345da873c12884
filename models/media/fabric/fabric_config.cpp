#include "models/media/fabric/fabric_config.hpp"

namespace commsim {

PluginInfo fabric_medium_info() {
  return {
      "fabric",
      "a switched wired network: every host's NIC has a send and a receive side at its "
      "link's speed, messages cross switches along shortest routes (equal-cost paths split "
      "by a hash of source and destination) and share every physical link they cross by "
      "max-min fairness (needs link.model ethernet or affine_bit)",
      {
          ParamSpec::choice(
              "fabric", {"single_switch", "racks", "fat_tree", "file"}, "single_switch",
              "single_switch: every host on one non-blocking switch; racks: "
              "hosts_per_rack hosts on a top-of-rack switch each, racks joined by one "
              "core switch; fat_tree: a k-ary fat tree (k pods, k^3 / 4 hosts); "
              "file: a physical edge list (edges_file)"),
          ParamSpec::optional_real("host_bandwidth_bps",
                                   "speed of each host's link; default: the link model's "
                                   "bandwidth_bps")
              .above(0),
          ParamSpec::optional_real("server_bandwidth_bps",
                                   "speed of a parameter server's host link (the host after "
                                   "the workers'); default: host_bandwidth_bps")
              .above(0),
          ParamSpec::real("access_latency_s", 1e-6, "latency of a host's link to its switch, s")
              .at_least(0),
          ParamSpec::real("switch_latency_s", 1e-6, "latency of a link between switches, s")
              .at_least(0),
          ParamSpec::integer("hosts_per_rack", 16, "racks: hosts on each top-of-rack switch")
              .at_least(1),
          ParamSpec::real("oversubscription", 1.0,
                          "racks: a rack's hosts' bandwidth over its uplink's (4: a 4:1 uplink)")
              .at_least(1),
          ParamSpec::optional_integer("k",
                                      "fat_tree: switch ports, even; default the smallest with "
                                      "k^3 / 4 >= hosts")
              .at_least(2)
              .at_most(128),
          ParamSpec::choice("sharing", {"flow", "packet"}, "flow",
                            "flow: every message is a flow that waits out its route's latency and "
                            "shares every link it crosses by max-min fairness; packet: every "
                            "packet of the link model is stored and forwarded through FIFO output "
                            "queues, switch ports drop what does not fit in buffer_bytes"),
          ParamSpec::integer("buffer_bytes", 1'000'000,
                             "packet: bytes of packets a switch output port holds waiting (the "
                             "one on the wire not counted); hosts never drop")
              .at_least(0),
          ParamSpec::boolean("links_csv", false,
                             "write links.csv: every physical link's bytes and utilisation over "
                             "the run (series.csv names each interval's busiest link anyway)"),
          ParamSpec::text("edges_file", "",
                          "file: one \"a b bandwidth_bps latency_s\" line per cable (both "
                          "directions); hosts are named h0, h1, ... (h<i> is node i), every other "
                          "name is a switch; a relative path is taken from the scenario file's "
                          "folder"),
      },
      "link.model must be ethernet or affine_bit"};
}

FabricConfig make_fabric_config(const Params& params) {
  FabricConfig c;
  const std::string fabric = params.text("fabric");
  c.topology = fabric == "racks"      ? FabricTopology::kRacks
               : fabric == "fat_tree" ? FabricTopology::kFatTree
               : fabric == "file"     ? FabricTopology::kFile
                                      : FabricTopology::kSingleSwitch;
  if (params.has("host_bandwidth_bps"))
    c.host_bandwidth_bps = params.real("host_bandwidth_bps");
  if (params.has("server_bandwidth_bps"))
    c.server_bandwidth_bps = params.real("server_bandwidth_bps");
  c.access_latency_s = params.real("access_latency_s");
  c.switch_latency_s = params.real("switch_latency_s");
  c.hosts_per_rack = params.integer("hosts_per_rack");
  c.oversubscription = params.real("oversubscription");
  if (params.has("k")) {
    c.k = params.integer("k");
    if (c.k % 2 != 0)
      throw params.error("k", "got " + std::to_string(c.k) + ", expected an even number");
  }
  c.edges_file = params.text("edges_file");
  c.sharing = params.text("sharing") == "packet" ? FabricSharing::kPacket : FabricSharing::kFlow;
  c.buffer_bytes = params.integer("buffer_bytes");
  return c;
}

}  // namespace commsim
