// affine_bit: time = latency + (overhead + P) / bandwidth,
// energy = per_message + per_bit * (overhead + P), split by sender_energy_share.
#include <doctest/doctest.h>

#include "models/links/registry.hpp"

using commsim::LinkCost;
using commsim::Transmission;

namespace {
std::shared_ptr<const commsim::LinkModel> affine(nlohmann::json block) {
  block["model"] = "affine_bit";
  return commsim::make_link_model(block, "link");
}
}  // namespace

TEST_CASE("affine_bit: time and energy formulas") {
  // 64 overhead bits + 936 payload bits = 1000 bits at 1 Mb/s = 1 ms; +1 ms latency.
  // Energy 1 mJ + 1 uJ/bit * 1000 bits = 2 mJ, a quarter at the sender.
  const auto model = affine({{"latency_s", 1e-3},
                             {"bandwidth_bps", 1e6},
                             {"overhead_bits", 64},
                             {"energy_per_bit_j", 1e-6},
                             {"energy_per_message_j", 1e-3},
                             {"sender_energy_share", 0.25}});
  commsim::Rng rng(1, "test");
  const LinkCost cost = model->cost(936, rng, Transmission::kUnicast);
  CHECK(model->name() == "affine_bit");
  CHECK(cost.delivery == 2'000'000);
  CHECK(cost.sender_busy == 1'000'000);  // latency delays only the receiver
  CHECK(cost.frames == 1);
  CHECK(cost.wire_bytes == 125);
  CHECK(cost.delivered);
  CHECK(cost.sender_energy_j == doctest::Approx(0.5e-3).epsilon(1e-12));
  CHECK(cost.receiver_energy_j == doctest::Approx(1.5e-3).epsilon(1e-12));
}

TEST_CASE("affine_bit: bits are charged exactly, defaults put all energy at the sender") {
  const auto model = affine(nlohmann::json::object());
  commsim::Rng rng(1, "test");
  // 1 bit at the default 1e9 b/s: 1 ns; 1e-9 J; a byte on the wire (rounded up).
  const LinkCost one_bit = model->cost(1, rng, Transmission::kUnicast);
  CHECK(one_bit.delivery == 1);
  CHECK(one_bit.wire_bytes == 1);
  CHECK(one_bit.sender_energy_j == doctest::Approx(1e-9));
  CHECK(one_bit.receiver_energy_j == 0.0);
  // 8e6 bits: 8 ms, 8 mJ.
  const LinkCost big = model->expected_cost(8'000'000, Transmission::kBroadcast);
  CHECK(big.delivery == 8'000'000);
  CHECK(big.sender_energy_j == doctest::Approx(8e-3));
}

TEST_CASE("affine_bit: cost equals expected_cost (nothing random)") {
  const auto model = affine({{"latency_s", 2e-6}, {"overhead_bits", 100}});
  commsim::Rng rng(7, "test");
  const LinkCost drawn = model->cost(12345, rng, Transmission::kUnicast);
  const LinkCost expected = model->expected_cost(12345, Transmission::kUnicast);
  CHECK(drawn.delivery == expected.delivery);
  CHECK(drawn.sender_busy == expected.sender_busy);
  CHECK(drawn.wire_bytes == expected.wire_bytes);
  // (100 + 12345) bits at 1 Gb/s = 12445 ns, + 2000 ns latency.
  CHECK(drawn.delivery == 14445);
}
