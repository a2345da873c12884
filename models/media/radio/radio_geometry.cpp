#include "models/media/radio/radio_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/kernel/rng.hpp"

namespace commsim {

namespace {

// Interferers weaker than the noise by this much are left out: together a
// thousand of them would add 1 % to the noise.
constexpr double kInterferenceFloorBelowNoiseDb = 20.0;

// A standard normal value that is a pure function of (seed, pair): shadowing
// is fixed per pair and the same both ways, whatever order pairs are asked in.
double pair_normal(std::uint64_t seed, NodeId a, NodeId b) {
  const auto low = static_cast<std::uint64_t>(std::min(a, b));
  const auto high = static_cast<std::uint64_t>(std::max(a, b));
  const std::uint64_t key = mix64(seed ^ hash_name("radio.shadowing")) ^ (low << 32 | high);
  const std::uint64_t first = mix64(key);
  const std::uint64_t second = mix64(first);
  const double u1 = (static_cast<double>(first >> 11) + 1.0) * 0x1.0p-53;  // (0, 1]
  const double u2 = static_cast<double>(second >> 11) * 0x1.0p-53;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double distance_m(const Position& a, const Position& b) {
  return std::hypot(a.x_m - b.x_m, a.y_m - b.y_m);
}

}  // namespace

double RadioGeometry::received_dbm(const Position& from, const Position& to,
                                   const RadioMediumConfig& c, std::uint64_t seed, NodeId a,
                                   NodeId b) {
  // ns-3's LogDistancePropagationLossModel: no loss closer than the reference distance.
  const double d = std::max(distance_m(from, to), 1.0);
  double loss_db = c.reference_loss_db + 10.0 * c.path_loss_exponent * std::log10(d);
  if (c.shadowing_sigma_db > 0.0)
    loss_db += c.shadowing_sigma_db * pair_normal(seed, a, b);
  return c.tx_power_dbm - loss_db;
}

RadioGeometry::RadioGeometry(const std::vector<Position>& positions, const RadioMediumConfig& c,
                             std::uint64_t seed) {
  const auto n = static_cast<NodeId>(positions.size());
  std::vector<std::vector<Hearer>> lists(static_cast<std::size_t>(n));
  const double floor_dbm = c.noise_dbm - kInterferenceFloorBelowNoiseDb;
  for (NodeId from = 0; from < n; ++from) {
    for (NodeId to = 0; to < n; ++to) {
      if (from == to)
        continue;
      const Position& a = positions[static_cast<std::size_t>(from)];
      const Position& b = positions[static_cast<std::size_t>(to)];
      if (c.propagation == Propagation::kDisc) {
        if (distance_m(a, b) <= c.range_m)
          lists[from].push_back({to, 1.0, true});
        continue;
      }
      const double dbm = received_dbm(a, b, c, seed, from, to);
      if (dbm >= floor_dbm)
        lists[from].push_back({to, dbm_to_watts(dbm), dbm >= c.sensitivity_dbm});
    }
  }
  build(std::move(lists));
}

RadioGeometry::RadioGeometry(NodeId nodes, const std::vector<std::pair<NodeId, NodeId>>& links) {
  std::vector<std::vector<Hearer>> lists(static_cast<std::size_t>(nodes));
  for (const auto& [a, b] : links) {
    lists[a].push_back({b, 1.0, true});
    lists[b].push_back({a, 1.0, true});
  }
  for (auto& list : lists) {
    std::sort(list.begin(), list.end(),
              [](const Hearer& x, const Hearer& y) { return x.node < y.node; });
    list.erase(std::unique(list.begin(), list.end(),
                           [](const Hearer& x, const Hearer& y) { return x.node == y.node; }),
               list.end());
  }
  build(std::move(lists));
}

void RadioGeometry::build(std::vector<std::vector<Hearer>> lists) {
  offsets_.assign(lists.size() + 1, 0);
  for (std::size_t i = 0; i < lists.size(); ++i)
    offsets_[i + 1] = offsets_[i] + lists[i].size();
  hearers_.reserve(offsets_.back());
  for (auto& list : lists)
    hearers_.insert(hearers_.end(), list.begin(), list.end());
}

bool RadioGeometry::in_range(NodeId from, NodeId to) const {
  const auto list = hearers(from);
  const auto it = std::lower_bound(list.begin(), list.end(), to,
                                   [](const Hearer& h, NodeId node) { return h.node < node; });
  return it != list.end() && it->node == to && it->in_range;
}

std::vector<Position> place_radios(const RadioMediumConfig& c, NodeId nodes, std::uint64_t seed) {
  std::vector<Position> positions;
  switch (c.placement) {
    case Placement::kList:
    case Placement::kFile:
      positions.assign(c.positions.begin(), c.positions.begin() + nodes);
      return positions;
    case Placement::kLine:
      for (NodeId i = 0; i < nodes; ++i)
        positions.push_back({c.spacing_m * i, 0.0});
      return positions;
    case Placement::kUniform: {
      Rng rng(seed, "radio.placement");
      for (NodeId i = 0; i < nodes; ++i) {
        const double x = rng.uniform01() * c.side_m;
        positions.push_back({x, rng.uniform01() * c.side_m});
      }
      return positions;
    }
    case Placement::kGrid: {
      const std::int64_t columns =
          c.columns > 0
              ? c.columns
              : static_cast<std::int64_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
      for (NodeId i = 0; i < nodes; ++i) {
        positions.push_back({c.spacing_m * static_cast<double>(i % columns),
                             c.spacing_m * static_cast<double>(i / columns)});
      }
      return positions;
    }
  }
  return positions;
}

}  // namespace commsim
