#pragma once
// Every registry's self-descriptions in one place, for `commsim list` and the
// generated scenario reference (docs/scenario-reference.md).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/params/param_spec.hpp"

namespace commsim {

struct PluginFamily {
  std::string family;    // "links", "topologies", ...
  std::string block;     // the scenario block that selects one: "link", "topology", ...
  std::string selector;  // "model" or "kind"
  std::vector<PluginInfo> plugins;
  std::string note = "";  // other blocks that take the same plugins, if any
};

std::vector<PluginFamily> plugin_catalog();
std::string describe_family_text(const PluginFamily& family);  // for the terminal
std::string scenario_reference_markdown();                     // the whole reference page
// The same catalog for programs (editors, scripts): the settings blocks and
// every family's plugins with each parameter's type, default, range,
// choices and help.
nlohmann::json catalog_json();

}  // namespace commsim
