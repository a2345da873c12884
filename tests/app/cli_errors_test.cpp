// Bad input as a new user would type it: one clear line on stderr, exit 2,
// and no result folder.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

namespace {
struct BadCase {
  const char* label;
  const char* scenario;  // file contents
  const char* expected;  // a part of the message
};

void check_one_line_error(const CliResult& result, const std::string& expected) {
  CHECK(result.exit_code == 2);
  CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  CHECK_MESSAGE(result.err.find(expected) != std::string::npos, result.err);
}

// Runs each (scenario text, expected message part): one line, exit 2, no
// result folder.
template <std::size_t N>
void check_bad_scenarios(const std::filesystem::path& folder,
                         const std::pair<std::string, std::string> (&cases)[N]) {
  for (const auto& bad : cases) {
    const std::string& scenario = bad.first;  // clang 14 cannot capture a structured binding
    const std::string& expected = bad.second;
    CAPTURE(scenario);
    const auto file = folder / "bad.json";
    std::ofstream(file) << scenario;
    const auto out = folder / "out";
    check_one_line_error(run_cli("run '" + file.string() + "' --out '" + out.string() + "'"),
                         expected);
    CHECK_FALSE(std::filesystem::exists(out));
  }
}
}  // namespace

TEST_CASE("bad scenarios exit 2 with the JSON path, the value and what is allowed") {
  const BadCase cases[] = {
      {"invalid JSON", "{\"nodes\": 4,", "invalid JSON"},
      // nlohmann reports this one as out_of_range, not parse_error (found by fuzzing).
      {"number too large for a double", "{\"nodes\": 1e999}",
       "invalid JSON: [json.exception.out_of_range.406]"},
      {"unknown key", "{\"nodes\": 4, \"topolgy\": {}}",
       "topolgy: unknown key (did you mean \"topology\"?)"},
      {"unknown plugin", "{\"topology\": {\"kind\": \"rign\"}}",
       "topology.kind: unknown topology \"rign\" (did you mean \"ring\"?)"},
      {"negative bandwidth", "{\"link\": {\"model\": \"ethernet\", \"bandwidth_bps\": -1}}",
       "link.bandwidth_bps: got -1, expected a number > 0"},
      {"zero nodes", "{\"nodes\": 0}", "nodes: got 0, expected an integer >= 1"},
      {"string for a number", "{\"nodes\": \"many\"}", "nodes: got \"many\""},
      {"impossible topology", "{\"nodes\": 6, \"topology\": {\"kind\": \"one_peer_hypercube\"}}",
       "power of 2"},
      {"target metric the task lacks",
       "{\"stop\": {\"target\": {\"metric\": \"test_accuracy\", \"value\": 0.8}}}",
       "stop.target.metric"},
      {"wrong block type", "{\"stop\": 5}", "stop: got 5, expected an object"},
      {"biased compressor for DCD",
       "{\"task\": {\"kind\": \"least_squares\"}, \"algorithm\": {\"kind\": \"dcd\"}, "
       "\"compressor\": {\"kind\": \"top_k\"}}",
       "compressor.kind: got \"top_k\", a biased compressor; dcd needs an unbiased one"},
      {"time-varying topology for DCD",
       "{\"task\": {\"kind\": \"least_squares\"}, \"algorithm\": {\"kind\": \"dcd\"}, "
       "\"compressor\": {\"kind\": \"qsgd\"}, \"topology\": {\"kind\": "
       "\"one_peer_exponential\"}}",
       "topology.kind: got \"one_peer_exponential\", a time-varying topology; dcd keeps replicas "
       "of its neighbours' models and needs a static one; use choco"},
      {"error feedback for CHOCO on a time-varying topology",
       "{\"task\": {\"kind\": \"least_squares\"}, \"algorithm\": {\"kind\": \"choco\"}, "
       "\"compressor\": {\"kind\": \"top_k\", \"error_feedback\": true}, \"topology\": "
       "{\"kind\": \"base\", \"k\": 1}}",
       "compressor.error_feedback: got true, but choco on a time-varying topology compresses a "
       "different difference for each partner"},
      {"compressor on a method with its own quantizer",
       "{\"task\": {\"kind\": \"least_squares\"}, \"algorithm\": {\"kind\": \"laq\"}, "
       "\"compressor\": {\"kind\": \"top_k\"}}",
       "compressor.kind: got \"top_k\", but algorithm laq quantizes its uploads itself"},
      {"value-dependent compressor on a size-only task",
       "{\"task\": {\"kind\": \"synthetic_model\"}, \"algorithm\": {\"kind\": \"dsgd\"}, "
       "\"compressor\": {\"kind\": \"wangni\"}}",
       "compressor.kind: got \"wangni\", whose message size depends on the values it "
       "compresses"},
      {"CAT's common_T without a synchronous server",
       "{\"task\": {\"kind\": \"least_squares\"}, \"algorithm\": {\"kind\": \"dsgd\"}, "
       "\"compressor\": "
       "{\"kind\": \"cat\", \"common_T\": true}}",
       "compressor.common_T: got true, but algorithm dsgd has no server"},
      {"CAT's common_T on an asynchronous server",
       "{\"task\": {\"kind\": \"least_squares\"}, \"algorithm\": {\"kind\": \"ps_sgd\", \"mode\": "
       "\"async\"}, \"compressor\": {\"kind\": \"cat\", \"common_T\": true}}",
       "compressor.common_T: got true, but algorithm ps_sgd with mode \"async\" has no server"},
      {"compressed downlink without a synchronous server",
       "{\"task\": {\"kind\": \"least_squares\"}, \"algorithm\": {\"kind\": \"dsgd\"}, "
       "\"downlink\": "
       "{\"kind\": \"top_k\"}}",
       "downlink.kind: got \"top_k\", but algorithm dsgd sends no model from a server"},
      {"error feedback on the downlink",
       "{\"task\": {\"kind\": \"least_squares\"}, \"algorithm\": {\"kind\": \"ps_sgd\"}, "
       "\"downlink\": "
       "{\"kind\": \"top_k\", \"error_feedback\": true}}",
       "downlink.error_feedback: got true"},
      {"collective compressor on the downlink",
       "{\"task\": {\"kind\": \"least_squares\"}, \"algorithm\": {\"kind\": \"ps_sgd\"}, "
       "\"downlink\": "
       "{\"kind\": \"powersgd\"}}",
       "downlink.kind: got \"powersgd\", a collective compressor"},
      {"error feedback beta out of range",
       "{\"compressor\": {\"kind\": \"top_k\", \"error_feedback\": true, \"error_feedback_beta\": "
       "0}}",
       "compressor.error_feedback_beta: got 0"},
  };
  const auto folder = fresh_directory("bad-input");
  for (const auto& bad : cases) {
    CAPTURE(bad.label);
    const auto file = folder / "bad.json";
    std::ofstream(file) << bad.scenario;
    const auto out = folder / "out";
    const CliResult result = run_cli("run '" + file.string() + "' --out '" + out.string() + "'");
    check_one_line_error(result, bad.expected);
    CHECK_FALSE(std::filesystem::exists(out));
  }
}

TEST_CASE("bad radio media exit 2 with the JSON path and what is allowed") {
  const auto folder = fresh_directory("bad-radio");
  const auto two_lines = folder / "two_positions.txt";
  std::ofstream(two_lines) << "0 0\n10 0\n";
  const std::string radio_ring =
      "{\"nodes\": 4, \"link\": {\"model\": \"ieee802154\"}, \"network\": {\"medium\": ";
  const std::string file_medium =
      "{\"kind\": \"radio\", \"placement\": \"file\", "
      "\"positions_file\": \"" +
      two_lines.string() + "\"}";
  const std::pair<std::string, std::string> cases[] = {
      {radio_ring + file_medium + "}}", "network.medium.positions_file: \"" + two_lines.string() +
                                            "\" holds 2 positions, but the network has 4 radios"},
      {radio_ring + "{\"kind\": \"radio\", \"range_m\": 0}}}",
       "network.medium.range_m: got 0, expected a number > 0"},
      {radio_ring + "{\"kind\": \"radio\", \"tx_power_dbm\": -100}}}",
       "network.medium.tx_power_dbm: got -100, expected a number >= -40 and <= 30"},
      {"{\"nodes\": 4, \"link\": {\"model\": \"ieee802154\", \"tx_current_a\": -0.01}}",
       "link.tx_current_a: got -0.01, expected a number >= 0"},
      {"{\"nodes\": 4, \"link\": {\"model\": \"ethernet\"}, \"network\": {\"medium\": "
       "{\"kind\": \"radio\"}}}",
       "network.medium.kind: got \"radio\", which needs link.model \"ieee802154\""},
      {radio_ring + "{\"kind\": \"radio\", \"spacing_m\": 100}}}",
       "network.medium: node 1 is a logical neighbour of node 0 but cannot be reached from it"},
      {radio_ring + "{\"kind\": \"radio\", \"placement\": \"list\", \"positions_m\": "
                    "[[0, 0], [1, \"a\"], [2, 2], [3, 3]]}}}",
       "network.medium.positions_m[1]: got [1,\"a\"], expected [x, y] with two finite numbers"},
  };
  check_bad_scenarios(folder, cases);
}

TEST_CASE("bad fabrics exit 2 with the JSON path and what is allowed") {
  const auto folder = fresh_directory("bad-fabric");
  const auto island = folder / "island.txt";  // h3 has no cable
  std::ofstream(island) << "h0 s 1e10 1e-6\nh1 s 1e10 1e-6\nh2 s 1e10 1e-6\n";
  const auto zero = folder / "zero.txt";
  std::ofstream(zero) << "h0 s 1e10 1e-6\nh1 s 0 1e-6\n";
  const std::string ring4 =
      "{\"nodes\": 4, \"link\": {\"model\": \"ethernet\"}, \"network\": {\"medium\": ";
  const std::pair<std::string, std::string> cases[] = {
      {ring4 + "{\"kind\": \"fabric\", \"fabric\": \"file\", \"edges_file\": \"" + island.string() +
           "\"}}}",
       "network.medium: host h3 (node 3) cannot be reached from host h0 over the physical network"},
      {ring4 + "{\"kind\": \"fabric\", \"fabric\": \"file\", \"edges_file\": \"" + zero.string() +
           "\"}}}",
       "line 2: bandwidth_bps \"0\", expected a number > 0"},
      {ring4 + "{\"kind\": \"fabric\", \"fabric\": \"fat_tree\", \"k\": 2}}}",
       "network.medium.k: got 2: a 2-ary fat tree has 2 hosts, but the network has 4"},
      {ring4 + "{\"kind\": \"fabric\", \"host_bandwidth_bps\": 0}}}",
       "network.medium.host_bandwidth_bps: got 0, expected a number > 0"},
      {"{\"nodes\": 4, \"link\": {\"model\": \"ieee802154\"}, \"network\": {\"medium\": "
       "{\"kind\": \"fabric\"}}}",
       "network.medium.kind: got \"fabric\", which needs a wired link model"},
  };
  check_bad_scenarios(folder, cases);
}

TEST_CASE("bad link_overrides and compute lists exit 2 with the JSON path") {
  const std::string ring4 = "{\"nodes\": 4, \"link\": {\"model\": \"ethernet\"}, ";
  const std::pair<std::string, std::string> cases[] = {
      {ring4 + "\"link_overrides\": [{\"nodes\": [1, 9], \"bandwidth_bps\": 1e8}]}",
       "link_overrides[0].nodes[1]: got 9, expected a node 0 .. 3"},
      {ring4 + "\"link_overrides\": [{\"edges\": [[0, 2]]}]}",
       "link_overrides[0].edges[0]: [0, 2] is not a link of the network"},
      {ring4 + "\"link_overrides\": [{\"nodes\": [1], \"bandwidth_bps\": 0}]}",
       "link_overrides[0].bandwidth_bps: got 0, expected a number > 0"},
      {ring4 + "\"link_overrides\": [{\"nodes\": [1], \"model\": \"ieee802154\"}], "
               "\"network\": {\"medium\": {\"kind\": \"fabric\"}}}",
       "link_overrides: give node 1 the link model \"ieee802154\", but a fabric host needs a "
       "wired one"},
      {ring4 + "\"link_overrides\": [{\"edges\": [[0, 1]]}], "
               "\"network\": {\"medium\": {\"kind\": \"fabric\"}}}",
       "link_overrides: names edges, but on the fabric messages cross physical links"},
      {"{\"nodes\": 4, \"link\": {\"model\": \"ieee802154\"}, \"link_overrides\": "
       "[{\"nodes\": [1], \"ack\": false}], \"network\": {\"medium\": {\"kind\": "
       "\"radio\"}}}",
       "link_overrides: cannot be used with the radio medium"},
      {ring4 + "\"compute\": {\"node_flops_per_s\": [1e9, 1e9, 1e9]}}",
       "compute.node_flops_per_s: holds 3 rates, expected one per node (4, or 5"},
      {ring4 + "\"compute\": {\"node_flops_per_s\": [1e9, -1, 1e9, 1e9]}}",
       "compute.node_flops_per_s[1]: got -1, expected a number > 0"},
      {ring4 + "\"compute\": {\"straggler_nodes\": [4]}}",
       "compute.straggler_nodes[0]: got 4, but the nodes are 0 .. 3"},
  };
  const auto folder = fresh_directory("bad-overrides");
  check_bad_scenarios(folder, cases);
}

TEST_CASE("a missing scenario file, a bad --set and unknown commands exit 2") {
  check_one_line_error(run_cli("run no/such/file.json"), "cannot open the scenario file");
  check_one_line_error(run_cli("run scenarios/quickstart.json --set nodes=-3 --out /nonexistent/x"),
                       "nodes: got -3");
  check_one_line_error(run_cli("runn scenarios/quickstart.json"), "did you mean \"run\"?");
  check_one_line_error(run_cli("link --model ethernet"), "bytes");
  check_one_line_error(run_cli("link --model zigbee --bytes 10"), "unknown link model \"zigbee\"");
  check_one_line_error(run_cli("topology --kind hyper_hypercube --nodes 7 --set k=2"), "7");
  check_one_line_error(run_cli("list colours"), "unknown family \"colours\"");
}

TEST_CASE("every shipped scenario and every run of every shipped sweep is valid") {
  const auto folder = fresh_directory("shipped-sweeps");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           std::string(COMMSIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".json")
      continue;
    CAPTURE(entry.path().string());
    if (nlohmann::json::parse(read_text(entry.path())).contains("base")) {
      // A sweep: --dry-run resolves every run.
      const CliResult result = run_cli("sweep '" + entry.path().string() + "' --dry-run --out '" +
                                       (folder / entry.path().stem()).string() + "'");
      CHECK_MESSAGE(result.exit_code == 0, result.err);
      continue;
    }
    const CliResult result = run_cli("validate '" + entry.path().string() + "'");
    CHECK_MESSAGE(result.exit_code == 0, result.err);
  }
}
