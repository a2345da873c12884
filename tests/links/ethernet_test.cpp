// Ethernet: hand-computed framing and timing from ethernet_constants.hpp.
// Line time of message = (sum_i (preamble + frame_i) + (n - 1) * gap) * 8 / rate.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "models/links/ethernet.hpp"
#include "models/links/registry.hpp"

using commsim::LinkCost;
using commsim::Transmission;

namespace {
std::shared_ptr<const commsim::LinkModel> ethernet(nlohmann::json block) {
  block["model"] = "ethernet";
  return commsim::make_link_model(block, "link");
}
// The ns-3 CsmaNetDevice setting of the reference values: 100 Mb/s, no preamble.
std::shared_ptr<const commsim::LinkModel> ns3_like(
    nlohmann::json block = nlohmann::json::object()) {
  block["bandwidth_bps"] = 1e8;
  block["preamble_bytes"] = 0;
  return ethernet(block);
}
LinkCost bytes_cost(const commsim::LinkModel& model, std::int64_t bytes) {
  return model.expected_cost(bytes * 8, Transmission::kUnicast);
}
}  // namespace

TEST_CASE("ethernet: reference values (ns-3, 100 Mb/s, no preamble)") {
  const auto model = ns3_like();
  // 1 B: 14 + max(46, 1 + 28) + 4 = 64 B frame = 512 bits = 5.12 us.
  const LinkCost one = bytes_cost(*model, 1);
  CHECK(one.frames == 1);
  CHECK(one.wire_bytes == 64);
  CHECK(one.delivery == 5'120);
  CHECK(one.sender_busy == 6'080);  // + the 12-byte gap: (64 + 12) * 8 / 1e8
  // 1472 B: 14 + 1500 + 4 = 1518 B = 121.44 us.
  const LinkCost full = bytes_cost(*model, 1472);
  CHECK(full.frames == 1);
  CHECK(full.wire_bytes == 1518);
  CHECK(full.delivery == 121'440);
  // 1473 B: 1518 + 64 = 1582 B of frames, + one gap: 1594 B = 127.52 us.
  const LinkCost two = bytes_cost(*model, 1473);
  CHECK(two.frames == 2);
  CHECK(two.wire_bytes == 1582);
  CHECK(two.delivery == 127'520);
  // 31400 B: 21 full packets + 488 B (frame 14 + 516 + 4 = 534):
  // 21 * 1518 + 534 = 32412 B of frames, + 21 gaps = 32664 B = 261312 bits
  // = 2613.12 us.
  const LinkCost vector = bytes_cost(*model, 31400);
  CHECK(vector.frames == 22);
  CHECK(vector.wire_bytes == 32412);
  CHECK(vector.delivery == 2'613'120);
}

TEST_CASE("ethernet: empty message still sends one padded frame") {
  const LinkCost empty = bytes_cost(*ns3_like(), 0);
  CHECK(empty.frames == 1);
  CHECK(empty.wire_bytes == 64);
  CHECK(empty.delivery == 5'120);
}

TEST_CASE(
    "ethernet: defaults are 1 GbE with preamble; 54 B per-packet overhead as in the CAT paper") {
  const auto model = ethernet(nlohmann::json::object());
  // 1472 B: preamble 8 + frame 1518 = 1526 = 1472 + 54 B of line time = 12208 ns.
  const LinkCost full = bytes_cost(*model, 1472);
  CHECK(full.delivery == 12'208);
  CHECK(full.sender_busy == 12'304);  // + 12-byte gap = 96 ns
  CHECK(full.wire_bytes == 1518);     // preamble is line time, not frame bytes
}

TEST_CASE("ethernet: TCP framing, MSS = MTU - 40") {
  const auto model = ns3_like({{"transport", "tcp"}});
  CHECK(bytes_cost(*model, 1460).frames == 1);
  CHECK(bytes_cost(*model, 1460).wire_bytes == 1518);
  // 1461 B: 1518 + (14 + 20 + 20 + 1 + 4 = 59, padded to 64).
  CHECK(bytes_cost(*model, 1461).frames == 2);
  CHECK(bytes_cost(*model, 1461).wire_bytes == 1582);
  // 31400 B: 21 * 1460 = 30660, last 740 B: 14 + 780 + 4 = 798; 21 * 1518 + 798.
  const LinkCost vector = bytes_cost(*model, 31400);
  CHECK(vector.frames == 22);
  CHECK(vector.wire_bytes == 32676);
}

TEST_CASE("ethernet: MTU and framing sizes are parameters") {
  // Jumbo frames: 9000 - 28 = 8972 B per packet.
  const auto jumbo = ns3_like({{"mtu_bytes", 9000}});
  CHECK(bytes_cost(*jumbo, 8972).frames == 1);
  CHECK(bytes_cost(*jumbo, 8972).wire_bytes == 9018);
  CHECK(bytes_cost(*jumbo, 31400).frames == 4);
  // A VLAN tag: header 18 B, minimum frame unchanged.
  const auto tagged = ns3_like({{"header_bytes", 18}});
  CHECK(bytes_cost(*tagged, 1472).wire_bytes == 1522);
  CHECK(bytes_cost(*tagged, 1).wire_bytes == 64);
  // Without padding a 1-byte UDP message is 14 + 29 + 4 = 47 B.
  CHECK(bytes_cost(*ns3_like({{"min_frame_bytes", 0}}), 1).wire_bytes == 47);
}

TEST_CASE("ethernet: latency delays delivery, not the sender") {
  const auto model = ns3_like({{"latency_s", 1e-3}});
  const LinkCost one = bytes_cost(*model, 1);
  CHECK(one.delivery == 1'000'000 + 5'120);
  CHECK(one.sender_busy == 6'080);
}

TEST_CASE("ethernet: store-and-forward switches") {
  // 1473 B through 2 switches of 1 us: each adds the longest frame (1518 B,
  // 121.44 us) and its latency: 127.52 + 2 * 122.44 = 372.40 us.
  const auto model = ns3_like({{"switch_hops", 2}, {"switch_latency_s", 1e-6}});
  const LinkCost two = bytes_cost(*model, 1473);
  CHECK(two.delivery == 372'400);
  CHECK(two.sender_busy == bytes_cost(*ns3_like(), 1473).sender_busy);
}

TEST_CASE("ethernet: the switch formula equals a frame-by-frame store-and-forward pipeline") {
  // finish(h, j) = max(finish(h-1, j) + d, finish(h, j-1) + gap) + L_j, in bit
  // times at 1e8 b/s (10 ns per bit), L_j = (preamble + frame_j) * 8.
  const std::int64_t hops = 3;
  const std::int64_t switch_latency_ns = 700;
  const std::vector<std::int64_t> frame_bytes = {1518, 1518, 14 + 28 + 56 + 4};  // 3000 B
  const std::int64_t preamble = 8;
  const std::int64_t gap = 12;
  std::vector<std::int64_t> finish(frame_bytes.size());
  std::int64_t clock = 0;
  for (std::size_t j = 0; j < frame_bytes.size(); ++j) {  // the sender
    clock += (j == 0 ? 0 : gap * 80) + (preamble + frame_bytes[j]) * 80;
    finish[j] = clock;
  }
  for (std::int64_t h = 0; h < hops; ++h) {
    std::int64_t previous = -gap * 80;
    for (std::size_t j = 0; j < frame_bytes.size(); ++j) {
      previous = std::max(finish[j] + switch_latency_ns, previous + gap * 80) +
                 (preamble + frame_bytes[j]) * 80;
      finish[j] = previous;
    }
  }
  const auto model =
      ethernet({{"bandwidth_bps", 1e8}, {"switch_hops", hops}, {"switch_latency_s", 700e-9}});
  const LinkCost cost = bytes_cost(*model, 3000);
  CHECK(cost.frames == 3);
  CHECK(cost.delivery == finish.back());
}

TEST_CASE("ethernet: energy per line bit and per frame, at each interface") {
  // 1473 B at defaults: (8 + 1518) + (8 + 64) = 1598 B = 12784 bits of preamble
  // and frames; 1e-9 J/bit + 1e-6 J per frame * 2 frames.
  const auto model = ethernet({{"energy_per_frame_j", 1e-6}});
  const LinkCost two = bytes_cost(*model, 1473);
  CHECK(two.sender_energy_j == doctest::Approx(12784e-9 + 2e-6).epsilon(1e-12));
  CHECK(two.receiver_energy_j == doctest::Approx(12784e-9 + 2e-6).epsilon(1e-12));
}

TEST_CASE("ethernet: packet loss loses the message, every packet is still sent") {
  const auto always = ns3_like({{"loss_rate", 1.0}});
  commsim::Rng rng(3, "test");
  const LinkCost lost = always->cost(1473 * 8, rng, Transmission::kUnicast);
  CHECK_FALSE(lost.delivered);
  CHECK(lost.frames == 2);
  CHECK(lost.wire_bytes == 1582);
  CHECK(lost.delivery == lost.sender_busy);
  CHECK(always->expected_cost(1473 * 8, Transmission::kUnicast).delivered);

  // With 2 packets at 0.5 a message survives with probability 0.25.
  const auto half = ns3_like({{"loss_rate", 0.5}});
  int delivered = 0;
  const int trials = 4000;
  for (int i = 0; i < trials; ++i) {
    commsim::Rng stream(static_cast<std::uint64_t>(i), "test");
    delivered += half->cost(1473 * 8, stream, Transmission::kUnicast).delivered ? 1 : 0;
  }
  CHECK(static_cast<double>(delivered) / trials == doctest::Approx(0.25).epsilon(0.08));
}

TEST_CASE("ethernet: configuration helpers") {
  commsim::EthernetConfig config;
  CHECK(config.payload_bytes_per_packet() == 1472);
  config.transport = commsim::EthernetTransport::kTcp;
  CHECK(config.payload_bytes_per_packet() == 1460);
}
