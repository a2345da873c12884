#include <doctest/doctest.h>

#include <string>

#include "sim/params/params.hpp"
#include "sim/params/registry.hpp"
#include "sim/params/suggest.hpp"

using namespace commsim;

namespace {
PluginInfo sample_info() {
  return {"sample",
          "a plugin for tests",
          {ParamSpec::real("bandwidth_bps", 1e6, "rate").above(0),
           ParamSpec::integer("k", 1, "degree").at_least(1).at_most(8),
           ParamSpec::boolean("ack", true, "acknowledge"),
           ParamSpec::choice("transport", {"udp", "tcp"}, "udp", "transport"),
           ParamSpec::optional_integer("rows", "rows")},
          ""};
}

std::string message_of(const nlohmann::json& block) {
  try {
    resolve_params(block, "link", sample_info(), "model");
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}
}  // namespace

TEST_CASE("defaults are filled in and given values kept") {
  const auto resolved =
      resolve_params({{"model", "sample"}, {"k", 3}}, "link", sample_info(), "model");
  CHECK(resolved["model"] == "sample");
  CHECK(resolved["k"] == 3);
  CHECK(resolved["bandwidth_bps"] == 1e6);
  CHECK(resolved["ack"] == true);
  CHECK(resolved["transport"] == "udp");
  CHECK(resolved["rows"].is_null());
  const Params params(resolved, "link");
  CHECK(params.integer("k") == 3);
  CHECK_FALSE(params.has("rows"));
}

TEST_CASE("an integer written as 3.0 is accepted and stored as an integer") {
  const auto resolved = resolve_params({{"k", 3.0}}, "topology", sample_info(), "kind");
  CHECK(resolved["k"].is_number_integer());
}

TEST_CASE("errors name the JSON path, the bad value and what is allowed") {
  CHECK(message_of({{"bandwidth_bps", -5}}) == "link.bandwidth_bps: got -5, expected a number > 0");
  CHECK(message_of({{"bandwidth_bps", "fast"}}) ==
        "link.bandwidth_bps: got \"fast\", expected a number > 0");
  CHECK(message_of({{"k", 2.5}}) == "link.k: got 2.5, expected an integer >= 1 and <= 8");
  CHECK(message_of({{"k", 9}}) == "link.k: got 9, expected an integer >= 1 and <= 8");
  CHECK(message_of({{"ack", 1}}) == "link.ack: got 1, expected true or false");
  CHECK(message_of({{"transport", "tpc"}}) ==
        "link.transport: got \"tpc\", expected one of \"udp\" or \"tcp\" (did you mean \"tcp\"?)");
  const std::string unknown = message_of({{"bandwith_bps", 5}});
  CHECK(unknown.find(
            "link.bandwith_bps: unknown parameter of sample (did you mean \"bandwidth_bps\"?)") ==
        0);
  CHECK(message_of(nlohmann::json::array()) == "link: got [], expected an object");
}

TEST_CASE("a registry lookup names what exists and suggests the closest") {
  Registry<int> registry("topology", {{{"ring", "", {}, ""}, 1}, {{"torus", "", {}, ""}, 2}});
  CHECK(registry.find("torus", "topology.kind").make == 2);
  try {
    registry.find("rign", "topology.kind");
    FAIL("expected an error");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()) ==
          "topology.kind: unknown topology \"rign\" (did you mean \"ring\"?); available: ring or "
          "torus");
  }
}

TEST_CASE("edit distance and suggestions") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(closest_match("nodse", {"nodes", "seed"}) == "nodes");
  CHECK(closest_match("zzzzzz", {"nodes", "seed"}).empty());
}
