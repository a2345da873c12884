// Input as a hostile user would write it: names that would leave the
// results folder, nesting that would overflow the stack, special files,
// duplicate keys, huge or raw values echoed in messages, and integers
// outside what the simulator can represent. Each ends with exit 2 and one
// short line, or with a run whose folder stays where it belongs.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/folder_name.hpp"
#include "cli_runner.hpp"

using namespace commsim;
using namespace commsim::testing;

namespace {
const nlohmann::json kSmall = {{"nodes", 4},
                               {"topology", {{"kind", "ring"}}},
                               {"task", {{"kind", "consensus"}, {"dim", 4}}},
                               {"stop", {{"rounds", 2}}}};

std::filesystem::path write_json(const std::filesystem::path& folder, const std::string& name,
                                 const nlohmann::json& value) {
  const auto file = folder / name;
  std::ofstream(file) << value.dump(2);
  return file;
}

void check_one_line_error(const CliResult& result, const std::string& expected) {
  CHECK(result.exit_code == 2);
  CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  CHECK_MESSAGE(result.err.find(expected) != std::string::npos, result.err);
}
}  // namespace

TEST_CASE("a scenario or sweep name that would leave results/ is refused") {
  const auto folder = fresh_directory("hostile-names");
  // Relative to the source folder, where run_cli starts commsim.
  const auto escaped = std::filesystem::path(COMMSIM_SOURCE_DIR) / "results" / ".." / ".." / "x";
  const bool existed = std::filesystem::exists(escaped);
  const std::vector<std::string> names = {"../../x",
                                          "..",
                                          ".",
                                          "a/b",
                                          "a\\b",
                                          "line\nbreak",
                                          std::string(kMaxFolderNameBytes + 1, 'n')};
  for (const std::string& name : names) {
    CAPTURE(name);
    nlohmann::json scenario = kSmall;
    scenario["name"] = name;
    const auto file = write_json(folder, "scenario.json", scenario);
    check_one_line_error(run_cli("run '" + file.string() + "' --quiet"),
                         "name: got " + nlohmann::json(name).dump().substr(0, 20));
    const auto sweep = write_json(folder, "sweep.json",
                                  {{"name", name}, {"base", kSmall}, {"grid", {{"seed", {1, 2}}}}});
    check_one_line_error(run_cli("sweep '" + sweep.string() + "' --quiet"),
                         "expected a folder name of at most 200 bytes");
  }
  CHECK(std::filesystem::exists(escaped) == existed);
}

TEST_CASE("a swept value with separators gives a run folder inside the sweep folder") {
  const auto folder = fresh_directory("hostile-run-ids");
  const auto out = folder / "out";
  const nlohmann::json sweep = {{"base", kSmall},
                                {"grid",
                                 {{"seed",
                                   {{{"label", "a/b"}, {"value", 1}},
                                    {{"label", "../.."}, {"value", 2}},
                                    {{"label", std::string(300, 'l')}, {"value", 3}}}},
                                  {"task.dim", {2, 3}}}}};
  const auto file = write_json(folder, "sweep.json", sweep);
  REQUIRE(run_cli("sweep '" + file.string() + "' --quiet --out '" + out.string() + "'").exit_code ==
          0);
  std::size_t runs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    if (!entry.is_directory())
      continue;
    ++runs;
    const std::string id = entry.path().filename().string();
    CAPTURE(id);
    CHECK(id.size() <= kMaxFolderNameBytes);
    CHECK(id.find('/') == std::string::npos);
    CHECK(std::filesystem::exists(entry.path() / "summary.json"));
  }
  CHECK(runs == 6);
  CHECK(std::distance(std::filesystem::directory_iterator(folder),
                      std::filesystem::directory_iterator()) == 2);  // sweep.json and out
}

TEST_CASE("safe_folder_name keeps names inside their folder and long ones unique") {
  CHECK(safe_folder_name("a/b\\c\nd") == "a_b_c_d");
  CHECK(safe_folder_name("..") == "__");
  CHECK(safe_folder_name(".") == "_");
  CHECK(safe_folder_name("plain-name") == "plain-name");
  const std::string long_a = std::string(200, 'x') + "a";
  const std::string long_b = std::string(200, 'x') + "b";
  CHECK(safe_folder_name(long_a).size() <= kMaxFolderNameBytes);
  CHECK(safe_folder_name(long_a) != safe_folder_name(long_b));
}

TEST_CASE("JSON nested deeper than the limit is refused before the parser recurses") {
  const auto folder = fresh_directory("hostile-deep");
  const std::string deep = std::string(70'000, '[') + std::string(70'000, ']');
  const auto scenario = folder / "deep.json";
  std::ofstream(scenario) << "{\"name\": " << deep << "}";
  check_one_line_error(run_cli("validate '" + scenario.string() + "'"),
                       "invalid JSON: nested deeper than 64 levels");
  const auto sweep = folder / "sweep.json";
  std::ofstream(sweep) << "{\"base\": " << deep << "}";
  check_one_line_error(run_cli("sweep '" + sweep.string() + "' --dry-run"),
                       "invalid JSON: nested deeper than 64 levels");
  const auto small = write_json(folder, "small.json", kSmall);
  check_one_line_error(
      run_cli("validate '" + small.string() + "' --set 'task.dim=" + std::string(100, '[') + "'"),
      "--set task.dim: nests deeper than 64 levels");
  // Brackets inside strings are text, not nesting.
  nlohmann::json bracketed = kSmall;
  bracketed["name"] = std::string(100, '[');
  const auto text = write_json(folder, "bracketed.json", bracketed);
  CHECK(run_cli("validate '" + text.string() + "'").exit_code == 0);
}

TEST_CASE("a directory, a device or a FIFO as a scenario is refused without reading it") {
  const auto folder = fresh_directory("hostile-files");
  check_one_line_error(run_cli("validate '" + folder.string() + "'"),
                       "is a directory, expected a scenario JSON file");
  check_one_line_error(run_cli("sweep '" + folder.string() + "' --dry-run"),
                       "is a directory, expected a sweep JSON file");
  check_one_line_error(run_cli("validate /dev/zero"),
                       "/dev/zero: is not a regular file (a FIFO, device or socket)");
  const auto fifo = folder / "fifo.json";
  REQUIRE(std::system(("mkfifo '" + fifo.string() + "'").c_str()) == 0);
  check_one_line_error(run_cli("validate '" + fifo.string() + "'"), "is not a regular file");
  nlohmann::json scenario = kSmall;
  scenario["topology"] = {{"kind", "edge_list"}, {"file", folder.string()}};
  const auto file = write_json(folder, "edges.json", scenario);
  check_one_line_error(run_cli("validate '" + file.string() + "'"),
                       "topology.file: \"" + folder.string() + "\" is a directory");
}

TEST_CASE("a duplicate key is refused with its path") {
  const auto folder = fresh_directory("hostile-duplicates");
  const std::pair<std::string, std::string> cases[] = {
      {"{\"nodes\": 4, \"nodes\": 8}", "duplicate key \"nodes\" at nodes"},
      {"{\"topology\": {\"kind\": \"ring\", \"kind\": \"star\"}}",
       "duplicate key \"kind\" at topology.kind"},
      {"{\"faults\": {\"crashes\": [{\"node\": 1, \"at_s\": 1}, {\"node\": 1, \"node\": 2}]}}",
       "duplicate key \"node\" at faults.crashes.1.node"},
  };
  for (const auto& bad : cases) {
    const std::string& text = bad.first;  // clang 14 cannot capture a structured binding
    const std::string& expected = bad.second;
    CAPTURE(text);
    const auto file = folder / "duplicate.json";
    std::ofstream(file) << text;
    check_one_line_error(run_cli("validate '" + file.string() + "'"), expected);
  }
  const auto small = write_json(folder, "small.json", kSmall);
  check_one_line_error(
      run_cli("validate '" + small.string() + "' --set 'task={\"dim\": 2, \"dim\": 3}'"),
      "duplicate key \"dim\" at dim");
}

TEST_CASE("values in messages are cut short and escaped, so an error stays one short line") {
  const auto folder = fresh_directory("hostile-messages");
  const auto small = write_json(folder, "small.json", kSmall);
  const CliResult huge = run_cli("validate '" + small.string() +
                                 "' --set 'topology.kind=" + std::string(100'000, 'x') + "'");
  check_one_line_error(huge, "topology.kind: unknown topology");
  CHECK(huge.err.size() < 1000);
  nlohmann::json scenario = kSmall;
  scenario["topology"] = {{"kind", "ri\nng\u202e\x1b[31m"}};
  scenario["a\nkey"] = 1;
  const auto file = write_json(folder, "raw.json", scenario);
  const CliResult raw = run_cli("validate '" + file.string() + "'");
  check_one_line_error(raw, "a\\u000Akey: unknown key");
  CHECK(raw.err.find('\x1b') == std::string::npos);
  scenario.erase("a\nkey");
  const auto kind = write_json(folder, "kind.json", scenario);
  const CliResult quoted = run_cli("validate '" + kind.string() + "'");
  CHECK(quoted.exit_code == 2);
  CHECK(std::count(quoted.err.begin(), quoted.err.end(), '\n') == 1);
  CHECK(quoted.err.find("\xe2\x80\xae") == std::string::npos);  // U+202E, right-to-left override
  CHECK(quoted.err.find('\x1b') == std::string::npos);
}

TEST_CASE("integers outside their declared range or beyond int64 are refused with path and range") {
  const auto folder = fresh_directory("hostile-integers");
  const auto small = write_json(folder, "small.json", kSmall);
  const std::pair<std::string, std::string> cases[] = {
      {"stop.rounds=9223372036854775808",
       "stop.rounds: got 9223372036854775808, expected an integer >= 1 (integers are at most "
       "9223372036854775807)"},
      {"stop.rounds=18446744073709551615", "stop.rounds: got 18446744073709551615"},
      {"nodes=18446744073709551615", "nodes: got 18446744073709551615"},
      {"seed=-1", "seed: got -1, expected an integer >= 0"},
      {"record.every=2.5", "record.every: got 2.5, expected an integer >= 1"},
      {"topology={\"kind\": \"base\", \"k\": 9223372036854775807}",
       "topology.k: got 9223372036854775807, expected an integer >= 1 and <= 1e+07"},
      {"topology={\"kind\": \"simple_base\", \"k\": 9223372036854775807}",
       "topology.k: got 9223372036854775807, expected an integer >= 1 and <= 1e+07"},
      {"topology={\"kind\": \"torus\", \"rows\": 18446744073709551615}",
       "topology.rows: got 18446744073709551615"},
      {"faults={\"crashes\": [{\"node\": 18446744073709551615, \"at_s\": 1}]}",
       "node: got 18446744073709551615"},
      {"faults={\"crashes\": [{\"node\": 4, \"at_s\": 1}]}", "expected a node in 0..3"},
      {"algorithm={\"kind\": \"ps_sgd\", \"mode\": \"async\", \"max_staleness\": -5}",
       "algorithm.max_staleness: got -5, expected an integer >= 0"},
  };
  for (const auto& bad : cases) {
    const std::string& assignment = bad.first;  // clang 14 cannot capture a structured binding
    const std::string& expected = bad.second;
    CAPTURE(assignment);
    check_one_line_error(run_cli("validate '" + small.string() + "' --set '" + assignment + "'"),
                         expected);
  }
}
