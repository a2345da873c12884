// A scenario's files are found next to it, whatever the working directory.
#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace commsim::testing;

TEST_CASE("task.path, task.test_path and topology.file are taken from the scenario file's folder") {
  const auto folder = fresh_directory("relative-paths");
  std::filesystem::create_directories(folder / "study" / "data");
  // Four nodes in a path graph; two classes, separable on feature 1.
  std::ofstream(folder / "study" / "data" / "edges.txt") << "0 1\n1 2\n2 3\n";
  std::ofstream train(folder / "study" / "data" / "train.svm");
  std::ofstream test(folder / "study" / "data" / "test.svm");
  for (int i = 0; i < 40; ++i) {
    train << (i % 2 == 0 ? "+1" : "-1") << " 1:" << (i % 2 == 0 ? 1.0 : -1.0) << " 2:0.5\n";
    test << (i % 2 == 0 ? "+1" : "-1") << " 1:" << (i % 2 == 0 ? 1.0 : -1.0) << "\n";
  }
  train.close();
  test.close();
  const nlohmann::json scenario = {
      {"nodes", 4},
      {"topology", {{"kind", "edge_list"}, {"file", "data/edges.txt"}}},
      {"link", {{"model", "affine_bit"}}},
      {"task",
       {{"kind", "logistic"},
        {"dataset", "libsvm"},
        {"path", "data/train.svm"},
        {"test_path", "data/test.svm"},
        {"batch", 4}}},
      {"algorithm", {{"kind", "dsgd"}, {"lr", 0.5}}},
      {"stop", {{"rounds", 5}}}};
  std::ofstream(folder / "study" / "s.json") << scenario.dump();
  // run_cli works from the source tree, not from the scenario's folder.
  const CliResult result = run_cli("run '" + (folder / "study" / "s.json").string() +
                                   "' --quiet --out '" + (folder / "out").string() + "'");
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  const auto resolved = nlohmann::json::parse(read_text(folder / "out" / "scenario.resolved.json"));
  CHECK(resolved["task"]["path"] == (folder / "study" / "data" / "train.svm").string());
  CHECK(resolved["task"]["test_path"] == (folder / "study" / "data" / "test.svm").string());
  CHECK(resolved["topology"]["file"] == (folder / "study" / "data" / "edges.txt").string());
}
