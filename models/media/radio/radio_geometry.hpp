#pragma once
// Who hears whom on the shared channel, and how loud. For every radio, the
// radios its transmissions reach, with the received power and whether the
// signal is strong enough to be received at all (the radio graph's edges);
// weaker signals down to an interference floor still add to the noise.
#include <cmath>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "models/media/radio/radio_config.hpp"
#include "sim/net/message.hpp"

namespace commsim {

struct Hearer {
  NodeId node = 0;
  double power_w = 0.0;   // received power; 1.0 for every hearer of disc and topology
  bool in_range = false;  // above sensitivity (or within range_m): can receive
};

class RadioGeometry {
 public:
  // Radios at positions; propagation as configured.
  RadioGeometry(const std::vector<Position>& positions, const RadioMediumConfig& config,
                std::uint64_t seed);
  // interference = "topology": the pairs of `links` (either direction) hear
  // each other perfectly, and nobody else.
  RadioGeometry(NodeId nodes, const std::vector<std::pair<NodeId, NodeId>>& links);

  NodeId nodes() const { return static_cast<NodeId>(offsets_.size()) - 1; }
  // Radios that hear `sender`, by increasing id.
  std::span<const Hearer> hearers(NodeId sender) const {
    return {hearers_.data() + offsets_[static_cast<std::size_t>(sender)],
            hearers_.data() + offsets_[static_cast<std::size_t>(sender) + 1]};
  }
  bool in_range(NodeId from, NodeId to) const;
  // Received power from -> to in dBm (log_distance), for messages and tests.
  static double received_dbm(const Position& from, const Position& to,
                             const RadioMediumConfig& config, std::uint64_t seed, NodeId a,
                             NodeId b);

 private:
  void build(std::vector<std::vector<Hearer>> lists);
  std::vector<std::size_t> offsets_;
  std::vector<Hearer> hearers_;
};

// Positions of `nodes` radios for the placement of `config` (list and file
// positions are taken as read); uniform draws from the run's seed.
std::vector<Position> place_radios(const RadioMediumConfig& config, NodeId nodes,
                                   std::uint64_t seed);

inline double dbm_to_watts(double dbm) {
  return std::pow(10.0, (dbm - 30.0) / 10.0);
}

}  // namespace commsim
