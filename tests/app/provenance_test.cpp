// Provenance: the build that made a result goes into summary.json
// (deterministic per build), what changes from run to run into
// provenance.json, so reruns keep every other file byte-identical.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

#include "app/version.hpp"

using namespace commsim::testing;

TEST_CASE("summary.json names the build, provenance.json holds what differs between reruns") {
  const auto folder = fresh_directory("provenance");
  const auto first = folder / "first", second = folder / "second";
  for (const auto& out : {first, second}) {
    REQUIRE(
        run_cli("run scenarios/quickstart.json --quiet --out '" + out.string() + "'").exit_code ==
        0);
  }
  for (const char* file : {"series.csv", "summary.json", "scenario.resolved.json"})
    CHECK(read_text(first / file) == read_text(second / file));

  const auto summary = nlohmann::json::parse(read_text(first / "summary.json"));
  const auto& build = summary["build"];
  CHECK(build["version"] == commsim::kCommsimVersion);
  CHECK(build["version"].get<std::string>().rfind("0.1.0", 0) == 0);
  CHECK(build["commit"] == commsim::kGitCommit);
  CHECK(build["dirty"] == commsim::kGitDirty);
  CHECK(build["build_type"].is_string());
  CHECK_FALSE(build["compiler"].get<std::string>().empty());
  const auto resolved = nlohmann::json::parse(read_text(first / "scenario.resolved.json"));
  CHECK(resolved["commsim_version"] == commsim::kCommsimVersion);

  const auto provenance = nlohmann::json::parse(read_text(first / "provenance.json"));
  CHECK_FALSE(provenance["host"].get<std::string>().empty());
  CHECK(provenance["started_utc"].get<std::string>().size() == 20);  // 2026-12-03T14:00:00Z
  CHECK(provenance["wall_s"].get<double>() >= 0.0);
  CHECK(provenance["threads"] == 1);
  const std::string command = provenance["command_line"];
  CHECK(command.find(" run scenarios/quickstart.json --quiet --out ") != std::string::npos);
}

TEST_CASE("a sweep's runs record the sweep's command line and its parallel runs") {
  const auto folder = fresh_directory("provenance-sweep");
  std::ofstream(folder / "sweep.json") << R"({
    "base": {"nodes": 4, "topology": {"kind": "ring"}, "task": {"kind": "consensus", "dim": 4},
             "stop": {"rounds": 2}},
    "grid": {"topology.kind": ["ring", "complete"]}})";
  const auto out = folder / "out";
  REQUIRE(run_cli("sweep '" + (folder / "sweep.json").string() + "' --quiet --jobs 2 --out '" +
                  out.string() + "'")
              .exit_code == 0);
  int runs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    if (!entry.is_directory())
      continue;
    ++runs;
    const auto provenance = nlohmann::json::parse(read_text(entry.path() / "provenance.json"));
    CHECK(provenance["threads"] == 2);
    CHECK(provenance["command_line"].get<std::string>().find(" sweep ") != std::string::npos);
  }
  CHECK(runs == 2);
}
