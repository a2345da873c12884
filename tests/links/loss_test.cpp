// Loss on every link model: a lost message never arrives, is counted in
// messages_lost (reason: channel), and is drawn from the link's seeded stream.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "models/links/registry.hpp"
#include "sim/net/network.hpp"

using namespace commsim;

namespace {

std::shared_ptr<const LinkModel> model(const nlohmann::json& block) {
  return make_link_model(block, "link");
}

void check_proportion(std::int64_t hits, std::int64_t trials, double p) {
  const double sigma = std::sqrt(p * (1 - p) / static_cast<double>(trials));
  CAPTURE(hits);
  CHECK(std::abs(static_cast<double>(hits) / static_cast<double>(trials) - p) < 3 * sigma);
}

struct NetworkRun {
  std::vector<std::int64_t> delivered_rounds;
  TrafficCounters totals;
};

// `messages` messages of `bytes` bytes over one link of a network seeded with `seed`.
NetworkRun send_many(const std::shared_ptr<const LinkModel>& link, int messages, std::int64_t bytes,
                     std::uint64_t seed) {
  Simulator simulator;
  Network network(simulator, 2, {}, seed);
  network.add_link(0, 1, link);
  NetworkRun run;
  network.on_delivery([&](const Message& m) { run.delivered_rounds.push_back(m.round); });
  for (int k = 0; k < messages; ++k)
    network.send(Message{0, 1, bytes * 8, k, 0, nullptr});
  simulator.run();
  run.totals = network.totals();
  return run;
}

}  // namespace

TEST_CASE("every link model: lost messages never arrive, are counted, and repeat with the seed") {
  const nlohmann::json blocks[] = {
      {{"model", "affine_bit"}, {"loss_rate", 0.1}},
      {{"model", "ethernet"}, {"loss_rate", 0.1}},                           // 100 B: one packet
      {{"model", "ieee802154"}, {"ack", false}, {"frame_error_rate", 0.1}},  // one frame, no retry
  };
  const int messages = 10'000;
  for (const auto& block : blocks) {
    CAPTURE(block.dump());
    const auto link = model(block);
    const NetworkRun run = send_many(link, messages, 100, 42);
    const std::int64_t lost = run.totals.messages_lost;
    CHECK(run.totals.messages == messages);
    CHECK(static_cast<std::int64_t>(run.delivered_rounds.size()) + lost == messages);
    CHECK(run.totals.lost_channel == lost);
    CHECK(run.totals.lost_link_down + run.totals.lost_node_crashed == 0);
    check_proportion(lost, messages, 0.1);
    const NetworkRun again = send_many(link, messages, 100, 42);
    CHECK(again.delivered_rounds == run.delivered_rounds);  // which ones, not just how many
    const NetworkRun other = send_many(link, messages, 100, 43);
    CHECK(other.delivered_rounds != run.delivered_rounds);
  }
}

TEST_CASE("affine_bit: a lost message costs its time and energy, no loss draws nothing") {
  const auto lossy = model({{"model", "affine_bit"}, {"loss_rate", 1.0}, {"latency_s", 1e-3}});
  Rng rng(1, "test");
  const LinkCost lost = lossy->cost(1000, rng, Transmission::kUnicast);
  CHECK_FALSE(lost.delivered);
  CHECK(lost.sender_busy == 1000);  // 1000 bits at 1 Gb/s
  CHECK(lost.delivery == lost.sender_busy);
  CHECK(lost.sender_energy_j == doctest::Approx(1e-6));
  CHECK(lossy->expected_cost(1000, Transmission::kUnicast).delivered);

  const auto lossless = model({{"model", "affine_bit"}});
  Rng used(1, "test");
  Rng fresh(1, "test");
  for (int k = 0; k < 10; ++k)
    lossless->cost(1000, used, Transmission::kUnicast);
  CHECK(used.next_u64() == fresh.next_u64());
}

TEST_CASE("ethernet: a message of n packets is lost with probability 1 - (1 - p)^n") {
  const auto link = model({{"model", "ethernet"}, {"loss_rate", 0.1}});
  const NetworkRun run = send_many(link, 10'000, 3 * 1472, 5);  // exactly 3 packets
  check_proportion(run.totals.messages_lost, 10'000, 1.0 - std::pow(0.9, 3));
  CHECK(run.totals.frames == 3 * 10'000);  // lost messages still sent every packet
}

TEST_CASE("ieee802154: with retries a frame is lost with probability p^(R+1)") {
  const int messages = 10'000;
  for (const int retries : {0, 2}) {
    CAPTURE(retries);
    const auto link = model({{"model", "ieee802154"},
                             {"frame_error_rate", 0.5},
                             {"max_frame_retries", retries},
                             {"backoff", "mean"}});
    const NetworkRun run = send_many(link, messages, 1, 9);
    check_proportion(run.totals.messages_lost, messages, std::pow(0.5, retries + 1));
    // Every attempt is a frame on the air: E[frames] = sum_{k<=R} p^k.
    double expected_frames = 0;
    for (int k = 0; k <= retries; ++k)
      expected_frames += std::pow(0.5, k);
    CHECK(static_cast<double>(run.totals.frames) / messages ==
          doctest::Approx(expected_frames).epsilon(0.03));
  }
}

TEST_CASE("ieee802154: a frame lost after all retries costs every attempt's time and energy") {
  // 1 B, mean backoffs, every frame corrupted, macMaxFrameRetries = 3: four
  // attempts with BE 3, 4, 5, 5 -> backoffs 1120 + 2400 + 4960 + 4960 us, each
  // attempt CCA 128 + turnaround 192 + airtime 18 B * 32 us = 576 + ACK wait 864.
  const auto link = model({{"model", "ieee802154"},
                           {"frame_error_rate", 1.0},
                           {"max_frame_retries", 3},
                           {"backoff", "mean"}});
  Rng rng(1, "test");
  const LinkCost cost = link->cost(8, rng, Transmission::kUnicast);
  const std::int64_t window_us = 13'440 + 4 * (128 + 192 + 576 + 864);
  CHECK(window_us == 20'480);
  CHECK_FALSE(cost.delivered);
  CHECK(cost.sender_busy == microseconds(window_us));
  CHECK(cost.delivery == cost.sender_busy);
  CHECK(cost.frames == 4);
  CHECK(cost.wire_bytes == 4 * 18);  // no ACK ever sent
  // always_on: V * (I_rx * window - (I_rx - I_tx) * t_tx), t_tx = 4 * (192 + 576) us.
  const double window_s = window_us * 1e-6;
  CHECK(cost.sender_energy_j ==
        doctest::Approx(3.0 * (0.0188 * window_s - (0.0188 - 0.0174) * 3072e-6)));
  CHECK(cost.receiver_energy_j == doctest::Approx(3.0 * 0.0188 * window_s));
  // Without retries the same loss costs one attempt.
  const auto once = model({{"model", "ieee802154"},
                           {"frame_error_rate", 1.0},
                           {"max_frame_retries", 0},
                           {"backoff", "mean"}});
  CHECK(once->cost(8, rng, Transmission::kUnicast).sender_busy == microseconds(1120 + 1760));
}
