// The physical pieces of the radio medium on their own: path loss, who hears
// whom, routes, bit errors, and how overlapping frames are judged.
#include <doctest/doctest.h>

#include <cmath>

#include "models/links/ieee802154_frames.hpp"
#include "models/media/radio/oqpsk_errors.hpp"
#include "models/media/radio/radio_routes.hpp"
#include "tests/media/radio_world.hpp"

using namespace commsim;
using namespace commsim::testing;

namespace {
RadioMediumConfig log_distance(Reception reception) {
  RadioMediumConfig c;
  c.propagation = Propagation::kLogDistance;
  c.reception = reception;
  c.sensitivity_dbm = -95.0;
  return c;
}
}  // namespace

TEST_CASE("log-distance path loss is ns-3's default model: 46.6777 dB at 1 m, exponent 3") {
  const RadioMediumConfig c = log_distance(Reception::kCapture);
  CHECK(RadioGeometry::received_dbm({0, 0}, {10, 0}, c, 1, 0, 1) == doctest::Approx(-76.6777));
  CHECK(RadioGeometry::received_dbm({0, 0}, {100, 0}, c, 1, 0, 1) == doctest::Approx(-106.6777));
  // Closer than the reference distance: no less loss than at 1 m.
  CHECK(RadioGeometry::received_dbm({0, 0}, {0.5, 0}, c, 1, 0, 1) == doctest::Approx(-46.6777));
  // Shadowing: fixed per pair and the same both ways.
  RadioMediumConfig shadowed = c;
  shadowed.shadowing_sigma_db = 6.0;
  const double ab = RadioGeometry::received_dbm({0, 0}, {10, 0}, shadowed, 7, 0, 1);
  CHECK(ab == RadioGeometry::received_dbm({10, 0}, {0, 0}, shadowed, 7, 1, 0));
  CHECK(ab != doctest::Approx(-76.6777));
}

TEST_CASE("radios above sensitivity are in range, weaker ones only interfere") {
  // Sensitivity -95 dBm: 46.6777 + 30 log10(d) = 95 gives d = 40.7 m.
  const RadioMediumConfig c = log_distance(Reception::kCapture);
  const RadioGeometry g({{0, 0}, {40, 0}, {41, 0}, {500, 0}}, c, 1);
  CHECK(g.in_range(0, 1));
  CHECK_FALSE(g.in_range(0, 2));
  // Node 2 is still heard (above noise - 20 dB), node 3 (500 m) is not.
  CHECK(g.hearers(0).size() == 2);
  CHECK(g.hearers(0)[1].node == 2);
  CHECK(g.hearers(0)[1].power_w == doctest::Approx(dbm_to_watts(-46.6777 - 30 * std::log10(41.0))));
}

TEST_CASE("routes take the fewest hops, ties towards the lowest node id") {
  // A 3 x 3 grid, 10 m apart, range 10 m: only horizontal and vertical neighbours.
  RadioMediumConfig c = disc(10);
  c.columns = 3;
  const RadioGeometry g(place_radios(c, 9, 1), c, 1);
  RadioRoutes routes(g);
  CHECK(routes.hops(0, 8) == 4);
  CHECK(routes.hops(0, 1) == 1);
  // From 0 to 4: via 1 or 3, both 2 hops: the lower id wins.
  CHECK(routes.next_hop(0, 4) == 1);
  CHECK(routes.next_hop(1, 4) == 4);
  const RadioGeometry split({{0, 0}, {100, 0}}, c, 1);
  RadioRoutes none(split);
  CHECK(none.hops(0, 1) == RadioRoutes::kUnreachable);
}

TEST_CASE("O-QPSK bit errors follow 802.15.4 Annex E") {
  // Values from the formula evaluated independently (Python, math.comb).
  CHECK(oqpsk_bit_error_rate(0.0) == doctest::Approx(0.5));
  CHECK(oqpsk_bit_error_rate(std::pow(10.0, -0.5)) == doctest::Approx(0.0751715640896209));
  CHECK(oqpsk_bit_error_rate(1.0) == doctest::Approx(0.00016152668792294804));
  CHECK(oqpsk_bit_error_rate(std::pow(10.0, 0.3)) == doctest::Approx(8.597191274693308e-09));
  // A full frame (133 bytes on air) at 0 dB survives with probability 0.842.
  CHECK(std::exp(oqpsk_log_success(1.0, 1064)) == doctest::Approx(0.8420816669735262));
  // The interpolated table agrees with the formula between its entries.
  for (double db = -30.0; db < 7.4; db += 0.37) {
    const double sinr = std::pow(10.0, db / 10.0);
    const double exact = std::log1p(-oqpsk_bit_error_rate(sinr));
    CHECK(oqpsk_log_success(sinr, 1.0) == doctest::Approx(exact).epsilon(1e-5));
  }
  // Above 7.4 dB a whole frame survives with probability 1 in double precision.
  CHECK(std::exp(1064 * std::log1p(-oqpsk_bit_error_rate(std::pow(10.0, 0.74)))) == 1.0);
  CHECK(oqpsk_log_success(std::pow(10.0, 0.75), 1064) == 0.0);
}

TEST_CASE(
    "capture: equal frames that overlap are both lost; a far interferer does not break a near "
    "frame") {
  // Receiver 1 at 0; sender 0 at 10 m; sender 2 at 10 m on the other side
  // (equal power), or at 40 m (18 dB weaker than the wanted one).
  const Ieee802154Config link = radio_link(false, true);  // no ACKs, same mean backoff
  {
    RadioWorld w({{-10, 0}, {0, 0}, {10, 0}}, log_distance(Reception::kCapture), link,
                 {{0, 1}, {2, 1}});
    w.send(0, 1, 100);
    w.send(2, 1, 100);
    w.simulator.run();
    CHECK(w.delivered.empty());  // both start together: SINR 0 dB < 5 dB for both
    CHECK(w.network.totals().collisions == 2);
  }
  {
    // The far sender cannot hear the near one (hidden) but is 18 dB weaker at the receiver.
    RadioMediumConfig c = log_distance(Reception::kCapture);
    c.cca_threshold_dbm = -80.0;
    RadioWorld w({{-10, 0}, {0, 0}, {40, 0}}, c, link, {{0, 1}, {2, 1}});
    w.send(0, 1, 100);
    w.send(2, 1, 100);
    w.simulator.run();
    REQUIRE(w.delivered.size() == 1);
    CHECK(w.delivered[0].from == 0);
  }
}

TEST_CASE("ber: a frame that overlaps an equal one survives with the O-QPSK probability") {
  // Two senders 10 m from the receiver start together (mean backoff, no ACK):
  // the receiver locks onto the first, which meets 0 dB SINR over its whole
  // airtime; over many seeds the share that survives is about 0.84.
  const Ieee802154Config link = radio_link(false, true);
  RadioMediumConfig c = log_distance(Reception::kBer);
  int survived = 0;
  const int runs = 400;
  for (int seed = 1; seed <= runs; ++seed) {
    RadioWorld w({{-10, 0}, {0, 0}, {10, 0}}, c, link, {{0, 1}, {2, 1}}, seed);
    w.send(0, 1, 116);
    w.send(2, 1, 116);
    w.simulator.run();
    CHECK(w.delivered.size() <= 1);  // the second frame never gets the receiver
    survived += static_cast<int>(w.delivered.size());
  }
  // Binomial(400, 0.842): mean 337, standard deviation 7.3; +-5 sigma.
  CHECK(survived > 300);
  CHECK(survived < 374);
}

TEST_CASE("the radio cuts messages into the link model's frames") {
  for (const bool extended : {false, true}) {
    for (const std::int64_t packet : {0, 100, 512}) {
      for (const std::int64_t bytes : {0, 1, 104, 116, 117, 232, 511, 512, 513, 4000, 31400}) {
        CAPTURE(bytes);
        Ieee802154Config c = radio_link(true, true);
        c.addressing = extended ? Ieee802154Addressing::kExtended : Ieee802154Addressing::kShort;
        c.application_packet_bytes = packet;
        const ieee802154::FrameLayout layout(c, bytes);
        const LinkCost cost =
            Ieee802154LinkModel(c).expected_cost(bytes * 8, Transmission::kUnicast);
        CHECK(layout.frames() == cost.frames);
        std::int64_t sum = 0;
        for (std::int64_t i = 0; i < layout.frames(); ++i) {
          CHECK(layout.frame_payload(i) <= c.frame_payload_bytes());
          sum += layout.frame_payload(i);
        }
        CHECK(sum == bytes);
      }
    }
  }
}
