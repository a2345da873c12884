#include <doctest/doctest.h>

#include "tests/support/fixed_link.hpp"

#include <vector>

#include "sim/net/network.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

namespace {

struct Outcome {
  NodeId to;
  std::int64_t round;
  SimTime time;
  bool delivered;
  LossReason reason = LossReason::kChannel;
};

// A network of `nodes` with links 0 -> k for every k, each taking 100 ns.
struct Fixture {
  Simulator simulator;
  Network network;
  std::vector<Outcome> outcomes;

  Fixture(NodeId nodes, const FaultConfig& config, NetworkOptions options = {})
      : network(simulator, nodes, options, 1) {
    for (NodeId to = 1; to < nodes; ++to)
      network.add_link(0, to, std::make_shared<FixedLink>(100));
    network.set_faults(std::make_shared<const FaultSchedule>(config, 1));
    network.on_delivery([this](const Message& m) {
      outcomes.push_back({m.to, m.round, simulator.now(), true});
    });
    network.on_loss([this](const Message& m, LossReason reason) {
      outcomes.push_back({m.to, m.round, simulator.now(), false, reason});
    });
  }
  void send_at(SimTime at, NodeId to, std::int64_t round) {
    simulator.schedule_at(at, [this, to, round] {
      network.send(Message{0, to, 80, round, 0, nullptr});
    });
  }
};

}  // namespace

TEST_CASE("a message sent while its link is down is lost, after up_s it arrives") {
  FaultConfig config;
  config.link_outages = {{0, 1, 1000, 2000}};
  Fixture f(2, config);
  f.send_at(0, 1, 0);     // [0, 100]: before the outage
  f.send_at(950, 1, 1);   // [950, 1050]: the outage starts during the transmission
  f.send_at(1500, 1, 2);  // inside the outage
  f.send_at(2000, 1, 3);  // the link is back
  f.simulator.run();
  REQUIRE(f.outcomes.size() == 4);
  CHECK(f.outcomes[0].delivered);
  CHECK_FALSE(f.outcomes[1].delivered);
  CHECK(f.outcomes[1].reason == LossReason::kLinkDown);
  CHECK(f.outcomes[1].time == 1050);  // known when the transmission would have ended
  CHECK_FALSE(f.outcomes[2].delivered);
  CHECK(f.outcomes[3].delivered);
  CHECK(f.outcomes[3].time == 2100);
  const TrafficCounters& totals = f.network.totals();
  CHECK(totals.messages == 4);
  CHECK(totals.messages_lost == 2);
  CHECK(totals.lost_link_down == 2);
  CHECK(totals.lost_channel == 0);
  CHECK(totals.lost_node_crashed == 0);
  CHECK(totals.payload_bits == 4 * 80);  // a lost message still went on the wire
  CHECK(f.network.link_counters(0, 1).lost_link_down == 2);
  CHECK(f.network.node_counters(0).messages_lost == 2);  // counted at the sender
}

TEST_CASE("messages to a crashed node are lost and counted, after recovery they arrive") {
  FaultConfig config;
  config.node_outages = {{1, 500, 1500}};
  Fixture f(3, config);
  f.send_at(0, 1, 0);
  f.send_at(600, 1, 1);
  f.send_at(600, 2, 1);  // node 2 is up
  f.send_at(1500, 1, 2);
  f.simulator.run();
  REQUIRE(f.outcomes.size() == 4);
  CHECK(f.outcomes[0].delivered);
  CHECK_FALSE(f.outcomes[1].delivered);
  CHECK(f.outcomes[1].reason == LossReason::kNodeCrashed);
  CHECK(f.outcomes[2].delivered);
  CHECK(f.outcomes[3].delivered);
  CHECK(f.network.totals().lost_node_crashed == 1);
  CHECK(f.network.totals().messages_lost == 1);
}

TEST_CASE("a crashed node sends nothing: its send is lost at once, with no bits on the wire") {
  FaultConfig config;
  config.node_outages = {{0, 0, 1000}};
  Fixture f(2, config);
  f.send_at(10, 1, 0);
  f.send_at(1000, 1, 1);
  f.simulator.run();
  REQUIRE(f.outcomes.size() == 2);
  CHECK_FALSE(f.outcomes[0].delivered);
  CHECK(f.outcomes[0].reason == LossReason::kNodeCrashed);
  CHECK(f.outcomes[0].time == 10);
  CHECK(f.outcomes[1].delivered);
  const TrafficCounters& totals = f.network.totals();
  CHECK(totals.messages == 2);
  CHECK(totals.lost_node_crashed == 1);
  CHECK(totals.payload_bits == 80);  // only the message sent after recovery
  CHECK(totals.frames == 2);
  CHECK(totals.sender_energy_j == doctest::Approx(1.0));
  CHECK(f.network.highest_round_sent(0) == 1);
  CHECK(f.network.highest_round_sent(1) == -1);
}

TEST_CASE("a broadcast counts one lost copy per receiver that missed it") {
  FaultConfig config;
  config.node_outages = {{2, 0, kSimTimeMax}};
  config.link_outages = {{0, 3, 0, kSimTimeMax}};
  Fixture f(4, config, {.shared_interface = false, .broadcast = true});
  f.simulator.schedule_at(0, [&] {
    f.network.multicast(Message{0, 0, 80, 0, 0, nullptr}, {1, 2, 3});
  });
  f.simulator.run();
  REQUIRE(f.outcomes.size() == 3);
  CHECK(f.outcomes[0].delivered);
  CHECK(f.outcomes[1].reason == LossReason::kNodeCrashed);
  CHECK(f.outcomes[2].reason == LossReason::kLinkDown);
  CHECK(f.network.totals().messages == 1);
  CHECK(f.network.totals().messages_lost == 2);
}

TEST_CASE("channel losses are counted under their own reason") {
  Simulator simulator;
  Network network(simulator, 2, {}, 1);
  network.add_link(0, 1, std::make_shared<FixedLink>(50, 70, /*delivered=*/false));
  LossReason seen = LossReason::kNodeCrashed;
  network.on_loss([&](const Message&, LossReason reason) { seen = reason; });
  network.send(Message{0, 1, 80, 0, 0, nullptr});
  simulator.run();
  CHECK(seen == LossReason::kChannel);
  CHECK(network.totals().lost_channel == 1);
  CHECK(network.totals().messages_lost == 1);
}

TEST_CASE("random permanent link failures leave no event behind: the run ends") {
  FaultConfig config;
  config.link_failure_rate_per_s = 1e6;  // every link fails within microseconds, for good
  Fixture f(3, config);
  for (int k = 0; k < 10; ++k)
    f.send_at(k * 1'000'000, 1 + k % 2, k);
  f.simulator.run();
  CHECK(f.simulator.events_pending() == 0);
  CHECK(f.outcomes.size() == 10);
  CHECK(f.network.totals().lost_link_down >= 8);
}
