#pragma once
// A small network on the radio medium for tests: radios at given positions
// (or hearing each other along logical links), logical links, and a record
// of every delivery and loss.
#include <memory>
#include <utility>
#include <vector>

#include "models/links/ieee802154.hpp"
#include "models/media/radio/radio_medium.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/network.hpp"

namespace commsim::testing {

struct Arrival {
  NodeId from;
  NodeId to;
  SimTime time;
};

struct RadioWorld {
  Simulator simulator;
  Network network;
  RadioMedium* medium = nullptr;
  std::vector<Arrival> delivered;
  std::vector<Arrival> lost;

  // Radios at `positions` under `config`; logical links both ways for every pair in `pairs`.
  RadioWorld(const std::vector<Position>& positions, RadioMediumConfig config,
             Ieee802154Config link, const std::vector<std::pair<NodeId, NodeId>>& pairs,
             std::uint64_t seed = 1, NetworkOptions options = {})
      : network(simulator, static_cast<NodeId>(positions.size()), options, seed) {
    auto geometry = std::make_unique<RadioGeometry>(positions, config, seed);
    build(std::move(geometry), config, link, pairs, seed);
  }

  void send(NodeId from, NodeId to, std::int64_t bytes, std::int64_t round = 0) {
    network.send(Message{from, to, bytes * 8, round, 0, nullptr});
  }

 private:
  void build(std::unique_ptr<RadioGeometry> geometry, const RadioMediumConfig& config,
             const Ieee802154Config& link, const std::vector<std::pair<NodeId, NodeId>>& pairs,
             std::uint64_t seed) {
    auto* holder = &medium;
    auto shared = std::shared_ptr<RadioGeometry>(std::move(geometry));
    network.set_medium([&, holder, shared](MediumListener& listener) {
      auto made = std::make_unique<RadioMedium>(
          simulator, listener, std::make_unique<RadioGeometry>(*shared), config, link, seed);
      *holder = made.get();
      return made;
    });
    auto model = std::make_shared<Ieee802154LinkModel>(link);
    for (const auto& [a, b] : pairs) {
      network.add_link(a, b, model);
      network.add_link(b, a, model);
    }
    network.on_delivery([this](const Message& m) {
      delivered.push_back({m.from, m.to, simulator.now()});
    });
    network.on_loss([this](const Message& m, LossReason) {
      lost.push_back({m.from, m.to, simulator.now()});
    });
  }
};

inline RadioMediumConfig disc(double range_m) {
  RadioMediumConfig c;
  c.propagation = Propagation::kDisc;
  c.range_m = range_m;
  return c;
}

inline Ieee802154Config radio_link(bool ack, bool mean_backoff) {
  Ieee802154Config c;
  c.ack = ack;
  c.backoff = mean_backoff ? Ieee802154Backoff::kMean : Ieee802154Backoff::kRandom;
  return c;
}

}  // namespace commsim::testing
