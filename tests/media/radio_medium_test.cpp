// The radio medium against the analytic 802.15.4 link model (its test oracle
// on an idle channel) and against hand computations from the standard's
// constants where radios share the channel.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

#include "models/links/ieee802154_constants.hpp"
#include "tests/media/radio_world.hpp"

using namespace commsim;
using namespace commsim::testing;

namespace {

constexpr SimTime kUs = 1000;

// Two radios 5 m apart, a logical link both ways.
RadioWorld pair_world(const Ieee802154Config& link, std::uint64_t seed = 1) {
  return RadioWorld({{0, 0}, {5, 0}}, disc(10), link, {{0, 1}}, seed);
}

double radio_joules(RadioWorld& w, NodeId node, SimTime at) {
  return w.medium->energy(node, at).total_j();
}

SimTime airtime(std::int64_t payload_bytes) {
  return (payload_bytes + ieee802154::kMacOverheadShortBytes + ieee802154::kPhyHeaderBytes) *
         ieee802154::kByteUs * kUs;
}

}  // namespace

TEST_CASE("radio: one pair on an idle channel is the analytic link model exactly (mean backoff)") {
  for (const bool ack : {false, true}) {
    for (const auto mode : {Ieee802154EnergyMode::kAlwaysOn, Ieee802154EnergyMode::kActiveOnly}) {
      for (const std::int64_t bytes : {0, 1, 116, 117, 4000, 31400}) {
        CAPTURE(ack);
        CAPTURE(bytes);
        Ieee802154Config link = radio_link(ack, true);
        link.energy_mode = mode;
        const LinkCost expected =
            Ieee802154LinkModel(link).expected_cost(bytes * 8, Transmission::kUnicast);
        RadioWorld w = pair_world(link);
        w.send(0, 1, bytes);
        w.simulator.run();
        REQUIRE(w.delivered.size() == 1);
        CHECK(w.delivered[0].time == expected.delivery);
        const TrafficCounters totals = w.network.totals();
        CHECK(totals.frames == expected.frames);
        CHECK(totals.wire_bits == expected.wire_bytes * 8);
        CHECK(totals.collisions == 0);
        CHECK(totals.retransmissions == 0);
        // Energy over the link model's window, from the first backoff to the sender being free.
        const SimTime window = expected.sender_busy;
        CHECK(radio_joules(w, 0, window) ==
              doctest::Approx(expected.sender_energy_j).epsilon(1e-12));
        CHECK(radio_joules(w, 1, window) ==
              doctest::Approx(expected.receiver_energy_j).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE(
    "radio: with random backoff, one pair's delivery time has the link model's distribution") {
  // 400 runs of a 4000-byte message (35 frames, one backoff each) on the radio
  // medium and 400 draws of the link model, each from its own streams: the
  // two samples must look alike (two-sample Kolmogorov-Smirnov at the 1 %
  // level, 1.63 sqrt(2 / 400) = 0.115), and both means must be the mean-
  // backoff time within 5 standard errors (one backoff: sd 733 us).
  const Ieee802154Config link = radio_link(true, false);
  const std::int64_t bytes = 4000;
  const int runs = 400;
  std::vector<double> radio_ms;
  std::vector<double> model_ms;
  Rng model_stream(1, "test.link-model");
  const Ieee802154LinkModel model(link);
  for (int seed = 1; seed <= runs; ++seed) {
    RadioWorld w = pair_world(link, static_cast<std::uint64_t>(seed));
    w.send(0, 1, bytes);
    w.simulator.run();
    REQUIRE(w.delivered.size() == 1);
    radio_ms.push_back(simtime_to_seconds(w.delivered[0].time) * 1e3);
    const LinkCost cost = model.cost(bytes * 8, model_stream, Transmission::kUnicast);
    model_ms.push_back(simtime_to_seconds(cost.delivery) * 1e3);
  }
  std::sort(radio_ms.begin(), radio_ms.end());
  std::sort(model_ms.begin(), model_ms.end());
  const auto share_at_most = [&](const std::vector<double>& sample, double x) {
    const auto count = std::upper_bound(sample.begin(), sample.end(), x) - sample.begin();
    return static_cast<double>(count) / runs;
  };
  double largest_gap = 0.0;
  for (const auto* sample : {&radio_ms, &model_ms}) {
    for (const double x : *sample) {
      largest_gap =
          std::max(largest_gap, std::abs(share_at_most(radio_ms, x) - share_at_most(model_ms, x)));
    }
  }
  CHECK(largest_gap < 0.115);
  const LinkCost mean_backoff =
      Ieee802154LinkModel(radio_link(true, true)).expected_cost(bytes * 8, Transmission::kUnicast);
  const double expected_ms = simtime_to_seconds(mean_backoff.delivery) * 1e3;
  const double standard_error_ms = std::sqrt(35.0) * 0.733 / std::sqrt(static_cast<double>(runs));
  for (const auto* sample : {&radio_ms, &model_ms}) {
    const double mean = std::accumulate(sample->begin(), sample->end(), 0.0) / runs;
    CHECK(std::abs(mean - expected_ms) < 5 * standard_error_ms);
  }
}

TEST_CASE("radio: two radios swapping messages share one channel, half duplex") {
  // 35 frames each way (34 of 116 B and one of 56 B), each answered by an ACK:
  // only one frame can be on air at a time, so the pair needs at least all of
  // it, where point_to_point lets both go at once (one message's time).
  const std::int64_t bytes = 4000;
  const SimTime one_way =
      34 * airtime(116) + airtime(4000 - 34 * 116) + 35 * ieee802154::kAckAirtimeUs * kUs;
  const LinkCost alone =
      Ieee802154LinkModel(radio_link(true, true)).expected_cost(bytes * 8, Transmission::kUnicast);
  int both_delivered = 0;
  for (const std::uint64_t seed : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) {
    RadioWorld w = pair_world(radio_link(true, false), seed);
    w.send(0, 1, bytes);
    w.send(1, 0, bytes);
    w.simulator.run();
    // One side may give up after five busy channel assessments in a row.
    CHECK(w.delivered.size() + w.lost.size() == 2);
    if (w.delivered.size() < 2)
      continue;
    ++both_delivered;
    const SimTime last = std::max(w.delivered[0].time, w.delivered[1].time);
    CHECK(last >= 2 * one_way);
    CHECK(last > alone.delivery);
    CHECK(w.network.totals().frames >= 70);
  }
  CHECK(both_delivered >= 3);
}

TEST_CASE("radio: hidden terminals collide at the receiver and retry, in range they mostly defer") {
  // A - B - C, 10 m apart, range 15 m: A and C cannot hear each other.
  const Ieee802154Config link = radio_link(true, false);
  std::int64_t hidden_collisions = 0;
  std::int64_t visible_collisions = 0;
  for (const std::uint64_t seed : {1, 2, 3, 4}) {
    RadioWorld hidden({{0, 0}, {10, 0}, {20, 0}}, disc(15), link, {{0, 1}, {2, 1}}, seed);
    hidden.send(0, 1, 1000);
    hidden.send(2, 1, 1000);
    hidden.simulator.run();
    const TrafficCounters h = hidden.network.totals();
    hidden_collisions += h.collisions;
    CHECK(h.collisions > 0);
    CHECK(h.retransmissions > 0);
    // Each frame is 4.3 ms on air and a backoff at most 2.2 ms: the two hidden
    // senders' first frames always overlap at B, and so do their retries.
    CHECK(hidden.delivered.size() + hidden.lost.size() == 2);
    // A and C in range of each other (range 25 m): carrier sense works.
    RadioWorld visible({{0, 0}, {10, 0}, {20, 0}}, disc(25), link, {{0, 1}, {2, 1}}, seed);
    visible.send(0, 1, 1000);
    visible.send(2, 1, 1000);
    visible.simulator.run();
    visible_collisions += visible.network.totals().collisions;
  }
  CHECK(visible_collisions < hidden_collisions);
}

TEST_CASE(
    "radio: every radio is in exactly one state at a time and pays listening while it waits") {
  // Node 0 sends to node 1; node 2 is in range of both and overhears; node 3
  // is out of everyone's range.
  const Ieee802154Config link = radio_link(true, false);
  RadioWorld w({{0, 0}, {10, 0}, {20, 0}, {100, 0}}, disc(25), link, {{0, 1}}, 3);
  w.send(0, 1, 2000);
  w.simulator.run();
  REQUIRE(w.delivered.size() == 1);
  const SimTime end = w.simulator.now() + 15 * kNanosecondsPerSecond;  // then 15 s of waiting
  for (NodeId node = 0; node < 4; ++node) {
    CAPTURE(node);
    const auto times = w.medium->state_times(node, end);
    CHECK(std::accumulate(times.begin(), times.end(), SimTime{0}) == end);
    const RadioEnergy e = w.medium->energy(node, end);
    // Never more than the largest current all the time; exactly rx current for
    // the time not spent transmitting (listening and receiving cost the same).
    CHECK(e.total_j() <= link.voltage_v * std::max(link.tx_current_a, link.rx_current_a) *
                                 simtime_to_seconds(end) +
                             1e-12);
    const double tx_s = simtime_to_seconds(times[0]);
    CHECK(e.total_j() ==
          doctest::Approx(link.voltage_v * (link.rx_current_a * (simtime_to_seconds(end) - tx_s) +
                                            link.tx_current_a * tx_s)));
  }
  // 18 data frames (17 of 116 B, one of 28 B), each answered by an ACK.
  const SimTime data = 17 * airtime(116) + airtime(2000 - 17 * 116);
  const SimTime acks = 18 * ieee802154::kAckAirtimeUs * kUs;
  const SimTime turnarounds = 18 * ieee802154::kTurnaroundUs * kUs;
  CHECK(w.medium->state_times(0, end)[0] == data + turnarounds);  // tx
  CHECK(w.medium->state_times(0, end)[1] == acks);                // rx
  CHECK(w.medium->state_times(1, end)[0] == acks + turnarounds);
  CHECK(w.medium->state_times(1, end)[1] == data);
  // The overhearing radio pays for every frame on air at rx current.
  CHECK(w.medium->state_times(2, end)[1] == data + acks);
  // Node 3 only listened, for the whole run and the 15 s after it.
  CHECK(w.medium->energy(3, end).listen_j ==
        doctest::Approx(link.voltage_v * link.rx_current_a * simtime_to_seconds(end)));
  CHECK(w.medium->energy(3, end).rx_j == 0.0);
}

TEST_CASE("radio: a 3-node line routes the message over 2 hops and charges both") {
  // A - B - C, 10 m apart, range 15 m: A reaches C only through B.
  const Ieee802154Config link = radio_link(true, true);
  RadioWorld w({{0, 0}, {10, 0}, {20, 0}}, disc(15), link, {{0, 2}});
  w.send(0, 2, 1000);
  w.simulator.run();
  REQUIRE(w.delivered.size() == 1);
  CHECK(w.delivered[0].from == 0);
  CHECK(w.delivered[0].to == 2);
  const LinkCost hop = Ieee802154LinkModel(link).expected_cost(1000 * 8, Transmission::kUnicast);
  // B has the message when hop 1 ends; it answers the last frame (turnaround
  // 192 + ACK 352), turns back to receive (192), then sends hop 2.
  CHECK(w.delivered[0].time == 2 * hop.delivery + (192 + 352 + 192) * kUs);
  const TrafficCounters totals = w.network.totals();
  CHECK(totals.frames == 2 * hop.frames);
  CHECK(totals.relayed_frames == hop.frames);
  CHECK(w.network.node_counters(1).relayed_frames == hop.frames);
  CHECK(w.network.node_counters(1).relayed_bytes * 8 + 9 * 11 * 8 == hop.wire_bytes * 8);
  CHECK(totals.hops == 2);
  CHECK(totals.messages == 1);
  // Both hops transmit: A and B spend time in tx; C only answers with ACKs.
  const SimTime end = w.simulator.now();
  CHECK(w.medium->state_times(0, end)[0] > 9 * airtime(72));
  CHECK(w.medium->state_times(1, end)[0] > 9 * airtime(72));
}

TEST_CASE("radio: a broadcast is heard and paid by every listening radio in range, once") {
  // A hub and four radios around it in range, one radio far away.
  const Ieee802154Config link = radio_link(true, true);
  const std::vector<Position> star = {{0, 0}, {5, 0}, {0, 5}, {-5, 0}, {0, -5}, {50, 50}};
  const std::vector<std::pair<NodeId, NodeId>> spokes = {{0, 1}, {0, 2}, {0, 3}, {0, 4}};
  const Message message{0, 0, 1000 * 8, 0, 0, nullptr};
  const SimTime one_message = 8 * airtime(116) + airtime(72);

  RadioWorld broadcast(star, disc(8), link, spokes, 1, NetworkOptions{.broadcast = true});
  broadcast.network.multicast(message, {1, 2, 3, 4});
  broadcast.simulator.run();
  REQUIRE(broadcast.delivered.size() == 4);
  const SimTime end = broadcast.simulator.now();
  for (NodeId node = 1; node <= 4; ++node) {
    CHECK(broadcast.medium->state_times(node, end)[1] == one_message);  // rx: every frame once
    CHECK(broadcast.medium->state_times(node, end)[0] == 0);            // tx: no ACKs
  }
  CHECK(broadcast.medium->state_times(5, end)[1] == 0);
  CHECK(broadcast.network.totals().frames == 9);
  CHECK(broadcast.network.totals().messages == 1);

  // The same as four unicasts: every neighbour also overhears (and pays for)
  // the three messages that are not its own.
  RadioWorld unicasts(star, disc(8), link, spokes);
  unicasts.network.multicast(message, {1, 2, 3, 4});
  unicasts.simulator.run();
  REQUIRE(unicasts.delivered.size() == 4);
  for (NodeId node = 1; node <= 4; ++node) {
    CHECK(unicasts.medium->state_times(node, unicasts.simulator.now())[1] >= 4 * one_message);
  }
}
