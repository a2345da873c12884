// --set paths: dotted keys, list indices (JSON pointer style) and removal,
// with errors that name the path and what it holds.
#include <doctest/doctest.h>

#include "app/json_path.hpp"
#include "sim/params/input_error.hpp"

using namespace commsim;

namespace {
std::string error_of(nlohmann::json document, const std::string& assignment) {
  try {
    apply_assignment(document, assignment, "--set");
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}
}  // namespace

TEST_CASE("--set addresses keys, list elements, and removes a key given alone") {
  nlohmann::json scenario = {{"topology", {{"kind", "ring"}}},
                             {"faults", {{"crashes", {{{"node", 1}, {"at_s", 0}}}}}}};
  apply_assignment(scenario, "topology.k=3", "--set");
  CHECK(scenario["topology"]["k"] == 3);
  apply_assignment(scenario, "faults.crashes.0.node=5", "--set");
  CHECK(scenario["faults"]["crashes"][0]["node"] == 5);
  apply_assignment(scenario, "faults.crashes.1={\"node\": 2, \"at_s\": 1}", "--set");
  REQUIRE(scenario["faults"]["crashes"].size() == 2);  // the length appends
  CHECK(scenario["faults"]["crashes"][1]["node"] == 2);
  apply_assignment(scenario, "link.model=ethernet", "--set");  // created on the way
  CHECK(scenario["link"]["model"] == "ethernet");
  apply_assignment(scenario, "faults.crashes.0", "--set");
  REQUIRE(scenario["faults"]["crashes"].size() == 1);
  CHECK(scenario["faults"]["crashes"][0]["node"] == 2);
  apply_assignment(scenario, "topology.k", "--set");
  CHECK_FALSE(scenario["topology"].contains("k"));
}

TEST_CASE("bad --set paths say what is there") {
  const nlohmann::json scenario = {{"topology", {{"kind", "ring"}}},
                                   {"faults", {{"crashes", nlohmann::json::array()}}}};
  CHECK(error_of(scenario, "topology.kind.x=1") ==
        "--set topology.kind.x: \"topology.kind\" is string, not an object or a list");
  CHECK(error_of(scenario, "faults.crashes.3.node=1") ==
        "--set faults.crashes.3.node: \"faults.crashes\" is a list of 0: expected an index "
        "0..0 (the length appends), got \"3\"");
  CHECK(error_of(scenario, "faults.crashes.x=1").find("expected an index") != std::string::npos);
  CHECK(error_of(scenario, "stop.rounds") ==
        "--set stop.rounds: nothing to remove: the scenario has no such key");
  CHECK(error_of(scenario, "=3").find("expected PATH=VALUE") != std::string::npos);
  CHECK(error_of(scenario, "a..b=1").find("empty component") != std::string::npos);
}
