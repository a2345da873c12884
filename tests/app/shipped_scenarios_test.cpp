// Every scenario and sweep shipped in scenarios/ is valid as the current
// code reads it: a renamed parameter or a stricter check cannot leave a
// documented study broken.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

TEST_CASE("every shipped scenario validates and every shipped sweep expands") {
  int checked = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::filesystem::path("scenarios"))) {
    if (entry.path().extension() != ".json")
      continue;
    std::ifstream in(entry.path());
    const bool sweep = nlohmann::json::parse(in).contains("base");
    const std::string command = sweep ? "sweep '" + entry.path().string() + "' --dry-run"
                                      : "validate '" + entry.path().string() + "'";
    const CliResult result = run_cli(command);
    CHECK_MESSAGE(result.exit_code == 0, (entry.path().string() + ": " + result.err));
    ++checked;
  }
  CHECK(checked >= 15);
}
