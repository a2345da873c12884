#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "sim/net/fault_schedule.hpp"

using namespace commsim;

namespace {
constexpr SimTime kSecond = kNanosecondsPerSecond;

// Within 3 standard deviations of a binomial proportion.
void check_proportion(int hits, int trials, double p) {
  const double sigma = std::sqrt(p * (1 - p) / trials);
  CHECK(std::abs(static_cast<double>(hits) / trials - p) < 3 * sigma);
}
}  // namespace

TEST_CASE("a scheduled crash: down from at_s until recover_s, up before and after") {
  FaultConfig config;
  config.node_outages = {{2, 1 * kSecond, 3 * kSecond}, {2, 2 * kSecond, 4 * kSecond}};
  const FaultSchedule faults(config, 1);
  CHECK(faults.node_up(2, kSecond - 1));
  CHECK_FALSE(faults.node_up(2, kSecond));
  CHECK_FALSE(faults.node_up(2, 3 * kSecond));  // the overlapping outages merged
  CHECK(faults.node_up(2, 4 * kSecond));
  CHECK(faults.node_up(1, 2 * kSecond));  // other nodes unaffected
  CHECK(faults.node_up_again(2, 2 * kSecond) == 4 * kSecond);
  CHECK(faults.node_up_again(2, 5 * kSecond) == 5 * kSecond);
  CHECK(faults.node_next_crash(2, 0) == kSecond);
  CHECK(faults.node_next_crash(2, 5 * kSecond) == kSimTimeMax);
  CHECK(faults.node_up_throughout(2, 0, kSecond - 1));
  CHECK_FALSE(faults.node_up_throughout(2, 0, kSecond));  // the end is included
}

TEST_CASE("a permanent crash never recovers, a scheduled link outage is one direction") {
  FaultConfig config;
  config.node_outages = {{0, 5, kSimTimeMax}};
  config.link_outages = {{1, 2, 10, 20}};
  const FaultSchedule faults(config, 1);
  CHECK(faults.node_up_again(0, 7) == kSimTimeMax);
  CHECK_FALSE(faults.link_up(1, 2, 10));
  CHECK(faults.link_up(2, 1, 10));
  CHECK(faults.link_up(1, 2, 20));
  CHECK(faults.link_up_again(1, 2, 15) == 20);
  CHECK(faults.link_up(1, 2, 15) == false);
}

TEST_CASE("random crashes without repair: P(down at t) = 1 - exp(-rate t)") {
  FaultConfig config;
  config.node_crash_rate_per_s = 0.5;
  const FaultSchedule faults(config, 7);
  const int nodes = 10'000;
  int down = 0;
  for (NodeId node = 0; node < nodes; ++node)
    down += faults.node_up(node, 2 * kSecond) ? 0 : 1;
  check_proportion(down, nodes, 1.0 - std::exp(-1.0));
  // Permanent: once down, down for good.
  for (NodeId node = 0; node < 100; ++node) {
    if (!faults.node_up(node, 2 * kSecond))
      CHECK(faults.node_up_again(node, 2 * kSecond) == kSimTimeMax);
  }
}

TEST_CASE("random failures with repair: long-run availability = mean up / (mean up + mean down)") {
  FaultConfig config;
  config.link_failure_rate_per_s = 1.0;  // mean up time 1 s
  config.mean_link_down_s = 0.25;
  config.link_failure_unit = LinkFailureUnit::kDirectedLink;
  const FaultSchedule faults(config, 3);
  const int links = 10'000;
  int up = 0;
  for (NodeId to = 1; to <= links; ++to)
    up += faults.link_up(0, to, 40 * kSecond) ? 1 : 0;
  check_proportion(up, links, 0.8);
}

TEST_CASE("random failures are the same whatever order they are asked in") {
  FaultConfig config;
  config.node_crash_rate_per_s = 2.0;
  config.mean_node_recovery_s = 0.3;
  config.link_failure_rate_per_s = 1.0;
  config.mean_link_down_s = 0.5;
  const FaultSchedule forward(config, 11);
  const FaultSchedule backward(config, 11);
  const FaultSchedule other_seed(config, 12);
  std::vector<bool> a, b;
  for (int k = 0; k < 200; ++k)
    a.push_back(forward.node_up(k % 5, k * kSecond / 10));
  for (int k = 199; k >= 0; --k)
    b.push_back(backward.node_up(k % 5, k * kSecond / 10));
  std::reverse(b.begin(), b.end());
  CHECK(a == b);
  int differences = 0;
  for (int k = 0; k < 200; ++k)
    differences += other_seed.node_up(k % 5, k * kSecond / 10) != a[k];
  CHECK(differences > 0);
}

TEST_CASE("edge failures take both directions down together, directed ones do not") {
  FaultConfig config;
  config.link_failure_rate_per_s = 1.0;
  config.mean_link_down_s = 1.0;
  const FaultSchedule edges(config, 5);
  config.link_failure_unit = LinkFailureUnit::kDirectedLink;
  const FaultSchedule directed(config, 5);
  int edge_mismatches = 0;
  int directed_mismatches = 0;
  for (int k = 0; k < 400; ++k) {
    const SimTime at = k * kSecond / 4;
    edge_mismatches += edges.link_up(3, 4, at) != edges.link_up(4, 3, at);
    directed_mismatches += directed.link_up(3, 4, at) != directed.link_up(4, 3, at);
  }
  CHECK(edge_mismatches == 0);
  CHECK(directed_mismatches > 0);
}

TEST_CASE("renumbered for a medium's own ids, a node keeps its crashes, random and scheduled") {
  FaultConfig config;
  config.node_crash_rate_per_s = 0.5;
  config.mean_node_recovery_s = 1.0;
  config.node_outages.push_back({5, 2 * kSecond, 3 * kSecond});
  config.link_outages.push_back({3, 5, 0, kSimTimeMax});
  const FaultSchedule global(config, 11);
  const FaultSchedule local = global.nodes_renumbered({3, 5, 6});
  int changes = 0;
  for (SimTime t = 0; t < 60 * kSecond; t += kSecond / 10) {
    for (NodeId i = 0; i < 3; ++i) {
      const NodeId node = std::array{3, 5, 6}[static_cast<std::size_t>(i)];
      CHECK(local.node_up(i, t) == global.node_up(node, t));
      changes += local.node_up(i, t) != local.node_up(i, t + kSecond / 10);
    }
  }
  CHECK(changes > 10);                             // the comparison saw crashes
  CHECK_FALSE(local.node_up(1, 2 * kSecond + 1));  // node 5's scheduled outage
  CHECK(local.link_up(0, 1, 0));                   // link faults stay with the network
}
