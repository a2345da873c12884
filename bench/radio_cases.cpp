// commsim's radio medium on the cases that bench/peers/ns3_lrwpan.cc runs on
// ns-3's lr-wpan, configured alike (docs/network.md, "Validation"):
//   star_N      coordinator 0 at the origin, senders 1..N on a 10 m circle,
//               each sends 1000 B to the coordinator at t = 0 (N = 1, 2, 4, 8);
//   hidden_line A (0, 0), B (40, 0), C (80, 0): A and C send 1000 B to B;
//   grid_5x5    25 radios 40 m apart; every radio but the last column sends
//               1000 B to its right neighbour.
// Log-distance path loss (46.6777 dB at 1 m, exponent 3), 0 dBm, ns-3's
// receiver (noise kT over 5 MHz, lock above -5 dB SINR, O-QPSK bit errors),
// CCA at its threshold of sensitivity + 10 dB, ACKs, 3 retries.
// Usage: radio_cases [--case=NAME|all] [--seeds=FIRST..LAST]
// Prints one JSON object per case and seed with the fields of the ns-3 peer.
#include <time.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "models/media/radio/radio_medium.hpp"
#include "sim/net/network.hpp"

namespace commsim::bench {
namespace {

struct Case {
  std::string name;
  std::vector<Position> positions;
  std::vector<std::pair<NodeId, NodeId>> messages;  // sender -> receiver
};

std::vector<Case> cases() {
  std::vector<Case> all;
  for (const int senders : {1, 2, 4, 8}) {
    Case c{"star_" + std::to_string(senders), {{0, 0}}, {}};
    for (int k = 0; k < senders; ++k) {
      const double angle = 2.0 * M_PI * k / senders;
      c.positions.push_back({10.0 * std::cos(angle), 10.0 * std::sin(angle)});
      c.messages.push_back({k + 1, 0});
    }
    all.push_back(c);
  }
  all.push_back({"hidden_line", {{0, 0}, {40, 0}, {80, 0}}, {{0, 1}, {2, 1}}});
  Case grid{"grid_5x5", {}, {}};
  for (int id = 0; id < 25; ++id) {
    grid.positions.push_back({40.0 * (id % 5), 40.0 * (id / 5)});
    if (id % 5 < 4)
      grid.messages.push_back({id, id + 1});
  }
  all.push_back(grid);
  return all;
}

RadioMediumConfig ns3_like() {
  RadioMediumConfig c;
  c.propagation = Propagation::kLogDistance;
  c.path_loss_exponent = 3.0;
  c.reference_loss_db = 46.6777;
  c.tx_power_dbm = 0.0;
  // ns-3.37 LrWpanPhy: thermal noise kT (k = 1.3803e-23, T = 290 K) over
  // its five 1 MHz bands, noise factor 1: -106.99 dBm.
  c.noise_dbm = 10.0 * std::log10(1.3803e-23 * 290.0 * 5e6) + 30.0;
  // It has no sensitivity cut for reception (a radio locks above -5 dB SINR);
  // its CCA threshold is its sensitivity, -106.58 dBm, plus 10 dB.
  c.sensitivity_dbm = c.noise_dbm - 5.0;
  c.cca_threshold_dbm = -106.58 + 10.0;
  c.reception = Reception::kBer;
  // ns-3.37 gives a frame up after a channel access failure.
  c.retry_after_access_failure = false;
  return c;
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

void run(const Case& c, std::uint64_t seed) {
  const RadioMediumConfig config = ns3_like();
  Ieee802154Config link;  // ACKs, 3 retries, random backoff, CC2420 currents
  Simulator simulator;
  const auto nodes = static_cast<NodeId>(c.positions.size());
  Network network(simulator, nodes, {}, seed);
  RadioMedium* medium = nullptr;
  network.set_medium([&](MediumListener& listener) {
    auto made = std::make_unique<RadioMedium>(
        simulator, listener, std::make_unique<RadioGeometry>(c.positions, config, seed), config,
        link, seed);
    medium = made.get();
    return made;
  });
  const auto model = std::make_shared<Ieee802154LinkModel>(link);
  for (const auto& [from, to] : c.messages)
    network.add_link(from, to, model);
  int delivered = 0;
  SimTime last_delivery = -1;
  network.on_delivery([&](const Message&) {
    ++delivered;
    last_delivery = simulator.now();
  });
  for (const auto& [from, to] : c.messages)
    network.send(Message{from, to, 1000 * 8, 0, 0, nullptr});
  const double cpu_start = thread_cpu_seconds();
  simulator.run();
  const double cpu_s = thread_cpu_seconds() - cpu_start;

  const TrafficCounters totals = network.totals();
  const MacStatistics& stats = medium->statistics();
  const SimTime done = stats.last_job_done;
  double energy_j = 0.0;
  for (NodeId node = 0; node < nodes; ++node)
    energy_j += medium->energy(node, done).total_j();
  char last_delivery_s[32] = "null";
  if (last_delivery >= 0) {
    std::snprintf(last_delivery_s, sizeof last_delivery_s, "%.17g",
                  simtime_to_seconds(last_delivery));
  }
  std::printf(
      "{\"simulator\":\"commsim\",\"case\":\"%s\",\"seed\":%llu,\"messages\":%zu,"
      "\"messages_delivered\":%d,\"last_delivery_s\":%s,\"all_done_s\":%.17g,\"data_tx\":%lld,"
      "\"data_rx_ok\":%lld,\"frames_lost\":%lld,\"cca_failures\":%lld,\"no_ack_failures\":%lld,"
      "\"retries\":%lld,\"ack_tx\":%lld,\"collisions\":%lld,\"energy_j\":%.17g,\"cpu_s\":%.9g}\n",
      c.name.c_str(), static_cast<unsigned long long>(seed), c.messages.size(), delivered,
      last_delivery_s, simtime_to_seconds(done), static_cast<long long>(totals.frames),
      static_cast<long long>(stats.data_frames_received),
      static_cast<long long>(totals.frames - stats.data_frames_received),
      static_cast<long long>(totals.cca_failures), static_cast<long long>(stats.no_ack_failures),
      static_cast<long long>(totals.retransmissions), static_cast<long long>(stats.acks_sent),
      static_cast<long long>(totals.collisions), energy_j, cpu_s);
}

}  // namespace
}  // namespace commsim::bench

int main(int argc, char** argv) {
  std::string which = "all";
  std::uint64_t first = 1;
  std::uint64_t last = 20;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--case=", 7) == 0) {
      which = argv[i] + 7;
    } else if (std::sscanf(argv[i], "--seeds=%llu..%llu",
                           reinterpret_cast<unsigned long long*>(&first),
                           reinterpret_cast<unsigned long long*>(&last)) == 2) {
    } else {
      std::fprintf(stderr, "usage: radio_cases [--case=NAME|all] [--seeds=FIRST..LAST]\n");
      return 2;
    }
  }
  bool found = false;
  for (const auto& c : commsim::bench::cases()) {
    if (which != "all" && which != c.name)
      continue;
    found = true;
    for (std::uint64_t seed = first; seed <= last; ++seed)
      commsim::bench::run(c, seed);
  }
  if (!found) {
    std::fprintf(stderr, "radio_cases: unknown case \"%s\"\n", which.c_str());
    return 2;
  }
  return 0;
}
