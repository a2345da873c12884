#include "app/plugin_catalog.hpp"

#include <sstream>

#include "app/scenario.hpp"
#include "models/algorithms/registry.hpp"
#include "models/compressors/registry.hpp"
#include "models/links/registry.hpp"
#include "models/media/registry.hpp"
#include "models/tasks/registry.hpp"
#include "topologies/registry.hpp"

namespace commsim {

namespace {
template <class Factory>
std::vector<PluginInfo> infos(const Registry<Factory>& registry) {
  std::vector<PluginInfo> result;
  for (const auto& entry : registry.entries())
    result.push_back(entry.info);
  return result;
}

std::string default_text(const ParamSpec& spec) {
  if (spec.default_value.is_null())
    return spec.optional ? "unset" : "required";
  return spec.default_value.dump();
}
}  // namespace

std::vector<PluginFamily> plugin_catalog() {
  return {
      {"links", "link", "model", infos(link_registry())},
      {"media", "network.medium", "kind", infos(medium_registry()),
       "Optional; without it every link is point_to_point. The radio's MAC timing, frame sizes "
       "and currents come from the ieee802154 link block (docs/network.md)"},
      {"topologies", "topology", "kind", infos(topology_registry())},
      {"compressors", "compressor", "kind", infos(compressor_registry()),
       "The optional top-level block `downlink` takes the same plugins: ps_sgd (mode sync) then "
       "sends the compressed difference between its model and the workers' replica instead of "
       "the float32 model (docs/compressors.md); collective kinds, error_feedback and common_T "
       "are refused there"},
      {"tasks", "task", "kind", infos(task_registry())},
      {"algorithms", "algorithm", "kind", infos(algorithm_registry())},
  };
}

std::string describe_family_text(const PluginFamily& family) {
  std::ostringstream out;
  out << family.family << " (scenario block \"" << family.block << "\": {\"" << family.selector
      << "\": NAME, ...})\n";
  if (!family.note.empty())
    out << "  " << family.note << ".\n";
  for (const auto& plugin : family.plugins) {
    out << "  " << plugin.name << "\n      " << plugin.description << "\n";
    if (!plugin.requirements.empty())
      out << "      requires: " << plugin.requirements << "\n";
    for (const auto& spec : plugin.params) {
      out << "      " << spec.name << " = " << default_text(spec) << "  (" << spec.allowed_text()
          << ")  " << spec.help << "\n";
    }
  }
  out << "\n";
  return out.str();
}

namespace {
void markdown_parameters(std::ostringstream& out, const PluginInfo& plugin) {
  if (plugin.params.empty()) {
    out << "No parameters.\n\n";
    return;
  }
  out << "| parameter | default | allowed | meaning |\n|---|---|---|---|\n";
  for (const auto& spec : plugin.params) {
    out << "| `" << spec.name << "` | `" << default_text(spec) << "` | " << spec.allowed_text()
        << " | " << spec.help << " |\n";
  }
  out << "\n";
}
}  // namespace

std::string scenario_reference_markdown() {
  std::ostringstream out;
  out << "# Scenario reference\n\n"
         "Generated from the plugin registries by `commsim list --markdown`; do not edit by hand "
         "(a test fails when this page is stale). Every parameter has a default, so a minimal "
         "scenario is short; unknown keys are errors.\n\n## Settings blocks\n\n";
  for (const auto& block : settings_blocks()) {
    out << "### `" << block.name << "`\n\n" << block.description << ".\n\n";
    markdown_parameters(out, block);
  }
  for (const auto& family : plugin_catalog()) {
    out << "## " << family.family << " (block `" << family.block << "`, selected by `\""
        << family.selector << "\"`)\n\n";
    if (!family.note.empty())
      out << family.note << ".\n\n";
    for (const auto& plugin : family.plugins) {
      out << "### `" << plugin.name << "`\n\n" << plugin.description << ".\n\n";
      if (!plugin.requirements.empty())
        out << "Requires: " << plugin.requirements << ".\n\n";
      markdown_parameters(out, plugin);
    }
  }
  return out.str();
}

namespace {
nlohmann::json param_json(const ParamSpec& spec) {
  nlohmann::json param = {{"name", spec.name},
                          {"type", spec.type_name()},
                          {"default", spec.default_value},
                          {"optional", spec.optional},
                          {"allowed", spec.allowed_text()},
                          {"help", spec.help}};
  if (spec.minimum) {
    param["minimum"] = *spec.minimum;
    param["minimum_exclusive"] = spec.minimum_exclusive;
  }
  if (spec.maximum)
    param["maximum"] = *spec.maximum;
  if (!spec.choices.empty())
    param["choices"] = spec.choices;
  return param;
}

nlohmann::json plugin_json(const PluginInfo& plugin) {
  nlohmann::json params = nlohmann::json::array();
  for (const auto& spec : plugin.params)
    params.push_back(param_json(spec));
  return {{"name", plugin.name},
          {"description", plugin.description},
          {"requires", plugin.requirements},
          {"params", params}};
}
}  // namespace

nlohmann::json catalog_json() {
  nlohmann::json catalog = {{"settings", nlohmann::json::array()},
                            {"families", nlohmann::json::array()}};
  for (const auto& block : settings_blocks())
    catalog["settings"].push_back(plugin_json(block));
  for (const auto& family : plugin_catalog()) {
    nlohmann::json plugins = nlohmann::json::array();
    for (const auto& plugin : family.plugins)
      plugins.push_back(plugin_json(plugin));
    catalog["families"].push_back({{"family", family.family},
                                   {"block", family.block},
                                   {"selector", family.selector},
                                   {"note", family.note},
                                   {"plugins", plugins}});
  }
  return catalog;
}

}  // namespace commsim
