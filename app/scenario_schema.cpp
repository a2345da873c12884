#include "app/scenario_schema.hpp"

#include <algorithm>
#include <stdexcept>

#include "app/plugin_catalog.hpp"
#include "app/scenario.hpp"

namespace commsim {

namespace {
// One value of a parameter; null allowed where the parameter may be unset.
nlohmann::json value_schema(const ParamSpec& spec) {
  nlohmann::json schema;
  auto range = [&](nlohmann::json& into) {
    if (spec.minimum)
      into[spec.minimum_exclusive ? "exclusiveMinimum" : "minimum"] = *spec.minimum;
    if (spec.maximum)
      into["maximum"] = *spec.maximum;
  };
  switch (spec.type) {
    case ParamType::kInteger:
      schema = {{"type", "integer"}};
      range(schema);
      break;
    case ParamType::kReal:
      schema = {{"type", "number"}};
      range(schema);
      break;
    case ParamType::kBoolean:
      schema = {{"type", "boolean"}};
      break;
    case ParamType::kString:
      schema = {{"type", "string"}};
      break;
    case ParamType::kChoice:
      schema = {{"enum", spec.choices}};
      break;
    case ParamType::kPoints:
      schema = {
          {"type", "array"},
          {"items",
           {{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 2}, {"maxItems", 2}}}};
      break;
    case ParamType::kRealList:
    case ParamType::kIntegerList: {
      nlohmann::json item = {{"type", spec.type == ParamType::kRealList ? "number" : "integer"}};
      range(item);
      schema = {{"type", "array"}, {"items", item}};
      break;
    }
  }
  schema["description"] = spec.help;
  if (spec.optional)
    schema = {{"description", spec.help}, {"anyOf", {schema, {{"type", "null"}}}}};
  return schema;
}

// Parameters without a default that may not be left out.
nlohmann::json required_of(const PluginInfo& info) {
  nlohmann::json required = nlohmann::json::array();
  for (const auto& spec : info.params) {
    if (spec.default_value.is_null() && !spec.optional)
      required.push_back(spec.name);
  }
  return required;
}

nlohmann::json properties_of(const PluginInfo& info) {
  nlohmann::json properties = nlohmann::json::object();
  for (const auto& spec : info.params)
    properties[spec.name] = value_schema(spec);
  return properties;
}

// A settings block: its parameters and nothing else (plus `extra` members).
nlohmann::json settings_schema(const PluginInfo& info,
                               const nlohmann::json& extra = nlohmann::json::object()) {
  nlohmann::json properties = properties_of(info);
  properties.update(extra);
  return {{"type", "object"},
          {"description", info.description},
          {"properties", properties},
          {"required", required_of(info)},
          {"additionalProperties", false}};
}

// Learning tasks also take "partition": {"kind": ..., "alpha": ..., ...}.
void allow_nested_partition(nlohmann::json& properties) {
  if (!properties.contains("partition"))
    return;
  nlohmann::json nested = {{"type", "object"}, {"required", {"kind"}}, {"properties", {}}};
  nested["properties"]["kind"] = properties["partition"];
  for (const char* key : {"alpha", "redraw", "shards_per_node"}) {
    if (properties.contains(key))
      nested["properties"][key] = properties[key];
  }
  nested["additionalProperties"] = false;
  properties["partition"] = {{"anyOf", {properties["partition"], nested}}};
}

// {"kind" | "model": NAME, params}: the selector picks which parameters apply.
nlohmann::json family_schema(const PluginFamily& family) {
  nlohmann::json names = nlohmann::json::array();
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& plugin : family.plugins) {
    names.push_back(plugin.name);
    nlohmann::json properties = properties_of(plugin);
    allow_nested_partition(properties);
    properties[family.selector] = {{"const", plugin.name}};
    cases.push_back({{"if", {{"properties", {{family.selector, {{"const", plugin.name}}}}}}},
                     {"then",
                      {{"properties", properties},
                       {"required", required_of(plugin)},
                       {"additionalProperties", false}}}});
  }
  nlohmann::json selector = {{"enum", names}};
  return {{"type", "object"},
          {"required", {family.selector}},
          {"properties", {{family.selector, selector}}},
          {"allOf", cases}};
}

const PluginInfo& settings_named(const std::vector<PluginInfo>& blocks, const std::string& name) {
  const auto it = std::find_if(blocks.begin(), blocks.end(),
                               [&](const PluginInfo& info) { return info.name == name; });
  if (it == blocks.end())
    throw std::logic_error("scenario_schema: no settings block " + name);
  return *it;
}

const PluginFamily& family_named(const std::vector<PluginFamily>& families,
                                 const std::string& name) {
  const auto it = std::find_if(families.begin(), families.end(),
                               [&](const PluginFamily& family) { return family.family == name; });
  if (it == families.end())
    throw std::logic_error("scenario_schema: no family " + name);
  return *it;
}

nlohmann::json list_of(const nlohmann::json& item) {
  return {{"type", "array"}, {"items", item}};
}
}  // namespace

nlohmann::json scenario_schema() {
  const auto blocks = settings_blocks();
  const auto families = plugin_catalog();
  nlohmann::json properties = properties_of(settings_named(blocks, "scenario"));
  for (const auto& family : families) {
    if (family.family != "media")
      properties[family.block] = family_schema(family);
  }
  properties["downlink"] = family_schema(family_named(families, "compressors"));
  properties["network"] =
      settings_schema(settings_named(blocks, "network"),
                      {{"medium", family_schema(family_named(families, "media"))}});
  properties["compute"] = settings_schema(settings_named(blocks, "compute"));
  properties["faults"] = settings_schema(
      settings_named(blocks, "faults"),
      {{"links_down", list_of(settings_schema(settings_named(blocks, "faults.links_down[]")))},
       {"crashes", list_of(settings_schema(settings_named(blocks, "faults.crashes[]")))}});
  properties["stop"] =
      settings_schema(settings_named(blocks, "stop"),
                      {{"target", settings_schema(settings_named(blocks, "stop.target"))}});
  properties["record"] = settings_schema(settings_named(blocks, "record"));
  // Each entry: "nodes" or "edges", then link parameters (checked by commsim).
  properties["link_overrides"] = list_of(
      {{"type", "object"}, {"oneOf", {{{"required", {"nodes"}}}, {{"required", {"edges"}}}}}});
  for (const auto& [name, description] : scenario_blocks()) {
    if (properties.contains(name))
      properties[name]["description"] = description;
  }
  return {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
          {"title", "commsim scenario"},
          {"type", "object"},
          {"properties", properties},
          {"additionalProperties", false}};
}

}  // namespace commsim
