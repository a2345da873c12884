// The quickstart end to end through the real executable.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>
#include <vector>

#include "cli_runner.hpp"

using namespace commsim::testing;

TEST_CASE("the quickstart reaches exact consensus after 4 rounds, deterministically") {
  const auto folder = fresh_directory("quickstart");
  const CliResult first =
      run_cli("run scenarios/quickstart.json --quiet --out '" + (folder / "a").string() + "'");
  REQUIRE(first.exit_code == 0);
  const CliResult second =
      run_cli("run scenarios/quickstart.json --quiet --out '" + (folder / "b").string() + "'");
  REQUIRE(second.exit_code == 0);
  CHECK(read_text(folder / "a" / "series.csv") == read_text(folder / "b" / "series.csv"));
  CHECK(read_text(folder / "a" / "summary.json") == read_text(folder / "b" / "summary.json"));

  const auto rows = read_csv(folder / "a" / "series.csv");
  REQUIRE(rows.size() == 8);  // header + rounds 0..6
  const std::vector<std::string> header = rows[0];
  CHECK(header == std::vector<std::string>{"run",
                                           "round",
                                           "sim_time_s",
                                           "payload_bits",
                                           "wire_bits",
                                           "frames",
                                           "messages",
                                           "messages_lost",
                                           "comm_energy_j",
                                           "compute_energy_j",
                                           "train_loss",
                                           "test_accuracy",
                                           "consensus_error",
                                           "test_loss",
                                           "compression_level",
                                           "collisions",
                                           "cca_failures",
                                           "retransmissions",
                                           "relayed_frames",
                                           "relayed_bytes",
                                           "hops",
                                           "packets_dropped",
                                           "queueing_s",
                                           "radio_tx_j",
                                           "radio_rx_j",
                                           "radio_listen_j",
                                           "radio_idle_j",
                                           "radio_sleep_j",
                                           "bottleneck_link",
                                           "bottleneck_utilisation"});
  const double initial = std::stod(rows[1][12]);
  CHECK(initial > 100.0);
  CHECK(std::stod(rows[4][12]) > 1.0);              // after 3 rounds: not yet
  CHECK(std::stod(rows[5][12]) < 1e-12 * initial);  // after 4 rounds: exact to float rounding
  // 16 messages of 1000 float32 per round; over 802.15.4, 4000 B are 35 frames.
  CHECK(rows[5][3] == std::to_string(4 * 16 * 1000 * 32));
  CHECK(rows[5][5] == std::to_string(4 * 16 * 35));
  CHECK(rows[5][10].empty());  // no train loss for consensus
  CHECK(std::stod(rows[5][2]) > 0.0);

  const auto summary = nlohmann::json::parse(read_text(folder / "a" / "summary.json"));
  CHECK(summary["complete"] == true);
  CHECK(summary["stop_reason"] == "rounds");
  const auto resolved = nlohmann::json::parse(read_text(folder / "a" / "scenario.resolved.json"));
  CHECK(resolved["link"]["ack"] == true);
  CHECK(resolved["link"]["backoff"] == "random");  // defaults are filled in
  CHECK(resolved.contains("commsim_version"));
}

TEST_CASE("--set overrides a dotted path, and a target stops the run") {
  const auto folder = fresh_directory("override");
  const CliResult result = run_cli(
      "run scenarios/quickstart.json --quiet --set nodes=8 --set link.model=affine_bit "
      "--set link.ack=null --set stop.target.metric=consensus_error --set stop.target.value=1e-9 "
      "--out '" +
      folder.string() + "'");
  // link.ack=null is not a parameter of affine_bit: the error names it.
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("link.ack") != std::string::npos);

  const CliResult ok = run_cli(
      "run scenarios/quickstart.json --quiet --set nodes=8 "
      "--set 'link={\"model\":\"affine_bit\",\"bandwidth_bps\":1e6,\"latency_s\":0.001}' "
      "--set stop.target.metric=consensus_error --set stop.target.value=1e-9 --out '" +
      folder.string() + "'");
  REQUIRE(ok.exit_code == 0);
  const auto summary = nlohmann::json::parse(read_text(folder / "summary.json"));
  CHECK(summary["stop_reason"] == "target");
  CHECK(summary["target_reached"] == true);
  CHECK(summary["rounds_to_target"] == 3);  // 8 = 2^3 nodes: exact after 3 rounds
  // Each round: one message of 1000 float32 per node over 1 Mb/s plus 1 ms latency, then
  // mixing two vectors (2 x 2 x 1000 FLOPs at the default 1e9 FLOP/s).
  CHECK(summary["time_to_target_s"].get<double>() ==
        doctest::Approx(3 * (0.001 + 32000 / 1e6 + 4000 / 1e9)).epsilon(1e-9));
  CHECK(summary["bits_to_target"] == 3 * 8 * 32000);
}

TEST_CASE("the link command answers the reference message") {
  const CliResult result =
      run_cli("link --model ieee802154 --bytes 31400 --set backoff=mean --set ack=false --json");
  REQUIRE(result.exit_code == 0);
  const auto answer = nlohmann::json::parse(result.out);
  CHECK(answer["frames"] == 271);
  CHECK(answer["delivery_s"].get<double>() == doctest::Approx(1.715264).epsilon(1e-12));
  CHECK(answer["delivered"] == true);
}

TEST_CASE("docs/scenario-reference.md is the registry's current description") {
  const CliResult result = run_cli("list --markdown");
  REQUIRE(result.exit_code == 0);
  CHECK_MESSAGE(
      result.out == read_text(std::string(COMMSIM_SOURCE_DIR) + "/docs/scenario-reference.md"),
      "stale: regenerate with `build/app/commsim list --markdown > docs/scenario-reference.md`");
}

TEST_CASE("record.per_node writes nodes.csv whose rows add up to series.csv") {
  const auto folder = fresh_directory("per-node");
  REQUIRE(run_cli("run scenarios/quickstart.json --quiet --set record.per_node=true --out '" +
                  folder.string() + "'")
              .exit_code == 0);
  const auto nodes = read_csv(folder / "nodes.csv");
  const auto series = read_csv(folder / "series.csv");
  REQUIRE(nodes.size() == 1 + 7 * 16);  // rounds 0..6, 16 nodes
  for (std::size_t r = 1; r < series.size(); ++r) {
    long long bits = 0;
    double distance = 0;
    for (std::size_t i = 1; i < nodes.size(); ++i) {
      if (nodes[i][1] != series[r][1])
        continue;
      bits += std::stoll(nodes[i][4]);
      distance += std::stod(nodes[i][11]);
    }
    CHECK(std::to_string(bits) == series[r][3]);
    CHECK(distance / 16 == doctest::Approx(std::stod(series[r][12])).epsilon(1e-9));
  }
}

TEST_CASE("commsim list --json describes every family with each parameter's type and range") {
  const CliResult result = run_cli("list --json");
  REQUIRE(result.exit_code == 0);
  const auto catalog = nlohmann::json::parse(result.out);
  std::vector<std::string> families;
  for (const auto& family : catalog["families"])
    families.push_back(family["family"]);
  CHECK(families == std::vector<std::string>{"links", "media", "topologies", "compressors", "tasks",
                                             "algorithms"});
  const auto& algorithms = catalog["families"][5];
  CHECK(algorithms["block"] == "algorithm");
  CHECK(algorithms["selector"] == "kind");
  const auto choco = std::find_if(algorithms["plugins"].begin(), algorithms["plugins"].end(),
                                  [](const nlohmann::json& p) { return p["name"] == "choco"; });
  REQUIRE(choco != algorithms["plugins"].end());
  const auto& params = (*choco)["params"];
  const auto gamma = std::find_if(params.begin(), params.end(),
                                  [](const nlohmann::json& p) { return p["name"] == "gamma"; });
  REQUIRE(gamma != params.end());
  CHECK((*gamma)["type"] == "real");
  CHECK((*gamma)["default"] == 0.5);
  CHECK((*gamma)["minimum"] == 0.0);
  CHECK((*gamma)["minimum_exclusive"] == true);
  CHECK((*gamma)["maximum"] == 1.0);
  const auto order = std::find_if(params.begin(), params.end(),
                                  [](const nlohmann::json& p) { return p["name"] == "order"; });
  REQUIRE(order != params.end());
  CHECK((*order)["choices"] == nlohmann::json({"paper", "reference"}));
  CHECK(catalog["settings"][0]["name"] == "scenario");
}

TEST_CASE("commsim schema prints the JSON Schema that list --schema prints") {
  const CliResult schema = run_cli("schema");
  REQUIRE(schema.exit_code == 0);
  const auto parsed = nlohmann::json::parse(schema.out);
  CHECK(parsed["properties"].contains("topology"));
  CHECK(schema.out == run_cli("list --schema").out);
}
