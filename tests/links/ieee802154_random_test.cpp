// 802.15.4 random parts: CSMA backoff draws, frame errors, retries, busy
// channels. Bounds and means computed by hand from ieee802154_constants.hpp.
#include <doctest/doctest.h>

#include "models/links/registry.hpp"

using commsim::LinkCost;
using commsim::Rng;
using commsim::Transmission;

namespace {
std::shared_ptr<const commsim::LinkModel> radio(nlohmann::json block) {
  block["model"] = "ieee802154";
  return commsim::make_link_model(block, "link");
}
LinkCost drawn(const commsim::LinkModel& model, std::int64_t bytes, std::uint64_t seed,
               Transmission mode = Transmission::kUnicast) {
  Rng rng(seed, "ieee802154 test");
  return model.cost(bytes * 8, rng, mode);
}
constexpr std::int64_t kUs = 1000;
}  // namespace

TEST_CASE("ieee802154: random backoff stays within bounds and averages to the mean") {
  const auto model = radio({{"ack", false}});  // backoff = random is the default
  // 1 B: backoff u * 320 us, u in 0..7: delivery in [896, 3136] us, on a 320 us grid.
  double sum_us = 0.0;
  const int trials = 4000;
  for (int seed = 0; seed < trials; ++seed) {
    const std::int64_t delivery = drawn(*model, 1, static_cast<std::uint64_t>(seed)).delivery;
    CHECK(delivery >= 896 * kUs);
    CHECK(delivery <= 3136 * kUs);
    CHECK((delivery - 896 * kUs) % (320 * kUs) == 0);
    sum_us += static_cast<double>(delivery) / kUs;
  }
  // Standard deviation 320 * sqrt(63 / 12) = 733 us; standard error 11.6 us.
  CHECK(sum_us / trials == doctest::Approx(2016).epsilon(0.02));
}

TEST_CASE("ieee802154: random backoff of a 271-frame message") {
  const auto model = radio({{"ack", false}});
  // Every frame's backoff lies in [0, 2240] us around the 1120 us mean:
  // [1715264 - 271 * 1120, 1715264 + 271 * 1120] = [1411744, 2018784] us.
  double sum_us = 0.0;
  const int trials = 200;
  for (int seed = 0; seed < trials; ++seed) {
    const LinkCost cost = drawn(*model, 31400, static_cast<std::uint64_t>(seed));
    CHECK(cost.frames == 271);
    CHECK(cost.delivery >= 1'411'744 * kUs);
    CHECK(cost.delivery <= 2'018'784 * kUs);
    sum_us += static_cast<double>(cost.delivery) / kUs;
  }
  // Standard deviation 733 * sqrt(271) = 12067 us per message, 853 us for the mean.
  CHECK(sum_us / trials == doctest::Approx(1'715'264).epsilon(0.003));
}

TEST_CASE("ieee802154: the same seed gives the same cost") {
  const auto model = radio({{"ack", true}, {"frame_error_rate", 0.3}, {"busy_probability", 0.2}});
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const LinkCost a = drawn(*model, 3000, seed);
    const LinkCost b = drawn(*model, 3000, seed);
    CHECK(a.delivery == b.delivery);
    CHECK(a.sender_busy == b.sender_busy);
    CHECK(a.frames == b.frames);
    CHECK(a.wire_bytes == b.wire_bytes);
    CHECK(a.delivered == b.delivered);
    CHECK(a.sender_energy_j == b.sender_energy_j);
  }
}

TEST_CASE("ieee802154: without ACK a frame error loses the message, the sender goes on") {
  const auto model = radio({{"ack", false}, {"frame_error_rate", 1.0}, {"backoff", "mean"}});
  const LinkCost lost = drawn(*model, 31400, 1);
  CHECK_FALSE(lost.delivered);
  CHECK(lost.frames == 271);  // no ACK: the sender cannot know, sends every frame
  CHECK(lost.sender_busy == 1'715'264 * kUs);
  CHECK(lost.delivery == lost.sender_busy);
  // expected_cost has no losses.
  CHECK(model->expected_cost(31400 * 8, Transmission::kUnicast).delivered);
}

TEST_CASE(
    "ieee802154: with ACK a frame is retried macMaxFrameRetries times, then the message is lost") {
  const auto model = radio({{"ack", true}, {"frame_error_rate", 1.0}, {"backoff", "mean"}});
  // 1 B, 4 attempts with BE = 3, 4, 5, 5 (mean backoffs 1120, 2400, 4960, 4960 us),
  // each + CCA 128 + turnaround 192 + airtime 576 + macAckWaitDuration 864:
  // 13440 + 4 * 1760 = 20480 us.
  const LinkCost lost = drawn(*model, 1, 1);
  CHECK_FALSE(lost.delivered);
  CHECK(lost.frames == 4);
  CHECK(lost.wire_bytes == 4 * 18);
  CHECK(lost.sender_busy == 20'480 * kUs);
  // The sender learns of the loss and drops the rest of the message.
  const LinkCost long_lost = drawn(*model, 31400, 1);
  CHECK(long_lost.frames == 4);
  // max_frame_retries = 0: a single attempt.
  const LinkCost once =
      drawn(*radio({{"ack", true}, {"frame_error_rate", 1.0}, {"max_frame_retries", 0}}), 1, 1);
  CHECK(once.frames == 1);
}

TEST_CASE("ieee802154: frame errors with ACK: frames, bytes and losses are consistent") {
  // fer = 0.5, 3 retries: a frame is lost with probability 0.5^4 = 1/16 and
  // needs 1 + 0.5 + 0.25 + 0.125 = 1.875 transmissions on average.
  const auto model = radio({{"ack", true}, {"frame_error_rate", 0.5}});
  int lost = 0;
  std::int64_t frames = 0;
  const int trials = 4000;
  for (int seed = 0; seed < trials; ++seed) {
    const LinkCost cost = drawn(*model, 1, static_cast<std::uint64_t>(seed));
    frames += cost.frames;
    CHECK(cost.frames >= 1);
    CHECK(cost.frames <= 4);
    if (cost.delivered) {
      CHECK(cost.wire_bytes == cost.frames * 18 + 11);  // one ACK
      CHECK(cost.sender_busy == cost.delivery + 544 * kUs);
    } else {
      ++lost;
      CHECK(cost.frames == 4);
      CHECK(cost.wire_bytes == 4 * 18);
    }
  }
  CHECK(static_cast<double>(lost) / trials == doctest::Approx(1.0 / 16).epsilon(0.25));
  CHECK(static_cast<double>(frames) / trials == doctest::Approx(1.875).epsilon(0.03));
}

TEST_CASE("ieee802154: a multi-frame message is lost if any frame is") {
  // 3 frames, each lost with 1/16: the message survives with (15/16)^3 = 0.824.
  const auto model = radio({{"ack", true}, {"frame_error_rate", 0.5}});
  int delivered = 0;
  const int trials = 4000;
  for (int seed = 0; seed < trials; ++seed) {
    delivered += drawn(*model, 300, static_cast<std::uint64_t>(seed)).delivered ? 1 : 0;
  }
  CHECK(static_cast<double>(delivered) / trials == doctest::Approx(0.824).epsilon(0.03));
}

TEST_CASE("ieee802154: broadcast frames are not retried") {
  const auto model = radio({{"ack", true}, {"frame_error_rate", 1.0}, {"backoff", "mean"}});
  const LinkCost cost = drawn(*model, 1, 1, Transmission::kBroadcast);
  CHECK_FALSE(cost.delivered);
  CHECK(cost.frames == 1);
  CHECK(cost.sender_busy == 2016 * kUs);
  CHECK(cost.wire_bytes == 18);
}

TEST_CASE("ieee802154: a busy channel leads to channel access failure") {
  // busy_probability = 1: every CCA fails. One CSMA-CA run makes
  // macMaxCSMABackoffs + 1 = 5 backoffs with BE = 3, 4, 5, 5, 5
  // (1120 + 2400 + 3 * 4960 = 18400 us) and 5 CCAs (640 us): 19040 us.
  const auto no_ack = radio({{"ack", false}, {"busy_probability", 1.0}, {"backoff", "mean"}});
  const LinkCost failed = drawn(*no_ack, 300, 1);
  CHECK_FALSE(failed.delivered);
  CHECK(failed.frames == 0);  // nothing was sent; the sender knows and drops the message
  CHECK(failed.wire_bytes == 0);
  CHECK(failed.sender_busy == 19'040 * kUs);
  // Both radios listen throughout (always_on).
  CHECK(failed.sender_energy_j == doctest::Approx(3 * 0.0188 * 0.01904).epsilon(1e-12));
  // With ACK each failure is a failed attempt: the runs start at BE = 3, 4, 5, 5:
  // 19040 + (2400 + 4 * 4960 + 640 = 22880) + 2 * (5 * 4960 + 640 = 25440) = 92800 us.
  const auto ack = radio({{"ack", true}, {"busy_probability", 1.0}, {"backoff", "mean"}});
  CHECK(drawn(*ack, 1, 1).sender_busy == 92'800 * kUs);
  CHECK(drawn(*ack, 1, 1).frames == 0);
}

TEST_CASE("ieee802154: a busy channel delays but need not lose") {
  const auto model = radio({{"ack", false}, {"busy_probability", 0.3}, {"backoff", "mean"}});
  int delivered = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const LinkCost cost = drawn(*model, 1, seed);
    if (cost.delivered) {
      ++delivered;
      CHECK(cost.delivery >= 2016 * kUs);  // at least one backoff and CCA
    }
  }
  // Failure needs 5 busy CCAs in a row: 0.3^5 = 0.00243.
  CHECK(delivered >= 195);
}
