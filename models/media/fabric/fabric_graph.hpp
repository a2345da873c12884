#pragma once
// The physical network of a fabric: hosts 0 .. hosts - 1 (host i carries
// logical node i) and switches, joined by full-duplex cables, each cable two
// directed links with their own capacity (a NIC's send and receive sides are
// the two directions of its host's cable). Routes follow the fewest links;
// where several are equally short, each switch on the way picks among its
// equal-cost next links by a hash of (source, destination): deterministic
// ECMP, one path per pair. Hosts never forward.
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/media/fabric/fabric_config.hpp"
#include "sim/kernel/sim_time.hpp"

namespace commsim {

struct PhysicalLink {
  std::int32_t from = 0;  // vertex
  std::int32_t to = 0;
  double bandwidth_bps = 0.0;
  SimTime latency = 0;
};

class FabricGraph {
 public:
  explicit FabricGraph(std::int32_t hosts) : hosts_(hosts) {
    for (std::int32_t h = 0; h < hosts; ++h)
      add_vertex(std::string("h").append(std::to_string(h)));
  }

  std::int32_t add_vertex(const std::string& name);
  // One cable: the links a -> b and b -> a.
  void add_cable(std::int32_t a, std::int32_t b, double bandwidth_bps, SimTime latency);

  std::int32_t hosts() const { return hosts_; }
  std::int32_t vertices() const { return static_cast<std::int32_t>(names_.size()); }
  const std::string& name(std::int32_t vertex) const {
    return names_[static_cast<std::size_t>(vertex)];
  }
  std::int32_t find(const std::string& name) const;  // -1 when absent
  const std::vector<PhysicalLink>& links() const { return links_; }
  // "from->to", e.g. "h3->tor0".
  std::string link_name(std::int32_t link) const;

  // The directed links from host `from` to host `to`; empty when unreachable.
  std::span<const std::int32_t> route(std::int32_t from, std::int32_t to);
  SimTime route_latency(std::span<const std::int32_t> route) const;

 private:
  const std::vector<std::int32_t>& distances_to(std::int32_t to);
  std::int32_t hosts_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::int32_t> by_name_;
  std::vector<PhysicalLink> links_;
  std::vector<std::vector<std::int32_t>> out_;  // links leaving each vertex, in insertion order
  std::vector<std::vector<std::int32_t>> distances_;  // [destination host][vertex], when asked
  std::unordered_map<std::uint64_t, std::vector<std::int32_t>> routes_;
};

// The physical network of `config` for `hosts` hosts; `host_bandwidth_bps`
// is the hosts' line rate (the link model's when the config leaves it 0),
// `server` the host of a parameter server (-1: none), and `node_rates_bps`
// (where > 0) the rate of a host whose own link model says otherwise. Throws
// InputError at `path` for a bad edge list or too small a fat tree.
FabricGraph build_fabric(const FabricConfig& config, std::int32_t hosts, double host_bandwidth_bps,
                         std::int32_t server, const std::string& path,
                         std::span<const double> node_rates_bps = {});

}  // namespace commsim
