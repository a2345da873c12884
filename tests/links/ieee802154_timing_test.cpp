// 802.15.4 timing with mean backoff, hand-computed from ieee802154_constants.hpp:
// per frame: backoff 1120 (BE = 3: 3.5 * 320) + CCA 128 + turnaround 192 +
// airtime (MPDU + 6) * 32, then [+ turnaround 192 + ACK 352] + IFS before the next.
#include <doctest/doctest.h>

#include "models/links/ieee802154.hpp"
#include "models/links/registry.hpp"

using commsim::LinkCost;
using commsim::Transmission;

namespace {
std::shared_ptr<const commsim::LinkModel> radio(nlohmann::json block) {
  block["model"] = "ieee802154";
  return commsim::make_link_model(block, "link");
}
LinkCost expected(const commsim::LinkModel& model, std::int64_t bytes,
                  Transmission mode = Transmission::kUnicast) {
  return model.expected_cost(bytes * 8, mode);
}
constexpr std::int64_t kUs = 1000;  // SimTime is in ns
}  // namespace

TEST_CASE("ieee802154: single frames (reference table)") {
  const auto no_ack = radio({{"ack", false}});
  const auto ack = radio({{"ack", true}});
  // 1 B: MPDU 12, airtime 18 * 32 = 576: 1120 + 128 + 192 + 576 = 2016 us.
  CHECK(expected(*no_ack, 1).delivery == 2016 * kUs);
  CHECK(expected(*no_ack, 1).sender_busy == 2016 * kUs);
  CHECK(expected(*no_ack, 1).wire_bytes == 18);
  CHECK(expected(*ack, 1).delivery == 2016 * kUs);
  CHECK(expected(*ack, 1).sender_busy == 2560 * kUs);  // + 192 + 352
  CHECK(expected(*ack, 1).wire_bytes == 18 + 11);
  // 116 B: MPDU 127, airtime 133 * 32 = 4256: 5696 us.
  CHECK(expected(*no_ack, 116).frames == 1);
  CHECK(expected(*no_ack, 116).delivery == 5696 * kUs);
  CHECK(expected(*ack, 116).delivery == 5696 * kUs);
  CHECK(expected(*ack, 116).sender_busy == 6240 * kUs);
  // 0 B still sends a frame: MPDU 11, airtime 17 * 32 = 544: 1984 us.
  CHECK(expected(*no_ack, 0).frames == 1);
  CHECK(expected(*no_ack, 0).delivery == 1984 * kUs);
}

TEST_CASE("ieee802154: full-frame cycle and two frames") {
  const auto no_ack = radio({{"ack", false}});
  const auto ack = radio({{"ack", true}});
  // 117 B: a full frame, LIFS 640 (full cycle 6336 / 6880 us), then a 1-byte frame.
  CHECK(expected(*no_ack, 117).frames == 2);
  CHECK(expected(*no_ack, 117).delivery == (5696 + 640 + 2016) * kUs);
  CHECK(expected(*ack, 117).delivery == (5696 + 544 + 640 + 2016) * kUs);
  CHECK(expected(*ack, 117).sender_busy == (6880 + 2016 + 544) * kUs);
}

TEST_CASE("ieee802154: SIFS after MPDUs of at most 18 bytes, LIFS after longer ones") {
  // 7 B per frame: MPDU 18, airtime 24 * 32 = 768, frame 2208 us, SIFS 192.
  const auto sifs = radio({{"ack", false}, {"payload_bytes_per_frame", 7}});
  CHECK(expected(*sifs, 14).frames == 2);
  CHECK(expected(*sifs, 14).delivery == (2208 + 192 + 2208) * kUs);
  // 8 B per frame: MPDU 19, airtime 800, frame 2240 us, LIFS 640.
  const auto lifs = radio({{"ack", false}, {"payload_bytes_per_frame", 8}});
  CHECK(expected(*lifs, 16).delivery == (2240 + 640 + 2240) * kUs);
}

TEST_CASE("ieee802154: a float32 vector of 7850 entries (31400 B)") {
  // 271 frames: 270 of 116 B (cycle 6336 us without ACK, 6880 with) and one of
  // 80 B (MPDU 91, airtime 97 * 32 = 3104, frame 4544 us).
  const LinkCost no_ack = expected(*radio({{"ack", false}}), 31400);
  CHECK(no_ack.frames == 271);
  CHECK(no_ack.delivery == (270 * 6336 + 4544) * kUs);  // 1.715264 s
  CHECK(no_ack.delivery == 1'715'264'000);
  CHECK(no_ack.sender_busy == no_ack.delivery);
  CHECK(no_ack.wire_bytes == 270 * 133 + 97);  // 36007
  const LinkCost ack = expected(*radio({{"ack", true}}), 31400);
  CHECK(ack.frames == 271);
  CHECK(ack.delivery == (270 * 6880 + 4544) * kUs);  // 1.862144 s
  CHECK(ack.sender_busy == ack.delivery + 544 * kUs);
  CHECK(ack.wire_bytes == 36007 + 271 * 11);
  CHECK(ack.delivered);
}

TEST_CASE("ieee802154: extended addressing carries 104 B per frame") {
  const auto extended = radio({{"ack", false}, {"addressing", "extended"}});
  // 1 B: MPDU 1 + 23 = 24, airtime 30 * 32 = 960: 2400 us.
  CHECK(expected(*extended, 1).delivery == 2400 * kUs);
  CHECK(expected(*extended, 104).frames == 1);
  CHECK(expected(*extended, 104).wire_bytes == 133);
  CHECK(expected(*extended, 105).frames == 2);
  // 31400 B: 301 * 104 = 31304, and a last frame of 96 B.
  CHECK(expected(*extended, 31400).frames == 302);
  CHECK(expected(*extended, 31400).wire_bytes == 301 * 133 + (96 + 23 + 6));
}

TEST_CASE("ieee802154: payload_bytes_per_frame override (the CAT paper's 102)") {
  const auto cat = radio({{"ack", false}, {"payload_bytes_per_frame", 102}});
  CHECK(expected(*cat, 31400).frames == 308);  // ceil(31400 / 102)
  CHECK(expected(*cat, 102).wire_bytes == 102 + 11 + 6);
}

TEST_CASE("ieee802154: application packets are fragmented one by one (512-byte packets)") {
  // 1200 B as packets 512, 512, 176; a 512-byte packet is 4 frames of 116 B and
  // one of 48 B, the 176-byte one 116 + 60: 12 frames where the plain message
  // needs ceil(1200 / 116) = 11. On air: 133 B per full frame, 48 + 17 = 65
  // and 60 + 17 = 77 for the short ones.
  const auto packets = radio({{"ack", false}, {"application_packet_bytes", 512}});
  const LinkCost cost = expected(*packets, 1200);
  CHECK(expected(*radio({{"ack", false}}), 1200).frames == 11);
  CHECK(cost.frames == 12);
  CHECK(cost.wire_bytes == 2 * (4 * 133 + 65) + 133 + 77);
  // Per frame 1120 + 128 + 192 = 1440 us plus airtime, LIFS 640 between frames.
  CHECK(cost.delivery == (12 * 1440 + 1404 * 32 + 11 * 640) * kUs);
  // 2000 B: three full packets (5 frames each) and 464 B = 4 full frames.
  const LinkCost four = expected(*packets, 2000);
  CHECK(four.frames == 19);
  CHECK(four.wire_bytes == 3 * 597 + 4 * 133);
  CHECK(four.delivery == (19 * 1440 + 2323 * 32 + 18 * 640) * kUs);
  // With ACKs every frame adds turnaround + ACK (544 us); the last one after delivery.
  const auto acked = radio({{"ack", true}, {"application_packet_bytes", 512}});
  CHECK(expected(*acked, 1200).delivery == cost.delivery + 11 * 544 * kUs);
  CHECK(expected(*acked, 1200).sender_busy == cost.delivery + 12 * 544 * kUs);
  // A message that fits one packet is sent as before.
  CHECK(expected(*packets, 512).frames == 5);
  CHECK(expected(*packets, 116).frames == 1);
  CHECK(expected(*packets, 0).frames == 1);
}

TEST_CASE("ieee802154: broadcast frames are never acknowledged") {
  const auto ack = radio({{"ack", true}});
  const LinkCost broadcast = expected(*ack, 31400, Transmission::kBroadcast);
  CHECK(broadcast.delivery == 1'715'264'000);
  CHECK(broadcast.sender_busy == broadcast.delivery);
  CHECK(broadcast.wire_bytes == 36007);
}

TEST_CASE("ieee802154: backoff = mean makes cost() equal to expected_cost()") {
  const auto model = radio({{"backoff", "mean"}});
  commsim::Rng rng(11, "test");
  for (const std::int64_t bytes : {0, 1, 116, 117, 5000, 31400}) {
    const LinkCost drawn = model->cost(bytes * 8, rng, Transmission::kUnicast);
    const LinkCost mean = model->expected_cost(bytes * 8, Transmission::kUnicast);
    CHECK(drawn.delivery == mean.delivery);
    CHECK(drawn.sender_busy == mean.sender_busy);
    CHECK(drawn.frames == mean.frames);
    CHECK(drawn.wire_bytes == mean.wire_bytes);
    CHECK(drawn.sender_energy_j == mean.sender_energy_j);
  }
}

TEST_CASE("ieee802154: payload is charged in whole bytes") {
  const auto model = radio({{"ack", false}});
  // 1 bit and 8 bits both need one payload byte.
  CHECK(model->expected_cost(1, Transmission::kUnicast).delivery == 2016 * kUs);
  CHECK(model->expected_cost(929, Transmission::kUnicast).frames == 2);  // 117 B
}

TEST_CASE("ieee802154: every further full frame adds one full-frame cycle (expected cost)") {
  // The expected cost adds the repeated full frames at once; n full frames
  // and a 1-byte tail must still cost n cycles of 6880 us (with ACK) plus the
  // tail's 2016 us, and the counters must count every frame.
  const auto ack = radio({{"ack", true}});
  for (std::int64_t full : {1, 2, 3, 7, 50, 271}) {
    CAPTURE(full);
    const LinkCost cost = expected(*ack, full * 116 + 1);
    CHECK(cost.frames == full + 1);
    CHECK(cost.delivery == (full * 6880 + 2016) * kUs);
    CHECK(cost.sender_busy == (full * 6880 + 2016 + 544) * kUs);
    CHECK(cost.wire_bytes == full * (133 + 11) + 18 + 11);
  }
  // Energy is linear in the frames too: the same difference per added frame.
  const double one =
      expected(*ack, 2 * 116 + 1).sender_energy_j - expected(*ack, 1 * 116 + 1).sender_energy_j;
  const double many =
      expected(*ack, 41 * 116 + 1).sender_energy_j - expected(*ack, 1 * 116 + 1).sender_energy_j;
  CHECK(many == doctest::Approx(40 * one).epsilon(1e-12));
}
