// `commsim list`: every plugin with its parameters, from the registries.
#include <iostream>

#include "app/command_line.hpp"
#include "app/plugin_catalog.hpp"
#include "app/scenario_schema.hpp"
#include "sim/params/input_error.hpp"
#include "sim/params/suggest.hpp"

namespace commsim {

int list_command(const Arguments& arguments) {
  std::string family;
  bool markdown = false;
  bool json = false;
  bool schema = false;
  po::options_description options("options");
  options.add_options()("family", po::value(&family),
                        "links, media, topologies, compressors, tasks or algorithms")(
      "markdown", po::bool_switch(&markdown), "print the whole scenario reference as Markdown")(
      "json", po::bool_switch(&json),
      "print the whole catalog as JSON (settings blocks and every family's plugins)")(
      "schema", po::bool_switch(&schema),
      "print a JSON Schema of scenario files, for editors and validators");
  po::positional_options_description positional;
  positional.add("family", 1);
  po::variables_map values;
  if (!parse_command_line(arguments,
                          "commsim list [links|media|topologies|compressors|tasks|algorithms] "
                          "[--markdown | --json | --schema]",
                          options, positional, values)) {
    return 0;
  }
  if (markdown) {
    std::cout << scenario_reference_markdown();
    return 0;
  }
  if (schema) {
    std::cout << scenario_schema().dump(2) << "\n";
    return 0;
  }
  if (json) {
    std::cout << catalog_json().dump(2) << "\n";
    return 0;
  }
  const auto catalog = plugin_catalog();
  std::vector<std::string> names;
  for (const auto& group : catalog)
    names.push_back(group.family);
  bool found = family.empty();
  for (const auto& group : catalog) {
    if (!family.empty() && group.family != family)
      continue;
    found = true;
    std::cout << describe_family_text(group);
  }
  if (!found) {
    throw InputError("list", "unknown family \"" + family + "\"" + did_you_mean(family, names) +
                                 "; families: " + join_alternatives(names));
  }
  return 0;
}

int schema_command(const Arguments& arguments) {
  Arguments with_flag = arguments;
  with_flag.push_back("--schema");
  return list_command(with_flag);
}

}  // namespace commsim
