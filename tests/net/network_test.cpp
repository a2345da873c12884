#include <doctest/doctest.h>

#include "tests/support/fixed_link.hpp"

#include <vector>

#include "sim/net/network.hpp"

using namespace commsim;
using commsim::testing::FixedLink;

namespace {

struct Arrival {
  NodeId from, to;
  std::int64_t round;
  SimTime time;
};
}  // namespace

TEST_CASE("messages on one link queue behind each other, other links run in parallel") {
  Simulator simulator;
  Network network(simulator, 3, {}, 1);
  auto link = std::make_shared<FixedLink>(100, 80);
  network.add_link(0, 1, link);
  network.add_link(0, 2, link);
  std::vector<Arrival> arrivals;
  network.on_delivery([&](const Message& m) {
    arrivals.push_back({m.from, m.to, m.round, simulator.now()});
  });
  for (std::int64_t round = 0; round < 2; ++round) {
    network.send(Message{0, 1, 800, round, 0, nullptr});
  }
  network.send(Message{0, 2, 800, 7, 0, nullptr});
  simulator.run();
  REQUIRE(arrivals.size() == 3);
  // 0->1 first message at 100; the second starts when the link is free (80) and arrives at 180.
  CHECK(arrivals[0].to == 1);
  CHECK(arrivals[0].time == 100);
  CHECK(arrivals[1].to == 2);  // parallel link, also at 100, scheduled later
  CHECK(arrivals[1].time == 100);
  CHECK(arrivals[2].round == 1);
  CHECK(arrivals[2].time == 180);
}

TEST_CASE("counters add up per link, per node and in total") {
  Simulator simulator;
  Network network(simulator, 3, {}, 1);
  auto link = std::make_shared<FixedLink>(10, 10);
  network.add_link(0, 1, link);
  network.add_link(2, 1, link);
  network.send(Message{0, 1, 80, 0, 0, nullptr});    // 10 bytes
  network.send(Message{2, 1, 8000, 0, 0, nullptr});  // 1000 bytes
  simulator.run();
  const auto& totals = network.totals();
  CHECK(totals.messages == 2);
  CHECK(totals.payload_bits == 8080);
  CHECK(totals.wire_bits == (20 + 1010) * 8);
  CHECK(totals.frames == 4);
  CHECK(totals.energy_j() == doctest::Approx(3.0));
  CHECK(network.link_counters(2, 1).payload_bits == 8000);
  CHECK(network.node_counters(0).sender_energy_j == doctest::Approx(1.0));
  CHECK(network.node_counters(1).receiver_energy_j == doctest::Approx(1.0));
  CHECK(network.node_counters(1).messages == 0);  // node 1 sent nothing
}

TEST_CASE("a broadcast medium sends one transmission heard by every receiver") {
  Simulator simulator;
  Network network(simulator, 4, {.shared_interface = false, .broadcast = true}, 1);
  auto link = std::make_shared<FixedLink>(50, 60);
  for (NodeId to = 1; to < 4; ++to)
    network.add_link(0, to, link);
  std::vector<Arrival> arrivals;
  network.on_delivery([&](const Message& m) {
    arrivals.push_back({m.from, m.to, m.round, simulator.now()});
  });
  network.multicast(Message{0, 0, 80, 0, 0, nullptr}, {1, 2, 3});
  network.multicast(Message{0, 0, 80, 1, 0, nullptr}, {1, 2, 3});
  simulator.run();
  REQUIRE(arrivals.size() == 6);
  for (int i = 0; i < 3; ++i)
    CHECK(arrivals[i].time == 50);
  for (int i = 3; i < 6; ++i)
    CHECK(arrivals[i].time == 110);  // the radio was busy until 60
  CHECK(network.totals().messages == 2);
  CHECK(network.totals().sender_energy_j == doctest::Approx(2.0));
  CHECK(network.totals().receiver_energy_j == doctest::Approx(2 * 3 * 0.5));
}

TEST_CASE("without a broadcast medium a multicast is one unicast per receiver") {
  Simulator simulator;
  Network network(simulator, 3, {}, 1);
  auto link = std::make_shared<FixedLink>(50, 60);
  network.add_link(0, 1, link);
  network.add_link(0, 2, link);
  network.multicast(Message{0, 0, 80, 0, 0, nullptr}, {1, 2});
  simulator.run();
  CHECK(network.totals().messages == 2);
  CHECK(network.totals().payload_bits == 160);
}

TEST_CASE("a lost message reaches the loss handler, not the receiver, and is counted") {
  Simulator simulator;
  Network network(simulator, 2, {}, 1);
  network.add_link(0, 1, std::make_shared<FixedLink>(50, 70, /*delivered=*/false));
  int delivered = 0;
  SimTime lost_at = -1;
  network.on_delivery([&](const Message&) { ++delivered; });
  network.on_loss([&](const Message&) { lost_at = simulator.now(); });
  network.send(Message{0, 1, 80, 0, 0, nullptr});
  simulator.run();
  CHECK(delivered == 0);
  CHECK(lost_at == 70);  // known once the sender gives up
  CHECK(network.totals().messages_lost == 1);
}

TEST_CASE("sending over a missing link is a programming error") {
  Simulator simulator;
  Network network(simulator, 2, {}, 1);
  CHECK_THROWS_AS(network.send(Message{0, 1, 8, 0, 0, nullptr}), std::logic_error);
  network.add_link(0, 1, std::make_shared<FixedLink>(1, 1));
  CHECK_THROWS_AS(network.add_link(0, 1, std::make_shared<FixedLink>(1, 1)), std::logic_error);
}

TEST_CASE("a shared radio sends one message at a time, even to different neighbours") {
  Simulator simulator;
  Network network(simulator, 3, {.shared_interface = true, .broadcast = false}, 1);
  auto link = std::make_shared<FixedLink>(50, 60);
  network.add_link(0, 1, link);
  network.add_link(0, 2, link);
  std::vector<Arrival> arrivals;
  network.on_delivery([&](const Message& m) {
    arrivals.push_back({m.from, m.to, m.round, simulator.now()});
  });
  network.multicast(Message{0, 0, 80, 0, 0, nullptr}, {1, 2});
  simulator.run();
  REQUIRE(arrivals.size() == 2);
  CHECK(arrivals[0].time == 50);
  CHECK(arrivals[1].time == 110);  // waited for the radio (busy until 60)
  CHECK(network.totals().messages == 2);
}
