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
