#include "models/media/fabric/fabric_graph.hpp"

#include <cmath>
#include <deque>
#include <fstream>
#include <sstream>

#include "sim/kernel/rng.hpp"
#include "sim/params/input_error.hpp"
#include "sim/params/input_file.hpp"

namespace commsim {

std::int32_t FabricGraph::add_vertex(const std::string& name) {
  const auto id = static_cast<std::int32_t>(names_.size());
  names_.push_back(name);
  by_name_.emplace(name, id);
  out_.emplace_back();
  return id;
}

void FabricGraph::add_cable(std::int32_t a, std::int32_t b, double bandwidth_bps, SimTime latency) {
  for (const auto& [from, to] : {std::pair{a, b}, std::pair{b, a}}) {
    out_[static_cast<std::size_t>(from)].push_back(static_cast<std::int32_t>(links_.size()));
    links_.push_back(PhysicalLink{from, to, bandwidth_bps, latency});
  }
}

std::int32_t FabricGraph::find(const std::string& name) const {
  const auto it = by_name_.find(name);
  return it == by_name_.end() ? -1 : it->second;
}

std::string FabricGraph::link_name(std::int32_t link) const {
  const PhysicalLink& l = links_[static_cast<std::size_t>(link)];
  return name(l.from) + "->" + name(l.to);
}

const std::vector<std::int32_t>& FabricGraph::distances_to(std::int32_t to) {
  if (distances_.empty())
    distances_.resize(static_cast<std::size_t>(hosts_));
  auto& distances = distances_[static_cast<std::size_t>(to)];
  if (!distances.empty())
    return distances;
  // Breadth-first search backwards over the links, through switches only.
  std::vector<std::vector<std::int32_t>> into(static_cast<std::size_t>(vertices()));
  for (std::int32_t l = 0; l < static_cast<std::int32_t>(links_.size()); ++l) {
    into[static_cast<std::size_t>(links_[static_cast<std::size_t>(l)].to)].push_back(l);
  }
  distances.assign(static_cast<std::size_t>(vertices()), -1);
  distances[static_cast<std::size_t>(to)] = 0;
  std::deque<std::int32_t> queue{to};
  while (!queue.empty()) {
    const std::int32_t v = queue.front();
    queue.pop_front();
    if (v < hosts_ && v != to)
      continue;  // a host is an end, never a hop
    for (const std::int32_t l : into[static_cast<std::size_t>(v)]) {
      const std::int32_t u = links_[static_cast<std::size_t>(l)].from;
      if (distances[static_cast<std::size_t>(u)] >= 0)
        continue;
      distances[static_cast<std::size_t>(u)] = distances[static_cast<std::size_t>(v)] + 1;
      queue.push_back(u);
    }
  }
  return distances;
}

std::span<const std::int32_t> FabricGraph::route(std::int32_t from, std::int32_t to) {
  const std::uint64_t key = static_cast<std::uint64_t>(from) << 32 | static_cast<std::uint32_t>(to);
  const auto cached = routes_.find(key);
  if (cached != routes_.end())
    return cached->second;
  std::vector<std::int32_t> path;
  const auto& distances = distances_to(to);
  if (from != to && distances[static_cast<std::size_t>(from)] > 0) {
    for (std::int32_t v = from; v != to;) {
      const std::int32_t here = distances[static_cast<std::size_t>(v)];
      std::vector<std::int32_t> closer;
      for (const std::int32_t l : out_[static_cast<std::size_t>(v)]) {
        const std::int32_t w = links_[static_cast<std::size_t>(l)].to;
        if (distances[static_cast<std::size_t>(w)] == here - 1 && (w >= hosts_ || w == to)) {
          closer.push_back(l);
        }
      }
      // ECMP: the same pair always takes the same choice at the same switch.
      const std::uint64_t hash = mix64(key ^ mix64(static_cast<std::uint64_t>(v)));
      const std::int32_t l = closer[hash % closer.size()];
      path.push_back(l);
      v = links_[static_cast<std::size_t>(l)].to;
    }
  }
  return routes_.emplace(key, std::move(path)).first->second;
}

SimTime FabricGraph::route_latency(std::span<const std::int32_t> route) const {
  SimTime total = 0;
  for (const std::int32_t l : route)
    total += links_[static_cast<std::size_t>(l)].latency;
  return total;
}

namespace {

// "agg3_1": GCC 12 warns falsely (-Wrestrict) on chains of std::string +.
std::string numbered(const char* prefix, std::int64_t a, std::int64_t b = -1) {
  std::ostringstream name;
  name << prefix << a;
  if (b >= 0)
    name << '_' << b;
  return name.str();
}

void build_racks(FabricGraph& g, const FabricConfig& c, double host_bps,
                 const std::vector<double>& rates) {
  const SimTime access = seconds_to_simtime(c.access_latency_s);
  const std::int64_t per_rack = c.hosts_per_rack;
  const std::int64_t racks = (g.hosts() + per_rack - 1) / per_rack;
  const double uplink_bps = static_cast<double>(per_rack) * host_bps / c.oversubscription;
  const std::int32_t core = racks > 1 ? g.add_vertex("core") : -1;
  for (std::int64_t r = 0; r < racks; ++r) {
    const std::int32_t tor = g.add_vertex(numbered("tor", r));
    if (core >= 0)
      g.add_cable(tor, core, uplink_bps, seconds_to_simtime(c.switch_latency_s));
    for (std::int64_t h = r * per_rack; h < std::min<std::int64_t>(g.hosts(), (r + 1) * per_rack);
         ++h) {
      const auto host = static_cast<std::int32_t>(h);
      g.add_cable(host, tor, rates[static_cast<std::size_t>(host)], access);
    }
  }
}

void build_fat_tree(FabricGraph& g, const FabricConfig& c, double host_bps,
                    const std::vector<double>& rates, const std::string& path) {
  std::int64_t k = c.k;
  if (k == 0) {
    k = 2;
    while (k * k * k / 4 < g.hosts())
      k += 2;
  }
  if (k * k * k / 4 < g.hosts()) {
    throw InputError(path + ".k", "got " + std::to_string(k) + ": a " + std::to_string(k) +
                                      "-ary fat tree has " + std::to_string(k * k * k / 4) +
                                      " hosts, but the network has " + std::to_string(g.hosts()));
  }
  const SimTime access = seconds_to_simtime(c.access_latency_s);
  const SimTime inner = seconds_to_simtime(c.switch_latency_s);
  const std::int64_t half = k / 2;
  std::vector<std::int32_t> cores;
  for (std::int64_t i = 0; i < half * half; ++i)
    cores.push_back(g.add_vertex(numbered("core", i)));
  for (std::int64_t pod = 0; pod < k; ++pod) {
    std::vector<std::int32_t> aggregation;
    for (std::int64_t a = 0; a < half; ++a) {
      const std::int32_t agg = g.add_vertex(numbered("agg", pod, a));
      aggregation.push_back(agg);
      for (std::int64_t j = 0; j < half; ++j)
        g.add_cable(agg, cores[a * half + j], host_bps, inner);
    }
    for (std::int64_t e = 0; e < half; ++e) {
      const std::int32_t edge = g.add_vertex(numbered("edge", pod, e));
      for (const std::int32_t agg : aggregation)
        g.add_cable(edge, agg, host_bps, inner);
      for (std::int64_t j = 0; j < half; ++j) {
        const std::int64_t h = (pod * half + e) * half + j;
        if (h >= g.hosts())
          break;
        const auto host = static_cast<std::int32_t>(h);
        g.add_cable(host, edge, rates[static_cast<std::size_t>(host)], access);
      }
    }
  }
}

void build_from_file(FabricGraph& g, const FabricConfig& c, const std::string& path) {
  const std::string where = path + ".edges_file";
  if (c.edges_file.empty())
    throw InputError(where, "is required with fabric \"file\": a path");
  check_input_file(c.edges_file, where, "an edge list file");
  std::ifstream in(c.edges_file);
  if (!in)
    throw InputError(where, "cannot open \"" + c.edges_file + "\"");
  std::string line;
  std::int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#')
      continue;
    std::istringstream fields(line);
    std::string a, b, bandwidth_text, latency_text, rest;
    const std::string at = "\"" + c.edges_file + "\" line " + std::to_string(number);
    if (!(fields >> a >> b >> bandwidth_text >> latency_text) || (fields >> rest)) {
      throw InputError(where, at + ": expected \"a b bandwidth_bps latency_s\"");
    }
    const auto number_of = [&](const std::string& text, bool positive, const char* what) {
      std::size_t used = 0;
      double value = -1.0;
      try {
        value = std::stod(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      const bool ok =
          used == text.size() && std::isfinite(value) && (positive ? value > 0 : value >= 0);
      if (!ok) {
        throw InputError(where, at + ": " + what + " \"" + text + "\", expected a number " +
                                    (positive ? "> 0" : ">= 0"));
      }
      return value;
    };
    const double bandwidth_bps = number_of(bandwidth_text, true, "bandwidth_bps");
    const double latency_s = number_of(latency_text, false, "latency_s");
    std::int32_t ends[2];
    for (int i = 0; i < 2; ++i) {
      const std::string& name = i == 0 ? a : b;
      ends[i] = g.find(name);
      if (ends[i] >= 0)
        continue;
      if (name.size() > 1 && name[0] == 'h' &&
          name.find_first_not_of("0123456789", 1) == std::string::npos) {
        throw InputError(where, at + ": host " + name +
                                    " does not exist; the network has hosts h0 .. h" +
                                    std::to_string(g.hosts() - 1));
      }
      ends[i] = g.add_vertex(name);
    }
    if (ends[0] == ends[1])
      throw InputError(where, at + ": a cable from " + a + " to itself");
    g.add_cable(ends[0], ends[1], bandwidth_bps, seconds_to_simtime(latency_s));
  }
}

}  // namespace

FabricGraph build_fabric(const FabricConfig& c, std::int32_t hosts, double host_bandwidth_bps,
                         std::int32_t server, const std::string& path,
                         std::span<const double> node_rates_bps) {
  FabricGraph g(hosts);
  const double host_bps = c.host_bandwidth_bps > 0 ? c.host_bandwidth_bps : host_bandwidth_bps;
  // Each host's link: its own NIC's rate where it has one, the server's if set.
  std::vector<double> rates(static_cast<std::size_t>(hosts), host_bps);
  for (std::size_t h = 0; h < node_rates_bps.size() && h < rates.size(); ++h) {
    if (node_rates_bps[h] > 0)
      rates[h] = node_rates_bps[h];
  }
  if (server >= 0 && server < hosts && c.server_bandwidth_bps) {
    rates[static_cast<std::size_t>(server)] = *c.server_bandwidth_bps;
  }
  switch (c.topology) {
    case FabricTopology::kSingleSwitch: {
      const std::int32_t sw = g.add_vertex("switch");
      for (std::int32_t h = 0; h < hosts; ++h) {
        g.add_cable(h, sw, rates[static_cast<std::size_t>(h)],
                    seconds_to_simtime(c.access_latency_s));
      }
      break;
    }
    case FabricTopology::kRacks:
      build_racks(g, c, host_bps, rates);
      break;
    case FabricTopology::kFatTree:
      build_fat_tree(g, c, host_bps, rates, path);
      break;
    case FabricTopology::kFile:
      build_from_file(g, c, path);
      break;
  }
  return g;
}

}  // namespace commsim
