// record.trace below the message level: an 802.15.4 radio's backoffs,
// retries and collisions, a packet fabric's queue counters and drops, and
// the algorithms' timeouts, checked against the MAC's timing, the counters
// in summary.json and timeout_s by hand. Tracing changes nothing else.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "trace_events.hpp"

using namespace commsim::testing;

namespace {

struct TracedRun {
  std::string trace_text;
  nlohmann::json trace;
  nlohmann::json summary;
  std::string series;
};

TracedRun run_traced(const std::string& name, nlohmann::json scenario, bool trace = true) {
  scenario["record"]["trace"] = trace;
  const auto folder = fresh_directory("trace-media-" + name);
  std::ofstream(folder / "s.json") << scenario.dump();
  const CliResult result = run_cli("run '" + (folder / "s.json").string() + "' --quiet --out '" +
                                   (folder / "out").string() + "'");
  REQUIRE(result.exit_code == 0);
  TracedRun run;
  run.summary = nlohmann::json::parse(read_text(folder / "out" / "summary.json"));
  run.series = read_text(folder / "out" / "series.csv");
  if (trace) {
    run.trace_text = read_text(folder / "out" / "trace.json");
    // Well-formed JSON (parse throws otherwise) in the Chrome trace shape.
    run.trace = nlohmann::json::parse(run.trace_text);
    REQUIRE(run.trace["traceEvents"].is_array());
    CHECK_FALSE(run.trace.contains("otherData"));  // not truncated
  } else {
    CHECK_FALSE(std::filesystem::exists(folder / "out" / "trace.json"));
  }
  return run;
}

double ts(const nlohmann::json& event) {
  return event["ts"].get<double>();
}
double end_of(const nlohmann::json& event) {
  return event["ts"].get<double>() + event["dur"].get<double>();
}

// Two radios 10 m apart, each the other's only neighbour: DSGD on least
// squares with 6 features sends 7 floats = 28 bytes, one frame of
// 28 + 11 (MAC header and FCS) + 6 (PHY header) = 45 bytes, 1440 us on air.
nlohmann::json two_radios(double frame_error_rate) {
  return {
      {"name", "radio-two"},
      {"nodes", 2},
      {"seed", 3},
      {"topology", {{"kind", "complete"}}},
      {"link", {{"model", "ieee802154"}, {"ack", true}, {"frame_error_rate", frame_error_rate}}},
      {"network", {{"medium", {{"kind", "radio"}, {"placement", "line"}, {"spacing_m", 10}}}}},
      {"task", {{"kind", "least_squares"}, {"features", 6}, {"samples", 200}}},
      {"algorithm", {{"kind", "dsgd"}}},
      {"record", {{"trace_rounds", 100}}},
      {"stop", {{"rounds", 8}}}};
}

constexpr double kUnitBackoffUs = 320.0;
constexpr double kCcaUs = 128.0;
constexpr double kTurnaroundUs = 192.0;
constexpr double kFrameAirtimeUs = 45 * 32.0;
constexpr double kAckWaitUs = 864.0;

// The radio trace against the MAC's timing and the counters in summary.json.
void check_radio_trace(const TracedRun& run) {
  const auto& traffic = run.summary["end_traffic"];
  const auto backoffs = named(run.trace, "backoff");
  const auto sends = named(run.trace, "send round");
  REQUIRE_FALSE(sends.empty());
  REQUIRE_FALSE(backoffs.empty());
  std::int64_t completed = 0;
  for (const auto& backoff : backoffs) {
    CHECK(backoff["ph"] == "X");
    const auto& args = backoff["args"];
    REQUIRE(args.contains("round"));
    CHECK(args["to"] == 1 - backoff["tid"].get<int>());
    if (args.contains("interrupted"))
      continue;  // cut short to answer with an ACK
    ++completed;
    // A random number of unit backoff periods in [0, 2^BE - 1].
    const double periods = backoff["dur"].get<double>() / kUnitBackoffUs;
    CHECK(periods == doctest::Approx(std::round(periods)));
    CHECK(periods <= std::pow(2.0, args["BE"].get<int>()) - 1.0);
    CHECK(args["BE"].get<int>() >= 3);  // macMinBE by default
    // Every backoff of a message lies before the end of its transmission.
    bool inside = false;
    for (const auto& send : sends) {
      if (send["tid"] == backoff["tid"] && send["args"]["round"] == args["round"])
        inside = end_of(backoff) <= end_of(send);
    }
    CHECK_MESSAGE(inside, "backoff at " << ts(backoff) << " us after its transmission");
  }
  // A message's first frame goes on air after its last backoff before it,
  // the CCA that found the channel idle and the RX-to-TX turnaround.
  for (const auto& send : sends) {
    double last_end = -1.0;
    for (const auto& backoff : backoffs) {
      if (backoff["tid"] == send["tid"] && end_of(backoff) <= ts(send) + 1e-6)
        last_end = std::max(last_end, end_of(backoff));
    }
    CHECK(last_end + kCcaUs + kTurnaroundUs == doctest::Approx(ts(send)));
  }
  // Every completed backoff ends in a CCA: idle, and a data frame goes on
  // air, or busy (nobody crashes, so nothing is given up before the air).
  const auto busy = named(run.trace, "CCA busy");
  CHECK(completed ==
        traffic["frames"].get<std::int64_t>() + static_cast<std::int64_t>(busy.size()));
  CHECK(named(run.trace, "channel access failure").size() ==
        traffic["cca_failures"].get<std::size_t>());
  // A retry is a frame sent again (no access failures here), and a collision
  // is one the MAC counted.
  const auto retries = named(run.trace, "retry");
  CHECK(retries.size() == traffic["retransmissions"].get<std::size_t>());
  std::size_t collisions = named(run.trace, "collision").size();
  CHECK(collisions == traffic["collisions"].get<std::size_t>());
}

}  // namespace

TEST_CASE(
    "radio trace: backoffs precede each frame by CCA + turnaround; retries only after collisions") {
  const auto run = run_traced("radio-clean", two_radios(0.0));
  check_radio_trace(run);
  // Without frame errors a frame or its ACK is lost only to a collision (two
  // radios whose CCAs overlap both find the channel idle).
  CHECK(named(run.trace, "retry").size() <= named(run.trace, "collision").size());
  CHECK(named(run.trace, "frame given up").empty());
  // 8 rounds, one message per node and round, one frame each.
  CHECK(named(run.trace, "send round").size() == 16);
}

TEST_CASE("radio trace: a frame error rate forces retries, numbered, 864 us after the frame") {
  const auto run = run_traced("radio-lossy", two_radios(0.4));
  check_radio_trace(run);
  const auto retries = named(run.trace, "retry");
  // Frame errors, not collisions, are what most retries are for now.
  REQUIRE(retries.size() > named(run.trace, "collision").size());
  const auto backoffs = named(run.trace, "backoff");
  std::map<std::pair<int, std::int64_t>, int> last_attempt;  // (node, round) -> attempt
  int after_ack_wait = 0;
  for (const auto& retry : retries) {
    const auto& args = retry["args"];
    CHECK(args["cause"] == "no_ack");
    const int attempt = args["attempt"].get<int>();
    const std::pair<int, std::int64_t> key{retry["tid"].get<int>(),
                                           args["round"].get<std::int64_t>()};
    // Attempts count up from 2 (the first retry) for each message's one frame.
    const int previous = last_attempt.count(key) != 0 ? last_attempt[key] : 1;
    CHECK(attempt == previous + 1);
    last_attempt[key] = attempt;
    CHECK(attempt <= 1 + 7);  // max_frame_retries
    // The frame went on air after the node's last backoff, CCA and turnaround.
    double last_end = -1.0;
    for (const auto& backoff : backoffs) {
      // (A backoff that starts at the retry itself, its CCA yet to come, is not it.)
      if (backoff["tid"] == retry["tid"] && end_of(backoff) + kCcaUs <= ts(retry))
        last_end = std::max(last_end, end_of(backoff));
    }
    const double frame_end = last_end + kCcaUs + kTurnaroundUs + kFrameAirtimeUs;
    CHECK(ts(retry) >= frame_end - 1e-6);
    if (std::abs(ts(retry) - (frame_end + kAckWaitUs)) < 1e-6)
      ++after_ack_wait;  // the ACK wait ran out (else a frame came in while waiting)
  }
  CHECK(after_ack_wait > 0);
}

TEST_CASE(
    "radio trace: the same run twice gives the same bytes, and tracing changes nothing else") {
  const auto first = run_traced("radio-det-1", two_radios(0.4));
  const auto second = run_traced("radio-det-2", two_radios(0.4));
  CHECK(first.trace_text == second.trace_text);
  const auto untraced = run_traced("radio-det-off", two_radios(0.4), false);
  CHECK(untraced.series == first.series);
  CHECK(untraced.summary["end_traffic"] == first.summary["end_traffic"]);
  CHECK(untraced.summary["events"] == first.summary["events"]);
  CHECK(untraced.summary["end_time_s"] == first.summary["end_time_s"]);
}

namespace {

// Four hosts on one switch, every one sending a 40 kB model to the other
// three each round: the packets queue at the hosts' NICs and at the switch.
nlohmann::json packet_fabric(std::int64_t buffer_bytes) {
  return {
      {"name", "fabric"},
      {"nodes", 4},
      {"topology", {{"kind", "complete"}}},
      {"link", {{"model", "ethernet"}, {"bandwidth_bps", 1e9}}},
      {"network",
       {{"medium", {{"kind", "fabric"}, {"sharing", "packet"}, {"buffer_bytes", buffer_bytes}}}}},
      {"task", {{"kind", "consensus"}, {"dim", 10000}}},
      {"algorithm", {{"kind", "gossip"}, {"timeout_s", 0.01}}},
      {"record", {{"trace_rounds", 100}}},
      {"stop", {{"rounds", 3}}}};
}

// Every queue counter, by port, in trace order.
std::map<std::string, std::vector<nlohmann::json>> queue_counters(const nlohmann::json& trace) {
  std::map<std::string, std::vector<nlohmann::json>> by_port;
  for (const auto& event : named(trace, "queue ")) {
    CHECK(event["ph"] == "C");
    by_port[event["name"].get<std::string>()].push_back(event);
  }
  return by_port;
}

bool switch_port(const std::string& counter) {
  return counter.rfind("queue h", 0) != 0;  // "queue FROM->TO"; hosts are h0, h1, ...
}

}  // namespace

TEST_CASE("fabric trace: queue counters never go negative, change, and drain to 0") {
  const auto run = run_traced("fabric-queues", packet_fabric(1'000'000));
  CHECK(run.summary["end_traffic"]["packets_dropped"] == 0);
  CHECK(named(run.trace, "packet dropped").empty());
  const auto by_port = queue_counters(run.trace);
  REQUIRE_FALSE(by_port.empty());
  std::int64_t deepest_switch_queue = 0;
  for (const auto& [port, samples] : by_port) {
    const std::string& name = port;
    double previous_ts = -1.0;
    std::int64_t previous = 0;
    for (const auto& sample : samples) {
      const auto packets = sample["args"]["packets"].get<std::int64_t>();
      const auto bytes = sample["args"]["bytes"].get<std::int64_t>();
      CHECK_MESSAGE(packets >= 0, name);
      CHECK_MESSAGE((packets == 0) == (bytes == 0), name);
      CHECK_MESSAGE(packets != previous, name);  // a sample is a change
      CHECK(ts(sample) >= previous_ts);
      previous_ts = ts(sample);
      previous = packets;
      if (switch_port(name))
        deepest_switch_queue = std::max(deepest_switch_queue, packets);
    }
    CHECK_MESSAGE(samples.back()["args"]["packets"] == 0, name);
    CHECK_MESSAGE(samples.back()["args"]["bytes"] == 0, name);
  }
  // Three senders into one 1 Gbit/s port: the switch's ports queue too.
  CHECK(deepest_switch_queue > 1);
}

TEST_CASE("fabric trace: a small switch buffer drops packets, each an instant on its sender") {
  const std::int64_t buffer = 6000;
  const auto run = run_traced("fabric-drops", packet_fabric(buffer));
  const auto drops = named(run.trace, "packet dropped");
  REQUIRE_FALSE(drops.empty());
  CHECK(drops.size() == run.summary["end_traffic"]["packets_dropped"].get<std::size_t>());
  for (const auto& drop : drops) {
    CHECK(drop["ph"] == "i");
    const auto port = drop["args"]["port"].get<std::string>();
    CHECK(switch_port("queue " + port));  // hosts never drop
    CHECK(drop["args"]["to"] != drop["tid"]);
  }
  for (const auto& [port, samples] : queue_counters(run.trace)) {
    const std::string& name = port;
    for (const auto& sample : samples) {
      CHECK(sample["args"]["packets"].get<std::int64_t>() >= 0);
      if (switch_port(name))
        CHECK(sample["args"]["bytes"].get<std::int64_t>() <= buffer);
    }
  }
}

TEST_CASE("fabric trace: the flow fabric has no queues to count") {
  auto scenario = packet_fabric(1'000'000);
  scenario["network"]["medium"].erase("sharing");
  scenario["network"]["medium"].erase("buffer_bytes");
  const auto run = run_traced("fabric-flow", scenario);
  CHECK(named(run.trace, "queue ").empty());
  CHECK_FALSE(named(run.trace, "send round").empty());
}

namespace {

// Every timeout instant of `node` sits timeout_s after that node's
// transmission of the same round (the wait began as it sent), reports
// `missing_each` missing messages, and they add up to summary.json's counts.
void check_timeouts(const TracedRun& run, int node, double timeout_s, std::int64_t missing_each) {
  const auto timeouts = named(run.trace, "timeout");
  REQUIRE_FALSE(timeouts.empty());
  const auto sends = named(run.trace, "send round");
  std::int64_t missing = 0;
  for (const auto& timeout : timeouts) {
    CHECK(timeout["ph"] == "i");
    CHECK(timeout["tid"] == node);
    const auto round = timeout["args"]["round"].get<std::int64_t>();
    CHECK(timeout["args"]["missing_messages"] == missing_each);
    missing += timeout["args"]["missing_messages"].get<std::int64_t>();
    bool found = false;
    for (const auto& send : sends) {
      if (send["tid"] == node && send["args"]["round"] == round &&
          std::abs(ts(send) + timeout_s * 1e6 - ts(timeout)) < 1e-3)
        found = true;
    }
    CHECK_MESSAGE(found, "timeout of round " << round << " at " << ts(timeout)
                                             << " us: no send of that round timeout_s before");
  }
  const auto& counted = run.summary["missing_messages"];
  CHECK(timeouts.size() == counted["rounds_timed_out"].get<std::size_t>());
  CHECK(missing == counted["messages_missing"].get<std::int64_t>());
}

}  // namespace

TEST_CASE("timeout trace: DSGD's node 0 times out timeout_s after each send to crashed node 1") {
  // Node 1 is down from the start: node 0 waits 50 ms after every send, then
  // mixes without it. 5 rounds, so 5 timeouts, one message missing each.
  const nlohmann::json scenario = {
      {"name", "timeout-dsgd"},
      {"nodes", 2},
      {"topology", {{"kind", "complete"}}},
      {"link", {{"model", "affine_bit"}, {"bandwidth_bps", 1e6}, {"latency_s", 1e-3}}},
      {"task", {{"kind", "least_squares"}, {"features", 6}, {"samples", 200}}},
      {"algorithm", {{"kind", "dsgd"}, {"timeout_s", 0.05}}},
      {"faults", {{"crashes", {{{"node", 1}, {"at_s", 0}}}}}},
      {"record", {{"trace_rounds", 100}}},
      {"stop", {{"rounds", 5}}}};
  const auto run = run_traced("timeout-dsgd", scenario);
  check_timeouts(run, 0, 0.05, 1);
  CHECK(named(run.trace, "timeout").size() == 5);
  // Round 0: the gradient, then the send at once; the timeout 50 ms later.
  double first_gradient_end = -1.0;
  for (const auto& step : named(run.trace, "compute")) {
    if (step["tid"] == 0 && first_gradient_end < 0.0)
      first_gradient_end = end_of(step);
  }
  REQUIRE(first_gradient_end > 0.0);
  const auto first = named(run.trace, "timeout").front();
  CHECK(first["args"]["round"] == 0);
  CHECK(ts(first) == doctest::Approx(first_gradient_end + 50'000.0));
}

TEST_CASE("timeout trace: the ps_sgd server times out on a crashed worker") {
  // Two workers and the server (node 2); worker 1 is down from the start.
  const nlohmann::json scenario = {
      {"name", "timeout-ps"},
      {"nodes", 2},
      {"topology", {{"kind", "complete"}}},
      {"link", {{"model", "affine_bit"}, {"bandwidth_bps", 1e6}, {"latency_s", 1e-3}}},
      {"task", {{"kind", "least_squares"}, {"features", 6}, {"samples", 200}}},
      {"algorithm", {{"kind", "ps_sgd"}, {"timeout_s", 0.02}}},
      {"faults", {{"crashes", {{{"node", 1}, {"at_s", 0}}}}}},
      {"record", {{"trace_rounds", 100}}},
      {"stop", {{"rounds", 4}}}};
  const auto run = run_traced("timeout-ps", scenario);
  check_timeouts(run, 2, 0.02, 1);
  // The server sends every round's model at once and never hears from
  // worker 1, so round k closes by its timeout at (k + 1) * 20 ms.
  const auto timeouts = named(run.trace, "timeout");
  REQUIRE(timeouts.size() == 4);
  for (std::size_t k = 0; k < timeouts.size(); ++k) {
    CHECK(timeouts[k]["args"]["round"] == k);
    CHECK(ts(timeouts[k]) == doctest::Approx(20'000.0 * static_cast<double>(k + 1)));
  }
}
